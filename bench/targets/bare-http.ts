// Target 1: node:http with hand-written routing, the limit the others are measured against.
import { createServer as createHttpServer, type RequestListener } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { findItem, isItemBody, newItem } from './items.ts';
import { serverArgs } from './server-args.ts';

function send(res: Parameters<RequestListener>[1], status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
  });
  res.end(json);
}

const handler: RequestListener = (req, res) => {
  const url = req.url ?? '/';
  if (req.method === 'GET' && url.startsWith('/v1/items/')) {
    const item = findItem(url.slice('/v1/items/'.length));
    if (item) send(res, 200, item);
    else send(res, 404, { title: 'Not Found' });
    return;
  }
  if (req.method === 'POST' && url === '/v1/items') {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        send(res, 400, { title: 'Bad Request' });
        return;
      }
      if (isItemBody(body)) send(res, 201, newItem(body));
      else send(res, 400, { title: 'Bad Request' });
    });
    return;
  }
  send(res, 404, { title: 'Not Found' });
};

const { port, tls } = serverArgs();
const server = tls ? createHttpsServer(tls, handler) : createHttpServer(handler);
server.listen(port, '127.0.0.1');
