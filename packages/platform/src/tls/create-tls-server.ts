import type { RequestListener } from 'node:http';
import { type Server, type ServerOptions, createServer } from 'node:https';
import type { SecureContextOptions, TLSSocket } from 'node:tls';
import { isAllowedClient } from './client-identity.ts';
import { type TlsLogger, processWarningLogger } from './tls-logger.ts';
import type { TlsMaterial } from './tls-material.ts';
import type { TlsWatcher } from './watch-tls-files.ts';

export interface TlsServerOptions {
  /**
   * DNS names of the clients this server accepts (`MTLS_ALLOWED_CLIENTS`). When given, every
   * client must present a certificate signed by the CA bundle that names one of them as a DNS
   * SAN; when empty, no client certificate is asked for (a public server).
   */
  allowedClients?: readonly string[];
  logger?: TlsLogger;
  /**
   * Told of every failed handshake (a scanner, a client without the CA, a timeout): its OpenSSL
   * or socket code and the peer. Default: a warning per failure; `serve()` counts them in
   * `tls_handshake_failures_total` and summarizes the log lines.
   */
  onHandshakeFailure?: (code: string, remoteAddress: string | undefined) => void;
  /**
   * Other `https.createServer` options: timeouts, `maxHeaderSize`. `handshakeTimeout` defaults
   * to 5000 ms here (Node's 120 s lets idle half-open connections pile up).
   */
  server?: Omit<ServerOptions, keyof SecureContextOptions | 'requestCert' | 'rejectUnauthorized'>;
}

/**
 * The secure context for a server: TLS 1.2 or newer, the current certificate and key, and, when it
 * checks client certificates, the CA bundle they are checked against. A server that checks none
 * leaves the bundle out: OpenSSL completes a served chain from the context's trust store, so with
 * it loaded every handshake would also send the root CA, which a client must already hold.
 *
 * @example
 * server.setSecureContext(secureContextOptions(tls.current, { checksClients: true }));
 */
export function secureContextOptions(
  { cert, key, ca }: TlsMaterial,
  { checksClients }: { checksClients: boolean },
): SecureContextOptions {
  return {
    cert,
    key,
    ...(checksClients ? { ca } : {}),
    minVersion: 'TLSv1.2',
    ciphers: forwardSecretAead,
  };
}

// TLS 1.3's suites, then for TLS 1.2 only ECDHE key exchange with AEAD ciphers (Mozilla's
// "intermediate" list): no CBC (LUCKY13), no static RSA key exchange, no SHA-1 MACs.
const forwardSecretAead = [
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305',
].join(':');

/**
 * An HTTPS server that follows its TLS files: when `tls` reloads, new connections get the new
 * certificate at once and open ones carry on undisturbed. With `allowedClients`, it is an mTLS
 * server: a client without a certificate from the CA bundle fails the handshake, and one whose
 * certificate names none of the allowed DNS names is cut off before any HTTP is read.
 *
 * @example
 * const tls = await watchTlsFiles({ certFile, keyFile, caFile });
 * const server = createTlsServer(app, tls, { allowedClients: ['gateway'] });
 * server.listen(8443);
 */
export function createTlsServer(
  app: RequestListener,
  tls: TlsWatcher,
  {
    allowedClients = [],
    logger = processWarningLogger,
    onHandshakeFailure = (code, remoteAddress) => {
      logger.warn({ remoteAddress, code }, 'TLS handshake failed');
    },
    server: serverOptions,
  }: TlsServerOptions = {},
): Server {
  const mutual = allowedClients.length > 0;
  if (mutual && tls.current.ca === undefined) {
    throw new Error('Checking client certificates needs a CA bundle (caFile)');
  }
  const server = createServer(
    {
      handshakeTimeout: 5000,
      ...serverOptions,
      ...secureContextOptions(tls.current, { checksClients: mutual }),
      requestCert: mutual,
      rejectUnauthorized: mutual,
    },
    app,
  );
  const useNewMaterial = (material: TlsMaterial) => {
    server.setSecureContext(secureContextOptions(material, { checksClients: mutual }));
  };
  tls.on('reload', useNewMaterial);
  server.once('close', () => tls.off('reload', useNewMaterial));
  if (mutual) {
    // Runs before the HTTP layer's own listener, so a refused client never reaches the app.
    server.prependListener('secureConnection', (socket: TLSSocket) => {
      const certificate = socket.getPeerX509Certificate();
      if (isAllowedClient(certificate, allowedClients)) return;
      logger.warn(
        { remoteAddress: socket.remoteAddress, subjectAltName: certificate?.subjectAltName },
        'Refused a client certificate that names no allowed client',
      );
      socket.destroy();
    });
  }
  server.on('tlsClientError', (error: NodeJS.ErrnoException, socket: TLSSocket) => {
    onHandshakeFailure(error.code ?? 'unknown', socket.remoteAddress);
  });
  return server;
}
