import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { testApp } from './helpers/test-app.ts';

describe('securityHeaders', () => {
  it('when any response is sent, then it carries the JSON API security headers', async () => {
    const { app } = testApp();

    const res = await request(app).get('/things/1');

    expect(res.headers['content-security-policy']).toBe(
      "default-src 'none';frame-ancestors 'none'",
    );
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('when the step is turned off, then helmet headers are gone but X-Powered-By stays off', async () => {
    const { app } = testApp({ securityHeaders: false });

    const res = await request(app).get('/things/1');

    expect(res.headers['content-security-policy']).toBeUndefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});
