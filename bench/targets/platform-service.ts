// Target 3: a service on @bulkhead/platform with every default on, configured like a real one
// (PORT, ADMIN_PORT, TLS_* from the environment). Logs go to stdout, which the bench points at a
// file.
import {
  appOptions,
  createApp,
  HttpError,
  loadConfig,
  platformConfig,
  serve,
  serveOptions,
  validate,
} from '@bulkhead/platform';
import { Router } from 'express';
import { z } from 'zod';
import { findItem, itemId, newItem } from './items.ts';

const config = loadConfig(z.object(platformConfig));

const routes = Router();
routes.get(
  '/v1/items/:id',
  validate({ params: z.object({ id: z.string().regex(itemId) }) }),
  (req, res) => {
    const item = findItem(req.params.id);
    if (!item) throw new HttpError(404, 'No item has this id.');
    res.json(item);
  },
);
routes.post(
  '/v1/items',
  validate({
    body: z.object({
      name: z.string().min(1).max(100),
      tags: z.array(z.string().min(1).max(30)).max(10).optional(),
    }),
  }),
  (req, res) => {
    res.status(201).json(newItem(req.body));
  },
);

const app = createApp({ service: 'bench', version: '0.0.0', routes, ...appOptions(config) });
await serve(app, serveOptions(config));
