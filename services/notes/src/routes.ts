import { requireJwt, requireScope, validate, type RequireJwtOptions } from '@bulkhead/platform';
import { Router } from 'express';
import { createNote } from './handlers/create-note.ts';
import { deleteNote } from './handlers/delete-note.ts';
import { getNote } from './handlers/get-note.ts';
import { listNotes } from './handlers/list-notes.ts';
import { replaceNote } from './handlers/replace-note.ts';
import { storeErrors } from './http/store-errors.ts';
import { listQuery, noteInput, noteParams } from './schemas.ts';
import type { NoteStore } from './store/note-store.ts';

/** What the notes routes need: the store and how to verify bearer tokens. */
export interface NotesRoutesOptions {
  store: NoteStore;
  jwt: RequireJwtOptions;
}

/**
 * The notes API. Every route verifies the bearer token itself (the gateway is not the only
 * guard); reads need `notes:read`, writes `notes:write`, and a note belongs to the token's `sub`.
 */
export function notesRoutes({ store, jwt }: NotesRoutesOptions): Router {
  const verify = requireJwt(jwt);
  const read = [verify, requireScope('notes:read')];
  const write = [verify, requireScope('notes:write')];
  const id = validate({ params: noteParams });

  const routes = Router();
  routes.get('/v1/notes', read, validate({ query: listQuery }), listNotes(store));
  routes.post('/v1/notes', write, validate({ body: noteInput }), createNote(store));
  routes.get('/v1/notes/:id', read, id, getNote(store));
  routes.put(
    '/v1/notes/:id',
    write,
    validate({ params: noteParams, body: noteInput }),
    replaceNote(store),
  );
  routes.delete('/v1/notes/:id', write, id, deleteNote(store));
  routes.use(storeErrors());
  return routes;
}
