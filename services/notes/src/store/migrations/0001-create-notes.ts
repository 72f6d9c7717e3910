/** The notes table, with the note rules repeated as constraints so no writer can break them. */
export const createNotes = `
  CREATE TABLE notes (
    id TEXT PRIMARY KEY NOT NULL,
    owner TEXT NOT NULL,
    title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    body TEXT NOT NULL CHECK (length(body) <= 20000),
    tags TEXT NOT NULL CHECK (json_valid(tags) AND json_array_length(tags) <= 10),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1)
  ) STRICT;
  CREATE INDEX notes_by_owner ON notes (owner, created_at DESC, id DESC);
`;
