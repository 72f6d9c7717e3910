import { Router } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApp, createLogger, validate } from '../src/index.ts';
import { logLines } from './helpers/log-lines.ts';

function appWith(routes: Router) {
  const logger = createLogger({ service: 's', version: '1', destination: logLines().destination });
  return createApp({ service: 's', version: '1', routes, logger });
}

describe('validate', () => {
  it('when params, query and body are valid, then handlers get the parsed values', async () => {
    const routes = Router();
    routes.post(
      '/notes/:id',
      validate({
        params: z.object({ id: z.coerce.number().int() }),
        query: z.object({ dryRun: z.enum(['true', 'false']).transform((v) => v === 'true') }),
        body: z.object({ title: z.string().trim() }),
      }),
      (req, res) => {
        const id: number = req.params.id;
        const dryRun: boolean = req.query.dryRun;
        res.json({ id, dryRun, title: req.body.title });
      },
    );

    const res = await request(appWith(routes))
      .post('/notes/7?dryRun=true')
      .send({ title: '  hi  ', extra: 1 });

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: 7, dryRun: true, title: 'hi' });
  });

  it('when parts are invalid, then 400 problem+json lists each path without echoing values', async () => {
    const routes = Router();
    routes.post(
      '/notes/:id',
      validate({
        params: z.object({ id: z.coerce.number().int() }),
        body: z.object({ title: z.string().max(5), tags: z.array(z.string()) }),
      }),
      (_req, res) => res.end(),
    );

    const res = await request(appWith(routes))
      .post('/notes/abc')
      .send({ title: 'TOO-LONG-VALUE', tags: ['ok', 42] });

    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const { errors } = res.body as { errors: { path: string }[] };
    expect(errors.map((error) => error.path)).toEqual(['params.id', 'body.title', 'body.tags.1']);
    expect(res.text).not.toContain('TOO-LONG-VALUE');
    expect(res.text).not.toContain('abc');
  });
});
