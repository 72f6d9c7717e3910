import { principalOf } from '@bulkhead/platform';
import type { RequestHandler } from 'express';
import { etagOf } from '../http/preconditions.ts';
import type { NoteInput } from '../schemas.ts';
import type { NoteStore } from '../store/note-store.ts';

/** `POST /v1/notes`: 201 with the new note, its `Location` and its `ETag`. */
export function createNote(
  store: NoteStore,
): RequestHandler<Record<string, string>, unknown, NoteInput> {
  return async function createNote(req, res) {
    const note = await store.create(principalOf(res).subject, req.body);
    res.status(201).location(`/v1/notes/${note.id}`).set('ETag', etagOf(note)).json(note);
  };
}
