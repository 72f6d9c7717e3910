/**
 * Every default of the shared settings, written once. The config keys (`platformConfig`,
 * `tokenConfig`, `verifierConfig`) default to these, and so does each function when it is
 * called without them (tests, the bench, an app built by hand).
 */
export const defaults = {
  port: 8443,
  adminPort: 9090,
  host: '0.0.0.0',
  logLevel: 'info',
  /** Most bytes of log lines held while stdout is slower than the service (8 MiB). */
  logBufferMaxBytes: 8 * 1024 * 1024,
  shutdownDelayMs: 5000,
  /** Counted from when the listener closes. */
  shutdownTimeoutMs: 10000,
  /** 10 s, as Apache's mod_reqtimeout gives headers. */
  headersTimeoutMs: 10000,
  requestTimeoutMs: 60000,
  /** Above the 60 s idle timeout of common load balancers. */
  keepAliveTimeoutMs: 65000,
  connectionsCheckingIntervalMs: 1000,
  tlsHandshakeTimeoutMs: 5000,
  maxEventLoopDelayMs: 500,
  /** 0: the utilisation bound is off. */
  maxEventLoopUtilization: 0,
  maxHeaderSize: 16384,
  maxConnections: 1024,
  bodyLimit: '100kb',
  /** Who signs access tokens and for whom: auth writes these, every verifier checks them. */
  tokenIssuer: 'bulkhead-auth',
  tokenAudience: 'bulkhead',
  /** auth's JWKS by its Kubernetes name. */
  jwksUrl: 'https://auth.bulkhead-auth.svc:8443/.well-known/jwks.json',
  jwtClockToleranceSeconds: 30,
  jwksTimeoutMs: 2000,
  /** auth publishes a new key 120 s before signing with it; this stays well below. */
  jwksCooldownMs: 30000,
  /** Outbound calls to a peer service: TCP + TLS, request sent → headers, silence in a body. */
  peerConnectTimeoutMs: 2000,
  peerHeadersTimeoutMs: 5000,
  peerBodyTimeoutMs: 10000,
} as const;
