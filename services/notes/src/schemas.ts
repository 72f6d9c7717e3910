import { z } from 'zod';

/** Counts Unicode code points, as a person (and SQLite's `length()`) counts characters. */
function characters(value: string): number {
  return Array.from(value).length;
}

// Unicode's control characters (C0, DEL, C1). A NUL also ends a string for SQLite's length().
const controlCharacters = /\p{Cc}/u;
const controlCharactersButLines = /[^\P{Cc}\t\n\r]/u;

function text(min: number, max: number, { lines = false } = {}) {
  return z
    .string()
    .refine((value) => value.isWellFormed(), 'must be well-formed Unicode')
    .refine(
      (value) => !(lines ? controlCharactersButLines : controlCharacters).test(value),
      lines
        ? 'must not contain control characters (tab and line breaks are fine)'
        : 'must not contain control characters',
    )
    .refine((value) => {
      const n = characters(value);
      return n >= min && n <= max;
    }, `must be ${min}–${max} characters`);
}

/** A tag: lowercase letters, digits and dashes, 1–32 long. */
export const tag = z.string().regex(/^[a-z0-9-]{1,32}$/, 'must match [a-z0-9-]{1,32}');

/** What a client sends to create or fully replace a note. */
export const noteInput = z.strictObject({
  title: text(1, 200),
  body: text(0, 20_000, { lines: true }).default(''),
  tags: z.array(tag).max(10, 'at most 10 tags').default([]),
});
export type NoteInput = z.input<typeof noteInput>;

/** `GET /v1/notes` query: page size and the opaque cursor from the previous page. */
export const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(512).optional(),
});

/** `/v1/notes/:id` path parameters. */
export const noteParams = z.strictObject({ id: z.uuid() });
