import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DatabaseSync } from 'node:sqlite';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startIssuer, type TestIssuer } from './issuer.ts';
import { killHard, startRealService, type RunningRealService } from './real-service.ts';
import { CHILD_TIMEOUT_MS } from './service.ts';

const run = promisify(execFile);
const problemJson = /^application\/problem\+json/;

let issuer: TestIssuer;
let token: string;
const dirs: string[] = [];
const running: RunningRealService[] = [];
beforeAll(async () => {
  issuer = await startIssuer();
  token = await issuer.token('alice');
});
afterEach(async () => {
  await Promise.all(running.splice(0).map(killHard));
});
afterAll(async () => {
  await issuer.close();
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir() {
  const dir = await mkdtemp(join(tmpdir(), 'bulkhead-notes-'));
  dirs.push(dir);
  return dir;
}

/** The real notes process on `databasePath`, plain HTTP, trusting the test issuer. */
async function startNotes(databasePath: string) {
  const notes = await startRealService('notes', {
    JWKS_URL: issuer.jwksUrl,
    DATABASE_PATH: databasePath,
  });
  running.push(notes);
  return notes;
}

/** POSTs one note; `size` characters of body. */
function createNote(notes: RunningRealService, title: string, size = 10) {
  return fetch(`${notes.api}/v1/notes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ title, body: 'x'.repeat(size) }),
  });
}

/** Every note id alice has, page by page. */
async function storedIds(notes: RunningRealService): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor === null ? '' : `&cursor=${cursor}`;
    const res = await fetch(`${notes.api}/v1/notes?limit=100${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const page = (await res.json()) as { items: { id: string }[]; nextCursor: string | null };
    ids.push(...page.items.map((note) => note.id));
    cursor = page.nextCursor;
  } while (cursor !== null);
  return ids;
}

/** What SQLite's own consistency check says about the file: `ok` when nothing is corrupt. */
function integrity(databasePath: string): string {
  const db = new DatabaseSync(databasePath, { readOnly: true });
  try {
    const rows = db.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[];
    return rows.map((row) => row.integrity_check).join('\n');
  } finally {
    db.close();
  }
}

function idFrom(res: Response): string {
  return (res.headers.get('location') ?? '').split('/').at(-1) ?? '';
}

async function expectUnavailable(res: Response) {
  expect(res.status).toBe(503);
  expect(res.headers.get('content-type')).toMatch(problemJson);
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(await res.json()).toMatchObject({ status: 503 });
}

describe('notes storage: kill -9 during writes', () => {
  it(
    'when the process is killed mid-stream and restarted, then every acknowledged note is there and the file is intact',
    async () => {
      const databasePath = join(await tempDir(), 'notes.db');
      const first = await startNotes(databasePath);
      const acknowledged: string[] = [];
      const others: number[] = [];
      const { promise: reached, resolve: enough } = Promise.withResolvers<undefined>();
      // Four clients write as fast as they can; the kill lands while some writes are in flight.
      const writer = async (name: string) => {
        for (let i = 0; ; i++) {
          try {
            const res = await createNote(first, `${name}-${i}`, 500);
            if (res.status === 201) acknowledged.push(idFrom(res));
            else others.push(res.status);
            await res.body?.cancel();
          } catch {
            return; // the connection died with the process: not acknowledged
          }
          if (acknowledged.length >= 80) enough(undefined);
        }
      };
      const writers = ['a', 'b', 'c', 'd'].map(writer);

      await reached;
      await killHard(first);
      await Promise.all(writers);
      const restarted = await startNotes(databasePath);
      const stored = await storedIds(restarted);

      expect(others).toEqual([]);
      expect(acknowledged.length).toBeGreaterThanOrEqual(80);
      expect(stored).toEqual(expect.arrayContaining(acknowledged));
      expect(integrity(databasePath)).toBe('ok');
    },
    CHILD_TIMEOUT_MS,
  );
});

/** Mounting a tmpfs needs root (CAP_SYS_ADMIN); a developer's laptop run usually has neither. */
async function canMountTmpfs(): Promise<boolean> {
  const dir = await mkdtemp(join(tmpdir(), 'bulkhead-mount-probe-'));
  try {
    await run('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir]);
    await run('umount', [dir]);
    return true;
  } catch {
    return false;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
const mountable = await canMountTmpfs();
if (!mountable) {
  console.warn('notes storage: a full disk — not run: mounting a tmpfs needs root');
}

describe.runIf(mountable)('notes storage: a full disk', () => {
  let mountPoint: string | undefined;
  afterAll(async () => {
    if (mountPoint !== undefined) await run('umount', [mountPoint]);
  });

  it(
    'when the filesystem fills up, then writes get 503 + Retry-After, the process stays up, nothing is corrupt, and writes work again once space returns',
    async () => {
      // Arrange: a 1 MiB tmpfs holding the database and a filler file we can delete later.
      const dir = await tempDir();
      await run('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir]);
      mountPoint = dir;
      await writeFile(join(dir, 'filler'), Buffer.alloc(256 * 1024));
      const databasePath = join(dir, 'notes.db');
      const notes = await startNotes(databasePath);

      // Act: write 20 kB notes until the disk is full.
      const acknowledged: string[] = [];
      let refused: Response | undefined;
      for (let i = 0; i < 200 && refused === undefined; i++) {
        const res = await createNote(notes, `note-${i}`, 20_000);
        if (res.status === 201) {
          acknowledged.push(idFrom(res));
          await res.body?.cancel();
        } else refused = res;
      }
      const live = await fetch(`${notes.admin}/livez`);
      const readsWhileFull = await storedIds(notes);
      const integrityWhileFull = integrity(databasePath);

      // Assert: a clear 503, never a 500 or a crash; reads still work and nothing is corrupt.
      expect(refused).toBeDefined();
      await expectUnavailable(refused as Response);
      expect(live.status).toBe(200);
      expect(notes.child.exitCode).toBeNull();
      expect(readsWhileFull).toEqual(expect.arrayContaining(acknowledged));
      expect(integrityWhileFull).toBe('ok');

      // Act: space returns; no restart.
      await rm(join(dir, 'filler'));
      const again = await createNote(notes, 'after the disk had room again', 20_000);

      expect(again.status).toBe(201);
      expect(await storedIds(notes)).toEqual(
        expect.arrayContaining([...acknowledged, idFrom(again)]),
      );
      expect(integrity(databasePath)).toBe('ok');
    },
    CHILD_TIMEOUT_MS,
  );
});

describe('notes storage: a locked database', () => {
  it(
    'when another connection holds the write lock past the busy timeout, then writes get 503 + Retry-After in bounded time, reads go on, and writes work once it lets go',
    async () => {
      const databasePath = join(await tempDir(), 'notes.db');
      const notes = await startNotes(databasePath);
      const locker = new DatabaseSync(databasePath);
      locker.exec('BEGIN EXCLUSIVE');

      let locked: Response;
      let reads: string[];
      let elapsedMs: number;
      try {
        const started = performance.now();
        locked = await createNote(notes, 'while locked');
        elapsedMs = performance.now() - started;
        reads = await storedIds(notes);
      } finally {
        locker.exec('ROLLBACK');
        locker.close();
      }
      const unlocked = await createNote(notes, 'after the lock');

      await expectUnavailable(locked);
      // SQLITE_BUSY is retried a bounded number of times, then given up: seconds, not forever.
      expect(elapsedMs).toBeLessThan(10_000);
      expect(reads).toEqual([]);
      expect(unlocked.status).toBe(201);
    },
    CHILD_TIMEOUT_MS,
  );
});
