import { execFileSync, fork } from 'node:child_process';
import { once } from 'node:events';
import {
  closeSync,
  constants,
  createReadStream,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/index.ts';
import { countDroppedLines, logDestination } from '../src/logger/index.ts';
import { CHILD_TIMEOUT_MS } from './helpers/child-process.ts';

const fixture = fileURLToPath(new URL('./fixtures/log-burst.ts', import.meta.url));

/** A named pipe opened for writing that nobody reads (non-blocking: a full pipe says EAGAIN). */
function unreadPipe() {
  const path = join(mkdtempSync(join(tmpdir(), 'log-pipe-')), 'fifo');
  execFileSync('mkfifo', [path]);
  return { path, fd: openSync(path, constants.O_RDWR | constants.O_NONBLOCK) };
}

/** Runs the fixture with stdout going to a file; resolves with the exit code and the lines. */
async function runToFile(mode: string) {
  const file = join(mkdtempSync(join(tmpdir(), 'log-file-')), 'out.log');
  const out = openSync(file, 'w');
  const child = fork(fixture, {
    env: { PATH: process.env.PATH, MODE: mode, LOG_LEVEL: 'info' },
    execArgv: ['--conditions=bulkhead-source'],
    stdio: ['ignore', out, 'inherit', 'ipc'],
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  closeSync(out);
  const text = readFileSync(file, 'utf8');
  rmSync(dirname(file), { recursive: true });
  const lines = text
    .trim()
    .split('\n')
    .map((text) => JSON.parse(text) as Record<string, unknown>);
  return { code, lines };
}

describe('createLogger', () => {
  it('when no destination is given, then it writes to stdout asynchronously through a bounded buffer', () => {
    const logger = createLogger({ service: 's', version: '1', bufferMaxBytes: 1 << 20 });

    const stream = (logger as unknown as Record<symbol, unknown>)[pino.symbols.streamSym];

    expect(stream).toMatchObject({ fd: 1, sync: false, maxLength: 1 << 20 });
  });

  it('when the destination is a pipe nobody reads, then the buffer stays within its bound, the excess is dropped and counted, and a warning follows once it drains', async () => {
    // Arrange
    const pipe = unreadPipe();
    const maxBytes = 256 * 1024;
    const destination = logDestination({ dest: pipe.fd, maxBytes });
    const logger = createLogger({ service: 's', version: '1', destination });
    const registry = new Registry();
    countDroppedLines({ logger, registry });
    let drops = 0;
    destination.on('drop', () => drops++);
    let mostBuffered = 0;

    // Act: 20,000 lines of ~300 bytes, 6 MB, into a 64 KiB pipe.
    for (let line = 0; line < 20_000; line++) {
      logger.info({ line, filler: 'x'.repeat(200) }, 'burst');
      // sonic-boom's count of bytes it holds unwritten.
      mostBuffered = Math.max(mostBuffered, (destination as unknown as { _len: number })._len);
    }
    const metric = await registry.getSingleMetricAsString('log_lines_dropped_total');
    const reader = createReadStream(pipe.path);
    let read = '';
    reader.on('data', (chunk) => (read += chunk.toString()));
    while (!read.includes('log lines dropped')) await once(reader, 'data');

    // Assert
    expect(mostBuffered).toBeLessThanOrEqual(maxBytes);
    expect(drops).toBeGreaterThan(10_000);
    expect(metric).toContain(`log_lines_dropped_total ${drops}`);
    const warning = read.split('\n').find((text) => text.includes('log lines dropped'));
    expect(JSON.parse(warning ?? '{}')).toMatchObject({ level: 40, dropped: drops });
    destination.destroy();
    await once(reader, 'close');
    rmSync(dirname(pipe.path), { recursive: true });
  });

  it(
    'when the process dies of an uncaught exception, then every line logged before it and the fatal line reach the file',
    async () => {
      const { code, lines } = await runToFile('crash');

      expect(code).toBe(1);
      expect(lines.filter((line) => line.msg === 'burst')).toHaveLength(5000);
      expect(lines.at(-1)).toMatchObject({ level: 60, msg: 'uncaught exception' });
    },
    CHILD_TIMEOUT_MS,
  );

  it(
    'when the process is stopped with SIGTERM, then every line logged before it and the last shutdown line reach the file',
    async () => {
      const { code, lines } = await runToFile('signal');

      expect(code).toBe(0);
      expect(lines.filter((line) => line.msg === 'burst')).toHaveLength(5000);
      expect(lines.at(-1)).toMatchObject({ msg: 'shutdown complete' });
    },
    CHILD_TIMEOUT_MS,
  );
});
