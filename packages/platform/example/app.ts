import { appOptions, createApp, validate, type PlatformApp } from '@bulkhead/platform';
import { Router } from 'express';
import { z } from 'zod';
import type { Config } from './config.ts';

/** The routes as a table; handlers stay thin. This service needs nothing but its settings. */
export function createHelloApp(config: Config): PlatformApp {
  const routes = Router();
  routes.get(
    '/v1/greetings/:name',
    validate({ params: z.object({ name: z.string().regex(/^[A-Za-z]{1,40}$/) }) }),
    (req, res) => {
      res.json({ message: `${config.GREETING}, ${req.params.name}!` });
    },
  );
  routes.post(
    '/v1/greetings',
    validate({ body: z.object({ name: z.string().min(1).max(40) }) }),
    (req, res) => {
      res.status(201).json({ message: `${config.GREETING}, ${req.body.name}!` });
    },
  );
  return createApp({ service: 'hello', version: '1.0.0', routes, ...appOptions(config) });
}
