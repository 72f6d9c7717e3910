import { defaults, HttpError } from '@bulkhead/platform';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Dispatcher } from 'undici';
import { bodyTooLarge, readBody } from './read-body.ts';
import {
  circuitBreaker,
  type CircuitBreaker,
  type CircuitBreakerOptions,
} from './circuit-breaker.ts';
import { forwardedHeaderNames, forwardedHeaders } from './forwarded.ts';
import { stripHopByHop } from './hop-by-hop.ts';
import { isConnectionError, toUpstreamError, unavailable } from './upstream-error.ts';

/** Options of {@link createUpstream}. */
export interface UpstreamOptions {
  /** Name in problem details, e.g. `notes`. */
  name: string;
  /** Where requests go: an origin such as `https://notes.bulkhead-notes.svc:8443`. */
  url: string;
  /** The pool: in production the platform's mTLS dispatcher, which has the connect timeout. */
  dispatcher: Dispatcher;
  /** Requests in flight at most; one more is refused with 503 at once instead of queueing. */
  maxConcurrent?: number;
  /** Requests one client (its subject, or its address) may have in flight; beyond, 429. */
  maxPerClient?: number;
  /** A request body must have arrived within this long before it takes a slot; 408 after. */
  requestBodyTimeoutMs?: number;
  /** How long to wait for the response headers once the request is sent. */
  headersTimeoutMs?: number;
  /** Longest silence allowed between two chunks of the response body. */
  bodyTimeoutMs?: number;
  /** Largest request body forwarded; bigger is a 413 (the platform's `BODY_LIMIT`). */
  maxBodyBytes: number;
  breaker?: CircuitBreakerOptions;
  /** Whether this request's `X-Forwarded-*` / `Forwarded` headers come from a proxy we trust. */
  trustForwarded?: (req: IncomingMessage) => boolean;
}

/** One upstream service: see {@link createUpstream}. */
export interface Upstream {
  readonly name: string;
  readonly breaker: CircuitBreaker;
  /** Requests in flight now. */
  readonly inFlight: number;
  /**
   * Forwards `req` (its body read whole first, never parsed) with `headers` added, and streams the
   * answer into `res`. `client` names who asks (a token's subject, or an address), for the
   * per-client share. Rejects with an `HttpError` (408, 413, 429, 502, 503, 504) while nothing is
   * written yet; once the response has started, a failure cuts it off instead.
   */
  forward(
    req: IncomingMessage,
    res: ServerResponse,
    headers?: Record<string, string>,
    client?: string,
  ): Promise<void>;
}

/** What an upstream allows when not told otherwise; the gateway's settings default to these. */
export const upstreamDefaults = {
  maxConcurrent: 64,
  maxPerClient: 16,
  requestBodyTimeoutMs: 10_000,
  headersTimeoutMs: defaults.peerHeadersTimeoutMs,
  bodyTimeoutMs: defaults.peerBodyTimeoutMs,
};

const IDEMPOTENT = new Set(['GET', 'HEAD']);

/**
 * createUpstream makes the client of one upstream service: a bulkhead (bounded concurrency, and a
 * bounded share of it per client, taken only once the request body is all there), a circuit
 * breaker, timeouts, one retry of a body-less GET/HEAD on a connection error, and a clean header
 * set each way (no hop-by-hop headers, `Host` of the upstream, forwarded headers only as far as
 * they are trusted). `X-Request-Id`, `traceparent` and other end-to-end headers pass as is.
 *
 * @example
 * const notes = createUpstream({ name: 'notes', url: config.NOTES_URL, dispatcher, maxBodyBytes });
 */
