import { HttpError, principalOf } from '@bulkhead/platform';
import type { RequestHandler } from 'express';
import { etagOf } from '../http/preconditions.ts';
import type { NoteStore } from '../store/note-store.ts';

/** `GET /v1/notes/:id`: the caller's note with its `ETag`; 304 when `If-None-Match` still matches. */
export function getNote(store: NoteStore): RequestHandler<{ id: string }> {
  return function getNote(req, res) {
    const note = store.get(principalOf(res).subject, req.params.id);
    if (note === undefined) throw new HttpError(404, `No note ${req.params.id}`);
    res.set('ETag', etagOf(note));
    // Express compares If-None-Match with the ETag just set (RFC 9110 §13.1.2).
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    res.json(note);
  };
}
