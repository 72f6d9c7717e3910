import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

/** `--port N [--cert file --key file]`: what the bare targets are started with. */
export function serverArgs(): { port: number; tls?: { cert: Buffer; key: Buffer } } {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, cert: { type: 'string' }, key: { type: 'string' } },
  });
  const port = Number(values.port ?? '0');
  if (values.cert === undefined || values.key === undefined) return { port };
  return { port, tls: { cert: readFileSync(values.cert), key: readFileSync(values.key) } };
}