export function createUpstream({
  name,
  url,
  dispatcher,
  maxConcurrent = upstreamDefaults.maxConcurrent,
  maxPerClient = upstreamDefaults.maxPerClient,
  requestBodyTimeoutMs = upstreamDefaults.requestBodyTimeoutMs,
  headersTimeoutMs = upstreamDefaults.headersTimeoutMs,
  bodyTimeoutMs = upstreamDefaults.bodyTimeoutMs,
  maxBodyBytes,
  breaker: breakerOptions,
  trustForwarded = () => false,
}: UpstreamOptions): Upstream {
  const origin = new URL(url);
  const breaker = circuitBreaker(breakerOptions);
  let inFlight = 0;
  const inFlightOf = new Map<string, number>();

  function requestHeaders(req: IncomingMessage, added: Record<string, string>) {
    const headers = stripHopByHop(req.headers);
    for (const claim of forwardedHeaderNames) Reflect.deleteProperty(headers, claim);
    return {
      ...headers,
      ...forwardedHeaders(req, trustForwarded(req)),
      ...added,
      host: origin.host,
    };
  }

  async function send(options: Dispatcher.RequestOptions, retryable: boolean, signal: AbortSignal) {
    try {
      return await dispatcher.request(options);
    } catch (error) {
      if (!retryable || !isConnectionError(error) || signal.aborted) throw error;
      return dispatcher.request(options);
    }
  }

  async function forward(req: IncomingMessage, res: ServerResponse, added = {}, client?: string) {
    const path =
      'originalUrl' in req && typeof req.originalUrl === 'string' ? req.originalUrl : req.url;
    if (path?.startsWith('/') !== true) throw new HttpError(400, 'request target must be a path');
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBodyBytes) throw bodyTooLarge(maxBodyBytes);
    // The whole body first: a client that trickles it holds its own connection, no shared slot.
    const body = hasBody(req)
      ? await readBody(req, { maxBytes: maxBodyBytes, timeoutMs: requestBodyTimeoutMs })
      : null;
    if (inFlight >= maxConcurrent) throw unavailable(`${name} is at capacity`, 1);
    const held = client === undefined ? 0 : (inFlightOf.get(client) ?? 0);
    if (held >= maxPerClient) {
      throw new HttpError(
        429,
        `Too many requests in flight to ${name} for one client; try again shortly.`,
        {
          headers: { 'Retry-After': '1' },
          reason: 'client_share_full',
        },
      );
    }
    if (!breaker.tryAcquire()) {
      throw unavailable(`${name} is failing; not trying again yet`, breaker.retryAfterSeconds());
    }
    const method = req.method ?? 'GET';
    const cancel = new AbortController();
    // The one 'close' listener this adds: a client that leaves cancels the upstream call (and its
    // response body); a response that ends lets forward return.
    const closed = new Promise<void>((resolve) => {
      res.once('close', () => {
        if (!res.writableFinished) cancel.abort();
        resolve();
      });
    });
    inFlight += 1;
    if (client !== undefined) inFlightOf.set(client, held + 1);
    try {
      let response: Dispatcher.ResponseData;
      try {
        response = await send(
          {
            origin: origin.origin,
            path,
            method,
            headers: requestHeaders(req, added),
            body,
            headersTimeout: headersTimeoutMs,
            bodyTimeout: bodyTimeoutMs,
            signal: cancel.signal,
          },
          IDEMPOTENT.has(method) && body === null,
          cancel.signal,
        );
      } catch (error) {
        // The client left: nothing to hold against upstream.
        if (cancel.signal.aborted) {
          breaker.release();
          throw new HttpError(400, 'the client closed the request', { cause: error });
        }
        breaker.failure();
        throw toUpstreamError(name, error);
      }
      breaker.success();
      res.writeHead(response.statusCode, stripHopByHop(response.headers));
      // A body timeout or a client that leaves now can only cut the response off: an upstream
      // error destroys the client socket, a client that leaves aborts the upstream body. Not
      // stream.pipeline: it adds seven 'close' listeners to every response, and with the
      // platform's own that tips Node's MaxListenersExceededWarning on ordinary requests.
      response.body.once('error', () => res.destroy());
      response.body.pipe(res);
      await closed;
    } finally {
      inFlight -= 1;
      if (client !== undefined) {
        const left = (inFlightOf.get(client) ?? 1) - 1;
        if (left === 0) inFlightOf.delete(client);
        else inFlightOf.set(client, left);
      }
    }
  }

  return {
    name,
    breaker,
    get inFlight() {
      return inFlight;
    },
    forward,
  };
}

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return length === undefined ? req.headers['transfer-encoding'] !== undefined : length !== '0';
}
