import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { TlsLogger } from '../../src/tls/tls-logger.ts';
import { type TlsWatcher, watchTlsFiles } from '../../src/tls/watch-tls-files.ts';
import { createTestCa } from './test-ca.ts';
import { type TlsDir, createTlsDir } from './tls-dir.ts';

const warnings: string[] = [];
const logger: TlsLogger = {
  info: () => undefined,
  warn: (_details, message) => warnings.push(message),
};
let dir: TlsDir | undefined;
let tls: TlsWatcher | undefined;

afterEach(async () => {
  tls?.close();
  await dir?.remove();
  warnings.length = 0;
});

describe('watchTlsFiles', () => {
  it.each(['plain', 'kubelet'] as const)(
    'when the files are replaced (%s), then it reloads and reports the new certificate',
    async (style) => {
      const ca = await createTestCa();
      const [first, second] = await Promise.all([ca.issue(['notes']), ca.issue(['notes'])]);
      dir = await createTlsDir(style, first, ca.cert);
      tls = await watchTlsFiles(dir.files, { debounceMs: 20, logger });

      const reloaded = once(tls, 'reload');
      await dir.write(second, ca.cert);
      await reloaded;

      expect(tls.current.certificate.serialNumber).toBe(second.serialNumber);
    },
  );

  it('when the new key is half written, then it keeps the current pair and warns', async () => {
    const ca = await createTestCa();
    const [first, second] = await Promise.all([ca.issue(['notes']), ca.issue(['notes'])]);
    dir = await createTlsDir('plain', first, ca.cert);
    tls = await watchTlsFiles(dir.files, { debounceMs: 20, logger });

    const failed = once(tls, 'reload-failed');
    await writeFile(dir.files.keyFile, second.key.slice(0, second.key.length / 2));
    await failed;

    expect(tls.current.certificate.serialNumber).toBe(first.serialNumber);
    expect(warnings).toContain(
      'TLS files changed but do not load; keeping the current certificate',
    );
  });

  it('when a new certificate arrives before its key, then it switches once both match', async () => {
    const ca = await createTestCa();
    const [first, second] = await Promise.all([ca.issue(['notes']), ca.issue(['notes'])]);
    dir = await createTlsDir('plain', first, ca.cert);
    tls = await watchTlsFiles(dir.files, { debounceMs: 20, logger });

    const failed = once(tls, 'reload-failed');
    await writeFile(dir.files.certFile, second.cert);
    await failed;
    const servedMeanwhile = tls.current.certificate.serialNumber;
    const reloaded = once(tls, 'reload');
    await writeFile(dir.files.keyFile, second.key);
    await reloaded;

    expect(servedMeanwhile).toBe(first.serialNumber);
    expect(tls.current.certificate.serialNumber).toBe(second.serialNumber);
  });

  it('when the files do not exist, then it fails naming the file', async () => {
    const files = { certFile: '/nonexistent/tls.crt', keyFile: '/nonexistent/tls.key' };

    await expect(watchTlsFiles(files)).rejects.toThrow('/nonexistent/tls.crt');
  });
});
