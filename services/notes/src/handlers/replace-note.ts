import { principalOf } from '@bulkhead/platform';
import type { RequestHandler } from 'express';
import { etagOf, noteToChange, written } from '../http/preconditions.ts';
import type { NoteInput } from '../schemas.ts';
import type { NoteStore } from '../store/note-store.ts';

/** `PUT /v1/notes/:id`: replaces the note the `If-Match` ETag names; answers it with its new ETag. */
export function replaceNote(store: NoteStore): RequestHandler<{ id: string }, unknown, NoteInput> {
  return async function replaceNote(req, res) {
    const owner = principalOf(res).subject;
    const { id } = req.params;
    const current = noteToChange(req, store, owner, id);
    const note = written(await store.update(owner, id, req.body, current.version), id);
    res.set('ETag', etagOf(note)).json(note);
  };
}
