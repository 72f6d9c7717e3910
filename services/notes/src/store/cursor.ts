import { z } from 'zod';
import { InvalidCursorError } from './errors.ts';

/** Where a page ended: the sort key (`createdAt` in ms, then `id`) of its last note. */
export interface Position {
  createdAt: number;
  id: string;
}

const position = z.tuple([z.number().int().nonnegative(), z.uuid()]);

/** Encodes a position as an opaque base64url string, for `nextCursor`. */
export function encodeCursor({ createdAt, id }: Position): string {
  return Buffer.from(JSON.stringify([createdAt, id])).toString('base64url');
}

/** Decodes a cursor from `encodeCursor`; anything else throws `InvalidCursorError`. */
export function decodeCursor(cursor: string): Position {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('cursor is not one this service issued');
  }
  const parsed = position.safeParse(decoded);
  if (!parsed.success) throw new InvalidCursorError('cursor is not one this service issued');
  const [createdAt, id] = parsed.data;
  return { createdAt, id };
}
