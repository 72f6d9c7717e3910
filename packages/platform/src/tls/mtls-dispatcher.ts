import { Agent, Dispatcher } from 'undici';
import type { TlsLogger } from './tls-logger.ts';
import type { TlsFiles, TlsMaterial } from './tls-material.ts';
import { type TlsWatcher, watchTlsFiles } from './watch-tls-files.ts';

export interface MtlsDispatcherOptions extends TlsFiles {
  /** The CA bundle: the only roots trusted for upstream servers. */
  caFile: string;
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  /** Most connections per upstream origin; unlimited when not given. */
  connections?: number;
  logger?: TlsLogger;
}

/** An undici dispatcher whose client certificate follows its files. */
export interface MtlsDispatcher extends Dispatcher {
  /** The watched files; listen to its `reload` event to know the new certificate is in use. */
  readonly tls: TlsWatcher;
}

/**
 * An undici dispatcher for service-to-service calls: it presents the service's certificate, trusts
 * only the CA bundle, and follows the files. On a change, new requests go through a new agent
 * while the old one finishes its requests in flight and then closes, so none fails.
 * `close()` also stops watching the files.
 *
 * @example
 * const dispatcher = await createMtlsDispatcher({
 *   certFile, keyFile, caFile, connectTimeoutMs: 2000, headersTimeoutMs: 5000, bodyTimeoutMs: 5000,
 * });
 * const response = await fetch('https://notes:8443/v1/notes', { dispatcher });
 */
export async function createMtlsDispatcher({
  connectTimeoutMs,
  headersTimeoutMs,
  bodyTimeoutMs,
  connections,
  logger,
  ...files
}: MtlsDispatcherOptions): Promise<MtlsDispatcher> {
  const tls = await watchTlsFiles(files, logger === undefined ? {} : { logger });
  const createAgent = ({ cert, key, ca }: TlsMaterial) =>
    new Agent({
      connect: { cert, key, ca, minVersion: 'TLSv1.2', timeout: connectTimeoutMs },
      headersTimeout: headersTimeoutMs,
      bodyTimeout: bodyTimeoutMs,
      ...(connections === undefined ? {} : { connections }),
    });
  return new ReloadingDispatcher(tls, createAgent);
}

class ReloadingDispatcher extends Dispatcher implements MtlsDispatcher {
  readonly tls: TlsWatcher;
  #agent: Agent;

  constructor(tls: TlsWatcher, createAgent: (material: TlsMaterial) => Agent) {
    super();
    this.tls = tls;
    this.#agent = createAgent(tls.current);
    tls.on('reload', (material) => {
      const previous = this.#agent;
      this.#agent = createAgent(material);
      // close() lets requests in flight finish; it only refuses new ones, which go to the new agent.
      // It can fail only when that agent is already gone, which leaves nothing to do.
      previous.close().catch(() => undefined);
    });
  }

  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler) {
    return this.#agent.dispatch(options, handler);
  }

  override close(): Promise<void>;
  override close(callback: () => void): void;
  override close(callback?: () => void): Promise<void> | void {
    this.tls.close();
    const closed = this.#agent.close();
    if (callback === undefined) return closed;
    void closed.then(callback);
  }

  override destroy(error?: Error | null): Promise<void>;
  override destroy(callback: () => void): void;
  override destroy(error: Error | null, callback: () => void): void;
  override destroy(
    errorOrCallback?: Error | null | (() => void),
    callback?: () => void,
  ): Promise<void> | void {
    this.tls.close();
    const error = typeof errorOrCallback === 'function' ? null : (errorOrCallback ?? null);
    const done = typeof errorOrCallback === 'function' ? errorOrCallback : callback;
    const destroyed = this.#agent.destroy(error);
    if (done === undefined) return destroyed;
    void destroyed.then(done);
  }
}
