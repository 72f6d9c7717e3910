import { once } from 'node:events';
import { createServer, type AddressInfo, type Socket } from 'node:net';

/** A raw TCP listener that counts what reaches it: see {@link tcpListener}. */
export interface TcpListener {
  port: number;
  origin: string;
  /** Connections accepted so far. */
  readonly accepted: number;
  /** Connections open now, and the most ever open at once. */
  readonly open: number;
  readonly maxOpen: number;
  /** Resolves once `count` connections have been accepted in all. */
  accepts: (count: number) => Promise<void>;
  close: () => Promise<void>;
}

/**
 * Listens on 127.0.0.1 (`port`, or a free one) and hands each accepted socket and its number
 * (1, 2, …) to `onSocket`: stall it, reset it, answer it.
 */
export async function tcpListener(
  onSocket: (socket: Socket, number: number) => void,
  port = 0,
): Promise<TcpListener> {
  const sockets = new Set<Socket>();
  const waiters: { count: number; resolve: () => void }[] = [];
  let accepted = 0;
  let maxOpen = 0;
  const server = createServer((socket) => {
    accepted += 1;
    sockets.add(socket);
    maxOpen = Math.max(maxOpen, sockets.size);
    socket.on('error', () => undefined);
    socket.once('close', () => sockets.delete(socket));
    onSocket(socket, accepted);
    for (const waiter of waiters.filter(({ count }) => accepted >= count)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  });
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  const bound = (server.address() as AddressInfo).port;
  return {
    port: bound,
    origin: `http://127.0.0.1:${bound}`,
    get accepted() {
      return accepted;
    },
    get open() {
      return sockets.size;
    },
    get maxOpen() {
      return maxOpen;
    },
    accepts: (count) =>
      accepted >= count
        ? Promise.resolve()
        : new Promise((resolve) => waiters.push({ count, resolve })),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Accepts the connection and never answers, as a hung upstream does. */
export const stall = (): void => undefined;

/** Answers every request on the socket with 200 `{"ok":true}` and closes the connection. */
export function answerOk(socket: Socket): void {
  socket.once('data', () => {
    const body = '{"ok":true}';
    socket.end(
      `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
}

/** Resets the connection (TCP RST) as soon as the request arrives: no response at all. */
export function reset(socket: Socket): void {
  socket.once('data', () => socket.resetAndDestroy());
}
