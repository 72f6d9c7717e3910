import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { request } from 'node:https';
import type { AddressInfo } from 'node:net';

/** A reverse proxy on loopback: see {@link startForwardingProxy}. */
export interface ForwardingProxy {
  port: number;
  close: () => Promise<void>;
}

function appendForwardedFor(headers: IncomingHttpHeaders, peer: string): IncomingHttpHeaders {
  const earlier = headers['x-forwarded-for'];
  return { ...headers, 'x-forwarded-for': earlier ? `${String(earlier)}, ${peer}` : peer };
}

/**
 * Stands where Envoy Gateway stands in the cluster: it accepts plain HTTP on 127.0.0.1 and
 * re-encrypts every request to `target` (verified with `ca`), appending the address it was called
 * from to X-Forwarded-For, as Envoy does with `use_remote_address`. A client's own header is kept
 * to the left, exactly like Envoy's.
 */
export async function startForwardingProxy(target: URL, ca: string): Promise<ForwardingProxy> {
  const server = createServer((incoming, outgoing) => {
    const forwarded = request(
      target,
      {
        method: incoming.method,
        path: incoming.url,
        ca,
        servername: 'gateway.bulkhead-gateway.svc', // the BackendTLSPolicy's hostname
        headers: appendForwardedFor(incoming.headers, incoming.socket.remoteAddress ?? ''),
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forwarded.on('error', () => outgoing.destroy());
    incoming.pipe(forwarded);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
