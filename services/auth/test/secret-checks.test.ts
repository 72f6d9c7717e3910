import { describe, expect, it } from 'vitest';
import { OAuthError } from '../src/oauth-error.ts';
import { createSecretChecks } from '../src/secret-checks.ts';

/** A check that finishes only when told to, and says when it started. */
function heldCheck() {
  const started = Promise.withResolvers<undefined>();
  const finish = Promise.withResolvers<string>();
  return {
    check: () => {
      started.resolve(undefined);
      return finish.promise;
    },
    started: started.promise,
    finish: (value: string) => {
      finish.resolve(value);
    },
  };
}

describe('createSecretChecks', () => {
  it('when more checks come than may run and wait, then the excess is 503 with Retry-After at once, and the waiting one runs next', async () => {
    const checks = createSecretChecks({ concurrent: 1, queued: 1 });
    const [running, waiting] = [heldCheck(), heldCheck()];

    const first = checks(running.check);
    const second = checks(waiting.check);
    const third = checks(() => Promise.resolve('never hashed'));

    await running.started;
    const refused = await third.catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OAuthError);
    expect((refused as OAuthError).status).toBe(503);
    expect((refused as OAuthError).headers).toEqual({ 'Retry-After': '1' });
    expect((refused as OAuthError).body.error).toBe('temporarily_unavailable');
    running.finish('first');
    await waiting.started;
    waiting.finish('second');
    await expect(Promise.all([first, second])).resolves.toEqual(['first', 'second']);
  });
});
