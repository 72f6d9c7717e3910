import type { Express } from 'express';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';

/** What `createApp` knows that `serve` needs: who the service is and how to report it. */
export interface AppContext {
  service: string;
  version: string;
  logger: Logger;
  registry: Registry;
  /** The security defaults this app turned off, named for the startup line. */
  relaxed: string[];
}

declare const madeByCreateApp: unique symbol;

/**
 * An Express app made by `createApp`: the only kind `serve` takes, so passing a bare `express()`
 * is a type error (and, from plain JavaScript, a clear runtime one).
 */
export type PlatformApp = Express & { readonly [madeByCreateApp]: true };

const contexts = new WeakMap<Express, AppContext>();

export function setAppContext(app: Express, context: AppContext): PlatformApp {
  contexts.set(app, context);
  return app as PlatformApp;
}

/** The context `createApp` stored; apps built another way get a clear error. */
export function appContext(app: Express): AppContext {
  const context = contexts.get(app);
  if (!context) throw new TypeError('serve() takes an app made by createApp()');
  return context;
}
