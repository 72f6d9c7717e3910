import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CHILD_TIMEOUT_MS, startService, stopService, type RunningService } from './service.ts';

const services: RunningService[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await Promise.all(services.splice(0).map(stopService));
});

/** A keep-alive connection that made one request and now sits idle, held open by the server. */
async function idleConnection(port: number): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  sockets.push(socket);
  socket.on('error', () => undefined);
  await once(socket, 'connect');
  socket.write('GET /v1/ping HTTP/1.1\r\nHost: x\r\n\r\n');
  const [answer] = (await once(socket, 'data')) as [Buffer];
  if (!answer.toString().startsWith('HTTP/1.1 200'))
    throw new Error(`unexpected ${answer.toString()}`);
  return socket;
}

async function status(url: string): Promise<number> {
  try {
    const res = await fetch(url, { headers: { connection: 'close' } });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

describe('open connections', () => {
  it(
    'when idle connections reach MAX_CONNECTIONS, then a new one is closed at once, the admin port still answers, and room returns when they go',
    async () => {
      const service = await startService({ MAX_CONNECTIONS: '5', KEEP_ALIVE_TIMEOUT_MS: '60000' });
      services.push(service);
      const before = await status(`${service.api}/v1/ping`);

      const idle = [];
      for (let i = 0; i < 5; i++) idle.push(await idleConnection(service.port));
      const atCapacity = await status(`${service.api}/v1/ping`);
      const admin = await status(`${service.admin}/livez`);
      for (const socket of idle) socket.destroy();
      let after = 0;
      for (let attempt = 0; attempt < 50 && after !== 200; attempt++)
        after = await status(`${service.api}/v1/ping`);

      expect(before).toBe(200);
      expect(atCapacity).toBe(0);
      expect(admin).toBe(200);
      expect(after).toBe(200);
    },
    CHILD_TIMEOUT_MS,
  );
});
