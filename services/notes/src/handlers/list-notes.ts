import { principalOf } from '@bulkhead/platform';
import type { RequestHandler } from 'express';
import type { z } from 'zod';
import type { listQuery } from '../schemas.ts';
import type { NoteStore } from '../store/note-store.ts';

/** `GET /v1/notes`: a page of the caller's notes, newest first, and the cursor to the next. */
export function listNotes(
  store: NoteStore,
): RequestHandler<Record<string, string>, unknown, unknown, z.output<typeof listQuery>> {
  return function listNotes(req, res) {
    const { limit, cursor } = req.query;
    res.json(store.list(principalOf(res).subject, { limit, cursor }));
  };
}
