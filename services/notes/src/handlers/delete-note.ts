import { principalOf } from '@bulkhead/platform';
import type { RequestHandler } from 'express';
import { noteToChange, written } from '../http/preconditions.ts';
import type { NoteStore } from '../store/note-store.ts';

/** `DELETE /v1/notes/:id`: deletes the note the `If-Match` ETag names; 204. */
export function deleteNote(store: NoteStore): RequestHandler<{ id: string }> {
  return async function deleteNote(req, res) {
    const owner = principalOf(res).subject;
    const { id } = req.params;
    const current = noteToChange(req, store, owner, id);
    written(await store.delete(owner, id, current.version), id);
    res.status(204).end();
  };
}
