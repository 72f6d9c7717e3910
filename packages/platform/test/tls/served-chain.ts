import { spawn } from 'node:child_process';

/**
 * How many certificates a TLS server sends in its handshake, as `openssl s_client -showcerts`
 * prints them: exactly what went over the wire, never completed from the client's own trust store.
 */
export function servedCertificateCount(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const client = spawn(
      'openssl',
      ['s_client', '-connect', `127.0.0.1:${String(port)}`, '-showcerts'],
      {
        stdio: ['pipe', 'pipe', 'ignore'],
      },
    );
    let output = '';
    client.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    client.on('error', reject);
    client.on('close', () => {
      resolve(output.match(/-----BEGIN CERTIFICATE-----/g)?.length ?? 0);
    });
    // An empty stdin ends the session right after the handshake.
    client.stdin.end();
  });
}
