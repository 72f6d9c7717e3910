import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { problem } from '../errors/problem.ts';

const statusByCode: Record<string, number> = {
  HPE_HEADER_OVERFLOW: 431,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 413,
};

const details: Record<number, string> = {
  400: 'The request could not be parsed as HTTP.',
  408: 'The request took too long to arrive.',
  413: 'The request is too large.',
  431: 'The request headers are larger than this server accepts.',
};

/**
 * The API server's `clientError` listener: requests Node refuses before Express sees them (a
 * 64 kB header, malformed HTTP) still get a problem+json answer instead of Node's bare one.
 */
export function clientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  // Node's own handler skips sockets whose response has started; so do we (same internal field).
  const response = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  // Only HTTP parser and timeout errors get an HTTP answer. On an HTTPS server, a failed or timed
  // out TLS handshake arrives here too: written to, that socket would wait forever for a
  // handshake that never comes, so it is dropped like every other non-HTTP error.
  const httpError = error.code?.startsWith('HPE_') || error.code === 'ERR_HTTP_REQUEST_TIMEOUT';
  if (!httpError || !socket.writable || response?.headersSent) {
    socket.destroy();
    return;
  }
  const status = statusByCode[error.code ?? ''] ?? 400;
  const body = JSON.stringify(problem(status, details[status] ?? '', { instance: randomUUID() }));
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
      'Content-Type: application/problem+json\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}
