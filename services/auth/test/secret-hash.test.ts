import { createDemoClient } from '@bulkhead/dev-pki';
import { describe, expect, it } from 'vitest';
import { authenticateClient, dummyHash } from '../src/authenticate-client.ts';
import type { Client } from '../src/clients.ts';
import { hashSecret, verifySecret } from '../src/secret-hash.ts';

// The lowest cost verifySecret accepts, so the suite stays quick; the format is the same.
const cheap = { ln: 10, r: 8, p: 1 };

describe('hashSecret', () => {
  it('when hashing, then writes a PHC string with the default cost and a fresh salt', async () => {
    const [first, second] = await Promise.all([
      hashSecret('correct horse'),
      hashSecret('correct horse'),
    ]);

    expect(first).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(first).not.toBe(second);
  });
});

describe('verifySecret', () => {
  it('when the secret is the one hashed, then matches', async () => {
    const phc = await hashSecret('correct horse battery', cheap);

    expect(await verifySecret('correct horse battery', phc)).toBe(true);
  });

  it('when the secret differs, then does not match', async () => {
    const phc = await hashSecret('correct horse battery', cheap);

    expect(await verifySecret('correct horse battery!', phc)).toBe(false);
  });

  it.each([
    ['not PHC at all', 'plain-text-secret'],
    ['another algorithm', '$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA'],
    [
      'a cost too high to compute',
      '$scrypt$ln=30,r=8,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2g',
    ],
    ['zero parallelism', '$scrypt$ln=10,r=8,p=0$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2g'],
  ])('when the stored hash is %s, then does not match', async (_case, phc) => {
    expect(await verifySecret('plain-text-secret', phc)).toBe(false);
  });

  it('when the hash was made by dev-pki for the demo client, then its secret matches', async () => {
    const { entry, secret } = await createDemoClient();

    expect(await verifySecret(secret, entry.secretHash)).toBe(true);
  });
});

describe('authenticateClient', () => {
  const clients = async () =>
    new Map<string, Client>([
      [
        'reporting',
        { id: 'reporting', secretHash: await hashSecret('s3cret-s3cret', cheap), scopes: [] },
      ],
    ]);

  it('when id and secret match, then returns the client', async () => {
    const client = await authenticateClient(await clients(), 'reporting', 's3cret-s3cret');

    expect(client?.id).toBe('reporting');
  });

  it('when the secret is wrong, then returns nothing', async () => {
    expect(await authenticateClient(await clients(), 'reporting', 'guess')).toBeUndefined();
  });

  it('when the id is unknown, then returns nothing, even with a known secret', async () => {
    expect(await authenticateClient(await clients(), 'nobody', 's3cret-s3cret')).toBeUndefined();
  });

  it('when the id is unknown, then still pays for a full-cost scrypt (the dummy hash is real)', async () => {
    const phc = await hashSecret('any secret');

    expect(dummyHash.slice(0, 22)).toBe(phc.slice(0, 22));
    expect(dummyHash).toHaveLength(phc.length);
    expect(await verifySecret('any secret', dummyHash)).toBe(false);
  });
});
