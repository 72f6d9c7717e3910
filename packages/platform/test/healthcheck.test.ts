import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { serve, type ServeHandle } from '../src/index.ts';
import { localhostTlsFiles, type TlsFileSet } from './helpers/tls-files.ts';
import { testApp } from './helpers/test-app.ts';

const run = promisify(execFile);
const healthcheck = fileURLToPath(new URL('../src/healthcheck.ts', import.meta.url));
const handles: ServeHandle[] = [];
afterEach(async () => {
  await Promise.all(handles.splice(0).map((handle) => handle.close()));
});

async function startServer(tls?: TlsFileSet): Promise<ServeHandle> {
  const handle = await serve(testApp().app, {
    port: 0,
    adminPort: 0,
    host: '127.0.0.1',
    shutdownDelayMs: 0,
    handleProcess: false,
    ...(tls ? { tls } : {}),
  });
  handles.push(handle);
  return handle;
}

async function check(env: Record<string, string>): Promise<number> {
  try {
    await run(process.execPath, [healthcheck], { env: { PATH: process.env.PATH, ...env } });
    return 0;
  } catch (error) {
    return (error as { code: number }).code;
  }
}

describe('healthcheck (the container HEALTHCHECK)', () => {
  it('when the admin server is alive over TLS, then it exits 0, trusting only the service CA', async () => {
    const tls = await localhostTlsFiles();
    const handle = await startServer(tls);

    const code = await check({
      ADMIN_PORT: String(handle.adminPort),
      TLS_CERT_FILE: tls.certFile,
      TLS_CA_FILE: tls.caFile,
    });

    expect(code).toBe(0);
  });

  it('when the certificate is not from the given CA, then it exits 1', async () => {
    const tls = await localhostTlsFiles();
    const otherCa = await localhostTlsFiles();
    const handle = await startServer(tls);

    const code = await check({
      ADMIN_PORT: String(handle.adminPort),
      TLS_CERT_FILE: tls.certFile,
      TLS_CA_FILE: otherCa.caFile,
    });

    expect(code).toBe(1);
  });

  it('when nothing listens on the admin port, then it exits 1', async () => {
    const { adminPort } = await startServer();
    await Promise.all(handles.splice(0).map((handle) => handle.close()));

    expect(await check({ ADMIN_PORT: String(adminPort) })).toBe(1);
  });
});
