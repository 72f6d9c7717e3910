import { request } from 'node:https';
import type { Agent } from 'node:https';
import { TLSSocket } from 'node:tls';

export interface GetOptions {
  ca: string;
  cert?: string;
  key?: string;
  /** Defaults to a fresh connection per request (`agent: false`). */
  agent?: Agent;
  /** What the client offers, to test the server's choices. */
  maxVersion?: 'TLSv1.2' | 'TLSv1.3';
  ciphers?: string;
}

export interface GetResult {
  status: number;
  body: string;
  /** Serial number of the certificate the server presented on this connection. */
  serialNumber: string;
  socket: TLSSocket;
}

/** A GET with node:https that reports which server certificate the connection saw. */
export function httpsGet(url: string, { agent, ...tls }: GetOptions): Promise<GetResult> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ...tls, agent: agent ?? false }, (res) => {
      const socket = res.socket;
      if (!(socket instanceof TLSSocket)) throw new Error('Not a TLS connection');
      const serialNumber = socket.getPeerCertificate().serialNumber;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body, serialNumber, socket });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
