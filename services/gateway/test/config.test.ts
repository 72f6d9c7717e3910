import { ConfigError, parseConfig } from '@bulkhead/platform';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../src/config.ts';

describe('configSchema', () => {
  it('when nothing is set, then upstreams default to their Kubernetes names and CORS is off', () => {
    const config = parseConfig(configSchema, {});

    expect(config).toMatchObject({
      NOTES_URL: 'https://notes.bulkhead-notes.svc:8443',
      AUTH_URL: 'https://auth.bulkhead-auth.svc:8443',
      JWT_ISSUER: 'bulkhead-auth',
      JWT_AUDIENCE: 'bulkhead',
    });
    expect(config.CORS_ORIGINS).toBeUndefined();
  });

  it('when CORS_ORIGINS lists exact origins, then it is a list of them', () => {
    const config = parseConfig(configSchema, {
      CORS_ORIGINS: 'https://app.example.com, http://localhost:5173',
    });

    expect(config.CORS_ORIGINS).toEqual(['https://app.example.com', 'http://localhost:5173']);
  });

  it('when CORS_ORIGINS has a path or a wildcard, then the error names the key', () => {
    const parse = () => parseConfig(configSchema, { CORS_ORIGINS: 'https://app.example.com/x,*' });

    expect(parse).toThrow(ConfigError);
    expect(parse).toThrow(/CORS_ORIGINS/);
  });
});
