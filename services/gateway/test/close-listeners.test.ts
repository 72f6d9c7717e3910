import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { testGateway } from './helpers/gateway.ts';
import { listen, send } from './helpers/servers.ts';

describe('a proxied request', () => {
  it("when requests are proxied to notes, then each response carries a few 'close' listeners, far from Node's warning at 11", async () => {
    const { app, token } = await testGateway();
    const counts: number[] = [];
    const gateway = await listen(
      createServer((req, res) => {
        res.once('finish', () => counts.push(res.listenerCount('close')));
        app(req, res);
      }),
    );
    const headers = { authorization: `Bearer ${await token('client-a')}` };

    for (let i = 0; i < 5; i += 1) {
      expect((await send(`${gateway}/v1/notes/n${i}`, { headers })).status).toBe(200);
    }

    expect(counts).toHaveLength(5);
    // The platform's access log and metrics, the platform's drain tracker under serve(), and the
    // proxy's own one plus stream piping: five at most, whatever the number of requests.
    expect(Math.max(...counts)).toBeLessThanOrEqual(5);
  });
});
