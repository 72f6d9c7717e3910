import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { appOptions, ConfigError, parseConfig, platformConfig } from '../src/index.ts';

const schema = z.object({ ...platformConfig, DB_PASSWORD: z.string().min(8) });

function secretFile(content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'platform-config-')), 'secret');
  writeFileSync(file, content);
  return file;
}

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    parseConfig(schema, env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('when only required keys are set, then the shared keys get their documented defaults', () => {
    const config = parseConfig(schema, { DB_PASSWORD: 'long-enough' });

    expect(config).toMatchObject({
      PORT: 8443,
      ADMIN_PORT: 9090,
      HOST: '0.0.0.0',
      LOG_LEVEL: 'info',
      TRUST_PROXY: false,
      SHUTDOWN_DELAY_MS: 5000,
      SHUTDOWN_TIMEOUT_MS: 10000,
      HEADERS_TIMEOUT_MS: 10000,
      MAX_CONNECTIONS: 1024,
      KEEP_ALIVE_TIMEOUT_MS: 65000,
      CONNECTIONS_CHECKING_INTERVAL_MS: 1000,
      TLS_HANDSHAKE_TIMEOUT_MS: 5000,
      OVERLOAD_SHEDDING: 'on',
      OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: 500,
      OVERLOAD_MAX_ELU: 0,
      BODY_LIMIT: 102_400,
    });
  });

  it('when BODY_LIMIT is given as a size, then it is counted in bytes as body-parser counts them', () => {
    const limits = ['512', '100kb', '1MB'].map(
      (BODY_LIMIT) => parseConfig(schema, { DB_PASSWORD: 'long-enough', BODY_LIMIT }).BODY_LIMIT,
    );

    expect(limits).toEqual([512, 102_400, 1_048_576]);
  });

  it('when OVERLOAD_SHEDDING is off or OVERLOAD_MAX_ELU above 1, then the app options say so or the key is named', () => {
    const off = parseConfig(schema, { DB_PASSWORD: 'long-enough', OVERLOAD_SHEDDING: 'off' });

    expect(appOptions(off).loadShedding).toBe(false);
    expect(problemsOf({ DB_PASSWORD: 'long-enough', OVERLOAD_MAX_ELU: '1.5' })).toEqual([
      expect.stringMatching(/^OVERLOAD_MAX_ELU: /),
    ]);
  });

  it('when FOO_FILE is set, then FOO comes from the file with its trailing newline trimmed', () => {
    const config = parseConfig(schema, { DB_PASSWORD_FILE: secretFile('from-a-file\n') });

    expect(config.DB_PASSWORD).toBe('from-a-file');
  });

  it('when several keys are bad, then one error names each key and never a value', () => {
    const problems = problemsOf({ PORT: 'not-a-port', DB_PASSWORD: 'short', LOG_LEVEL: 'loud' });

    expect(problems.map((problem) => problem.split(':')[0])).toEqual([
      'PORT',
      'LOG_LEVEL',
      'DB_PASSWORD',
    ]);
    expect(problems.join('\n')).not.toMatch(/not-a-port|short|loud/);
  });

  it('when a _FILE cannot be read or both forms are set, then the key is named', () => {
    expect(problemsOf({ DB_PASSWORD_FILE: '/nonexistent/secret' })).toContain(
      'DB_PASSWORD_FILE: cannot read the file (ENOENT)',
    );
    expect(problemsOf({ DB_PASSWORD: 'long-enough', DB_PASSWORD_FILE: secretFile('x') })[0]).toBe(
      'DB_PASSWORD: set DB_PASSWORD or DB_PASSWORD_FILE, not both',
    );
  });

  it.each([
    ['1', 1],
    ['10.0.0.0/8, ::1', ['10.0.0.0/8', '::1']],
    ['loopback', ['loopback']],
  ])('when TRUST_PROXY is %s, then it parses for Express', (value, expected) => {
    expect(
      parseConfig(schema, { DB_PASSWORD: 'long-enough', TRUST_PROXY: value }).TRUST_PROXY,
    ).toEqual(expected);
  });

  it('when TRUST_PROXY is not an address list, then TRUST_PROXY is named', () => {
    expect(problemsOf({ DB_PASSWORD: 'long-enough', TRUST_PROXY: '10.0.0.0/99' })[0]).toMatch(
      /^TRUST_PROXY: /,
    );
  });

  it('when MTLS_ALLOWED_CLIENTS is a comma list, then it becomes an array of names', () => {
    const config = parseConfig(schema, {
      DB_PASSWORD: 'long-enough',
      MTLS_ALLOWED_CLIENTS: 'gateway, notes',
    });

    expect(config.MTLS_ALLOWED_CLIENTS).toEqual(['gateway', 'notes']);
  });
});
