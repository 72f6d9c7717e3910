import { HttpError } from '@bulkhead/platform';
import type { IncomingMessage } from 'node:http';

/** Options of {@link readBody}. */
export interface ReadBodyOptions {
  maxBytes: number;
  /** The whole body must have arrived by then, counted from the request's headers. */
  timeoutMs: number;
}

/** The 413 for a body over `maxBytes`. */
export function bodyTooLarge(maxBytes: number): HttpError {
  return new HttpError(413, `request body is larger than ${maxBytes} bytes`);
}

/**
 * Reads the whole request body before anything shared is held for it: at most `maxBytes`
 * (413 beyond), within `timeoutMs` (408 after), a 400 if the client breaks it off. A client that
 * trickles its body holds only its own connection, never an upstream slot.
 * @example const body = await readBody(req, { maxBytes: 102_400, timeoutMs: 10_000 });
 */
export function readBody(
  req: IncomingMessage,
  { maxBytes, timeoutMs }: ReadBodyOptions,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (error?: HttpError) => {
      clearTimeout(deadline);
      req.off('data', onData).off('end', onEnd).off('close', onClose);
      if (error === undefined) {
        resolve(Buffer.concat(chunks, size));
        return;
      }
      // Nothing more of this body is wanted; the error handler answers and the socket closes.
      req.resume();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) settle(bodyTooLarge(maxBytes));
      else chunks.push(chunk);
    };
    const onEnd = () => {
      settle();
    };
    const onClose = () => {
      if (!req.complete) settle(new HttpError(400, 'the request body ended early'));
    };
    const deadline = setTimeout(() => {
      settle(
        new HttpError(408, `the request body did not arrive within ${timeoutMs} ms`, {
          headers: { Connection: 'close' },
        }),
      );
    }, timeoutMs);
    req.on('data', onData).once('end', onEnd).once('close', onClose);
  });
}
