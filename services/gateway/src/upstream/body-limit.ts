import { HttpError } from '@bulkhead/platform';
import type { IncomingMessage } from 'node:http';
import { Transform } from 'node:stream';

/** The 413 for a body over `maxBytes`. */
export function bodyTooLarge(maxBytes: number): HttpError {
  return new HttpError(413, `request body is larger than ${maxBytes} bytes`);
}

/**
 * limitBody streams the request body on, failing with a 413 `HttpError` as soon as more
 * than `maxBytes` have come, and with a 400 if the client goes away mid-body. Nothing is
 * buffered beyond the stream's high-water mark.
 *
 * @example dispatcher.request({ ..., body: limitBody(req, 102_400) })
 */
export function limitBody(req: IncomingMessage, maxBytes: number): Transform {
  let seen = 0;
  const limited = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > maxBytes) callback(bodyTooLarge(maxBytes));
      else callback(null, chunk);
    },
  });
  const endedEarly = () => {
    if (!req.complete) limited.destroy(new HttpError(400, 'the request body ended early'));
  };
  req.once('error', endedEarly);
  req.once('close', endedEarly);
  return req.pipe(limited);
}
