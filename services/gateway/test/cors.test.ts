import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { testGateway } from './helpers/gateway.ts';

const preflight = (app: Parameters<typeof request>[0], origin: string) =>
  request(app)
    .options('/v1/notes')
    .set('origin', origin)
    .set('access-control-request-method', 'POST')
    .set('access-control-request-headers', 'authorization, content-type');

describe('CORS', () => {
  it('when CORS_ORIGINS is not set, then a browser preflight is not allowed', async () => {
    const { app } = await testGateway();

    const res = await preflight(app, 'https://app.example.com');

    expect(res.headers).not.toHaveProperty('access-control-allow-origin');
  });

  it('when the origin is listed, then the preflight allows it and its headers', async () => {
    const { app, notes } = await testGateway({ CORS_ORIGINS: 'https://app.example.com' });

    const res = await preflight(app, 'https://app.example.com');

    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(res.headers['access-control-allow-headers']).toMatch(/Authorization/);
    expect(notes.seen).toHaveLength(0);
  });

  it('when the origin is not listed, then it gets no allow header', async () => {
    const { app } = await testGateway({ CORS_ORIGINS: 'https://app.example.com' });

    const res = await preflight(app, 'https://evil.example.com');

    expect(res.headers).not.toHaveProperty('access-control-allow-origin');
  });
});
