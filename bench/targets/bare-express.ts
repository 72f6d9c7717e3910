// Target 2: Express 5 with express.json() and nothing else; the same hand-written checks.
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import express from 'express';
import { findItem, isItemBody, newItem } from './items.ts';
import { serverArgs } from './server-args.ts';

const app = express();
app.use(express.json());
app.get('/v1/items/:id', (req, res) => {
  const item = findItem(req.params.id);
  if (item) res.json(item);
  else res.status(404).json({ title: 'Not Found' });
});
app.post('/v1/items', (req, res) => {
  const body: unknown = req.body;
  if (isItemBody(body)) res.status(201).json(newItem(body));
  else res.status(400).json({ title: 'Bad Request' });
});

const { port, tls } = serverArgs();
const server = tls ? createHttpsServer(tls, app) : createHttpServer(app);
server.listen(port, '127.0.0.1');
