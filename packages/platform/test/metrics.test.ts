import request from 'supertest';
import { register } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { serve } from '../src/index.ts';
import { testApp } from './helpers/test-app.ts';

async function scrape(app: ReturnType<typeof testApp>['app']): Promise<string> {
  const handle = await serve(app, {
    port: 0,
    adminPort: 0,
    host: '127.0.0.1',
    handleProcess: false,
    shutdownDelayMs: 0,
  });
  try {
    const res = await fetch(`http://127.0.0.1:${handle.adminPort}/metrics`);
    return await res.text();
  } finally {
    await handle.close();
  }
}

const countSeries = (text: string, prefix: string) =>
  text.split('\n').filter((line) => line.startsWith(prefix)).length;

describe('metrics', () => {
  it('when 200 different ids hit one route, then the route adds one series, not 200', async () => {
    const { app } = testApp();

    for (let id = 0; id < 200; id++) await request(app).get(`/things/${id}`);

    const text = await scrape(app);
    expect(
      countSeries(text, 'http_request_duration_seconds_count{method="GET",route="/things/:id"'),
    ).toBe(1);
    expect(text).toContain(
      'http_request_duration_seconds_count{method="GET",route="/things/:id",status_code="200"} 200',
    );
  });

  it('when paths match no route, then they share the unmatched label', async () => {
    const { app } = testApp();

    await request(app).get('/a/1');
    await request(app).get('/b/2');

    const text = await scrape(app);
    expect(text).toContain('route="unmatched",status_code="404"} 2');
  });

  it('when scraped, then in-flight requests and default process metrics are there, on the app registry only', async () => {
    const { app } = testApp();

    const text = await scrape(app);

    expect(text).toContain('http_requests_in_flight');
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(await register.metrics()).not.toContain('http_request_duration_seconds');
  });
});
