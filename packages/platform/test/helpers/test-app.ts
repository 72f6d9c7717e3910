import { Router } from 'express';
import { z } from 'zod';
import { createApp, HttpError, validate, type CreateAppOptions } from '../../src/index.ts';
import { logLines } from './log-lines.ts';
import { createLogger } from '../../src/logger/create-logger.ts';

/** An app with a few routes that tests poke at, and its captured log lines. */
export function testApp(options: Partial<CreateAppOptions> = {}) {
  const logs = logLines();
  const logger = createLogger({
    service: 'test',
    version: '9.9.9',
    destination: logs.destination,
  });
  const routes = Router();
  routes.get('/things/:id', (req, res) => {
    res.json({ id: req.params.id });
  });
  routes.post('/things', validate({ body: z.object({ name: z.string() }) }), (req, res) => {
    res.status(201).json({ name: req.body.name });
  });
  routes.put('/things/:id', (_req, res) => {
    res.status(204).end();
  });
  routes.get('/teapot', () => {
    throw new HttpError(418, 'I am a teapot.', { headers: { 'Retry-After': '5' } });
  });
  routes.get('/boom', () => {
    throw new Error('database password is hunter2');
  });
  const app = createApp({ service: 'test', version: '9.9.9', routes, logger, ...options });
  return { app, logs };
}
