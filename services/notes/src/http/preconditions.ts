import { HttpError } from '@bulkhead/platform';
import type { Request } from 'express';
import type { Note, NoteStore, WriteOutcome } from '../store/note-store.ts';

/** A note's strong ETag: its version, which grows by one on every update (`"1"`, `"2"`, …). */
export function etagOf(note: Pick<Note, 'version'>): string {
  return `"${note.version}"`;
}

/** RFC 9110 §13.1.1: `*` or a list of entity tags, compared strongly (a weak `W/` tag never matches). */
function ifMatchAllows(ifMatch: string, etag: string): boolean {
  const candidates = ifMatch.split(',').map((candidate) => candidate.trim());
  return candidates.includes('*') || candidates.includes(etag);
}

/**
 * The owner's note that a PUT or DELETE may change: `If-Match` is required (428 without it, so no
 * client overwrites blindly), the note must exist for this owner (404) and still match (412).
 */
export function noteToChange(req: Request, store: NoteStore, owner: string, id: string): Note {
  const ifMatch = req.get('if-match');
  if (ifMatch === undefined) {
    throw new HttpError(428, 'This request needs an If-Match header with the ETag of the note');
  }
  const note = store.get(owner, id);
  if (note === undefined) throw new HttpError(404, `No note ${id}`);
  if (!ifMatchAllows(ifMatch, etagOf(note))) {
    throw new HttpError(412, 'The note has changed since that ETag; fetch it and try again');
  }
  return note;
}

/** The value of a versioned write, or the 404/412 that a concurrent writer caused. */
export function written<T>(outcome: WriteOutcome<T>, id: string): T {
  if (outcome.status === 'not-found') throw new HttpError(404, `No note ${id}`);
  if (outcome.status === 'conflict') {
    throw new HttpError(412, 'The note has changed since that ETag; fetch it and try again');
  }
  return outcome.value;
}
