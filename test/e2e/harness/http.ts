import { connect } from 'node:tls';
import { once } from 'node:events';
import type { CertificateAndKey } from '@bulkhead/dev-pki';
import { Agent, request, type Dispatcher } from 'undici';

/** What came back: status, headers and the body as JSON when it is JSON. */
export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

export interface CallOptions {
  method?: Dispatcher.HttpMethod;
  /** A bearer token. */
  token?: string;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  json?: unknown;
}

/** One HTTPS request through `dispatcher` (which holds the trusted CA and any client certificate). */
export async function call(
  dispatcher: Dispatcher,
  url: string,
  { method = 'GET', token, headers = {}, json }: CallOptions = {},
): Promise<Reply> {
  const response = await request(url, {
    dispatcher,
    method,
    headers: {
      ...headers,
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...(json === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(json === undefined ? {} : { body: JSON.stringify(json) }),
  });
  const text = await response.body.text();
  const type = String(response.headers['content-type'] ?? '');
  return {
    status: response.statusCode,
    headers: response.headers,
    body: /json/.test(type) && text !== '' ? (JSON.parse(text) as unknown) : text,
  };
}

/** A client-credentials token for `client` from `gatewayUrl`. */
export async function fetchToken(
  dispatcher: Dispatcher,
  gatewayUrl: string,
  client: { id: string; secret: string },
): Promise<string> {
  const response = await request(`${gatewayUrl}/v1/token`, {
    dispatcher,
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  const body = (await response.body.json()) as { access_token?: string };
  if (response.statusCode !== 200 || body.access_token === undefined) {
    throw new Error(`no token: ${response.statusCode} ${JSON.stringify(body)}`);
  }
  return body.access_token;
}

/**
 * Calls `url` on a fresh connection presenting `identity` (or no certificate) and returns how the
 * attempt failed — the error code — or `answered <status>` if an HTTP answer came back.
 */
export async function refusal(
  url: string,
  { ca, identity }: { ca: string; identity?: CertificateAndKey },
): Promise<string> {
  const dispatcher = new Agent({ connect: { ca, ...identity } });
  try {
    const { status } = await call(dispatcher, url);
    return `answered ${status}`;
  } catch (error) {
    const { code, cause } = error as { code?: string; cause?: { code?: string } };
    return cause?.code ?? code ?? String(error);
  } finally {
    await dispatcher.destroy();
  }
}

/** The serial number of the certificate a new TLS connection to `port` is shown. */
export async function peerSerial(
  port: number,
  { ca, identity }: { ca: string; identity: CertificateAndKey },
): Promise<string> {
  const socket = connect({ host: '127.0.0.1', port, ca, ...identity });
  await once(socket, 'secureConnect');
  const serial = socket.getPeerX509Certificate()?.serialNumber ?? '';
  socket.destroy();
  return serial;
}
