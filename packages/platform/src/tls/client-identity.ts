import type { X509Certificate } from 'node:crypto';

/**
 * Whether a client certificate names one of the allowed services as a DNS SAN, matched exactly
 * (no wildcards, never the subject CN), by Node's own X.509 host check.
 *
 * @example
 * isAllowedClient(socket.getPeerX509Certificate(), ['gateway.bulkhead-gateway.svc']);
 */
export function isAllowedClient(
  certificate: X509Certificate | undefined,
  allowedClients: readonly string[],
): boolean {
  if (certificate === undefined) return false;
  return allowedClients.some(
    (name) => certificate.checkHost(name, { subject: 'never', wildcards: false }) !== undefined,
  );
}
