import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/index.ts';

describe('createLogger', () => {
  it('when no destination is given, then it writes to stdout synchronously, with no buffer to grow under overload', () => {
    const logger = createLogger({ service: 's', version: '1' });

    const stream = (logger as unknown as Record<symbol, unknown>)[pino.symbols.streamSym];

    expect(stream).toMatchObject({ fd: 1, sync: true });
  });
});
