import { errors } from 'jose';
import { Response } from 'undici';

/** Limits of {@link boundedJwks}. */
export interface JwksLimits {
  /** Largest JWKS body read, in bytes; a few keys are a few KiB. */
  maxBytes: number;
  /** Most keys a JWKS may hold. */
  maxKeys: number;
}

/**
 * Reads a JWKS response only up to `maxBytes` (the connection is cut beyond, whatever
 * Content-Length says) and refuses more than `maxKeys` keys, so a hostile or broken key endpoint
 * cannot fill the verifier's memory. Answers a Response jose can read, or throws `JWKSInvalid`.
 */
export async function boundedJwks(
  response: Response,
  { maxBytes, maxKeys }: JwksLimits,
): Promise<Response> {
  if (!response.ok || response.body === null) return response;
  const tooLarge = () => new errors.JWKSInvalid(`the JWKS is larger than ${maxBytes} bytes`);
  if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
    await response.body.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      // Leaving the loop early cancels the stream, which closes the connection.
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  let parsed: { keys?: unknown };
  try {
    parsed = JSON.parse(text) as { keys?: unknown };
  } catch {
    throw new errors.JWKSInvalid('the JWKS is not JSON');
  }
  const keyCount = Array.isArray(parsed.keys) ? parsed.keys.length : 0;
  if (keyCount > maxKeys)
    throw new errors.JWKSInvalid(`the JWKS holds ${keyCount} keys, more than ${maxKeys}`);
  return new Response(text, { status: response.status, headers: response.headers });
}
