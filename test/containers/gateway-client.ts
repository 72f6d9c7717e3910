import { Agent, request } from 'undici';

/**
 * What a user of the published gateway does, trusting only the dev CA (no `-k`); `servername`
 * when the address is not a name the certificate carries (a pod's IP).
 */
export function gatewayClient({
  baseUrl,
  ca,
  servername,
}: {
  baseUrl: string;
  ca: string;
  servername?: string;
}) {
  const dispatcher = new Agent({
    connect: { ca, ...(servername === undefined ? {} : { servername }) },
  });

  async function call(
    path: string,
    init: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string },
  ) {
    const response = await request(new URL(path, baseUrl), { ...init, dispatcher });
    const text = await response.body.text();
    if (response.statusCode >= 300)
      throw new Error(`${init.method ?? 'GET'} ${path}: ${response.statusCode} ${text}`);
    return JSON.parse(text) as Record<string, unknown>;
  }

  return {
    /** A client-credentials token for the demo client, through gateway to auth. */
    async token(clientId: string, clientSecret: string): Promise<string> {
      const { access_token } = await call('/v1/token', {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'grant_type=client_credentials',
      });
      if (typeof access_token !== 'string') throw new Error('no access_token in the answer');
      return access_token;
    },
    /** Creates a note and answers its id. */
    async createNote(token: string, note: { title: string; body: string }): Promise<string> {
      const { id } = await call('/v1/notes', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(note),
      });
      if (typeof id !== 'string') throw new Error('no id in the answer');
      return id;
    },
    /** Reads a note back. */
    getNote(token: string, id: string) {
      return call(`/v1/notes/${id}`, { headers: { authorization: `Bearer ${token}` } });
    },
    close: () => dispatcher.close(),
  };
}
