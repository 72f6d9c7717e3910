import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';
import { summarizedWarnings } from '../logger/summarized-warnings.ts';

/**
 * Failed TLS handshakes, as `serve()` reports them: counted in `tls_handshake_failures_total{code}`
 * and logged once per code and 10 s with how many more came, so a cipher scan writes a few lines
 * rather than hundreds.
 */
export function handshakeFailures(logger: Logger, registry: Registry) {
  const counter = new Counter({
    name: 'tls_handshake_failures_total',
    help: 'TLS handshakes that failed, by error code',
    labelNames: ['code'],
    registers: [registry],
  });
  const warnings = summarizedWarnings({ logger });
  return function onHandshakeFailure(code: string, remoteAddress: string | undefined): void {
    counter.inc({ code });
    warnings.warn(code, { code, remoteAddress }, 'TLS handshake failed');
  };
}
