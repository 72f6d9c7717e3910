/** A note's stored size: its text columns in UTF-8 bytes, as they sit on disk. */
const size = (row: '' | 'NEW.' | 'OLD.') =>
  `length(CAST(${row}title AS BLOB)) + length(CAST(${row}body AS BLOB)) + length(CAST(${row}tags AS BLOB))`;

const add = `
    INSERT INTO owner_usage (owner, notes, bytes) VALUES (NEW.owner, 1, ${size('NEW.')})
    ON CONFLICT (owner) DO UPDATE SET notes = notes + 1, bytes = bytes + excluded.bytes;`;
const remove = `
    UPDATE owner_usage SET notes = notes - 1, bytes = bytes - (${size('OLD.')})
    WHERE owner = OLD.owner;`;

/**
 * What each owner stores, kept by triggers in the same transaction as every write, so a quota check
 * reads one row instead of summing all of the owner's notes (that sum grew with every note and made
 * a full owner's writes the slowest). Existing notes are counted once, here.
 */
export const trackOwnerUsage = `
  CREATE TABLE owner_usage (
    owner TEXT PRIMARY KEY NOT NULL,
    notes INTEGER NOT NULL CHECK (notes >= 0),
    bytes INTEGER NOT NULL CHECK (bytes >= 0)
  ) STRICT, WITHOUT ROWID;
  INSERT INTO owner_usage (owner, notes, bytes)
    SELECT owner, count(*), sum(${size('')}) FROM notes GROUP BY owner;
  CREATE TRIGGER notes_insert_usage AFTER INSERT ON notes BEGIN ${add}
  END;
  CREATE TRIGGER notes_update_usage AFTER UPDATE OF owner, title, body, tags ON notes BEGIN ${remove} ${add}
  END;
  CREATE TRIGGER notes_delete_usage AFTER DELETE ON notes BEGIN ${remove}
  END;
`;
