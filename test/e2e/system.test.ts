import { X509Certificate } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import {
  createCa,
  generateJwtKey,
  issueCertificate,
  serviceNames,
  writeSecretFile,
} from '@bulkhead/dev-pki';
import { decodeProtectedHeader } from 'jose';
import type { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgedTokens, signWith, type SigningKey } from './harness/forged-tokens.ts';
import { call, fetchToken, peerSerial, refusal } from './harness/http.ts';
import { promtoolProblems } from './harness/promtool.ts';
import { steadyLoad } from './harness/steady-load.ts';
import { startSystem, type System } from './harness/system.ts';
import { tlsFolder } from './harness/tls-folder.ts';

let system: System;
let signingKey: SigningKey;
const token = () => fetchToken(system.publicClient, system.gateway.url, system.demo);

beforeAll(async () => {
  system = await startSystem();
  const [file = ''] = await readdir(join(system.dir, 'jwt-keys'));
  signingKey = {
    kid: file.replace(/\.pem$/, ''),
    pem: await readFile(join(system.dir, 'jwt-keys', file), 'utf8'),
  };
}, 60_000);
afterAll(() => system.dispose());

/** Asks `ask` until `done` holds for its answer, for `attempts` tries 25 ms apart. */
async function until<T>(ask: () => Promise<T>, done: (value: T) => boolean, attempts = 200) {
  for (let attempt = 1; ; attempt += 1) {
    const value = await ask();
    if (done(value) || attempt === attempts) return value;
    await delay(25);
  }
}

describe('bulkhead, three processes over TLS', { timeout: 30_000 }, () => {
  it('when a client takes a token and creates, lists, updates and deletes a note through the gateway, then each step answers as documented', async () => {
    const bearer = await token();
    const notes = `${system.gateway.url}/v1/notes`;
    const client = system.publicClient;

    const created = await call(client, notes, {
      method: 'POST',
      token: bearer,
      json: { title: 'Hello', body: 'from e2e', tags: ['e2e'] },
    });
    const { id } = created.body as { id: string };
    const list = await call(client, notes, { token: bearer });
    const update = { title: 'Hello again', body: '', tags: [] };
    const stale = await call(client, `${notes}/${id}`, {
      method: 'PUT',
      token: bearer,
      headers: { 'if-match': '"7"' },
      json: update,
    });
    const updated = await call(client, `${notes}/${id}`, {
      method: 'PUT',
      token: bearer,
      headers: { 'if-match': String(created.headers.etag) },
      json: update,
    });
    const deleted = await call(client, `${notes}/${id}`, {
      method: 'DELETE',
      token: bearer,
      headers: { 'if-match': String(updated.headers.etag) },
    });
    const gone = await call(client, `${notes}/${id}`, { token: bearer });

    expect(created.status).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    expect((list.body as { items: { id: string }[] }).items.map((note) => note.id)).toContain(id);
    expect(stale.status).toBe(412);
    expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ title: 'Hello again', version: 2 });
    expect(deleted.status).toBe(204);
    expect(gone.status).toBe(404);
  });

  it.each(['gateway', 'auth', 'notes'] as const)(
    'when promtool checks the %s /metrics after traffic, then it reports no problem',
    async (service) => {
      // A token from auth and a list from notes, both through the gateway: traffic for all three.
      await call(system.publicClient, `${system.gateway.url}/v1/notes`, { token: await token() });
      const scrape = await call(system.publicClient, `${system[service].adminUrl}/metrics`);
      const exposition = String(scrape.body);
      const misnamedGauge = '# HELP bad_total x\n# TYPE bad_total gauge\nbad_total 1\n';

      expect(exposition).toMatch(/^http_request_duration_seconds_count\{/m);
      await expect(promtoolProblems(exposition)).resolves.toBe('');
      await expect(promtoolProblems(exposition + misnamedGauge)).resolves.toMatch(/^bad_total /);
    },
  );

  describe.each(['notes', 'auth'] as const)('%s at the TLS layer', (service) => {
    it.each([
      ['no certificate', () => Promise.resolve(undefined)],
      [
        'a certificate from another CA',
        async () => issueCertificate({ issuer: await createCa(), names: ['gateway'] }),
      ],
      [
        'a certificate from the right CA naming a service that is not allowed',
        async () => issueCertificate({ issuer: system.ca, names: serviceNames('stranger') }),
      ],
    ])(
      'when a client presents %s, then the connection fails without an HTTP answer',
      async (_, identity) => {
        const url = `${system[service].url}/.well-known/jwks.json`;

        const outcome = await refusal(url, { ca: system.ca.cert, identity: await identity() });
        const allowed = await refusal(url, {
          ca: system.ca.cert,
          identity: system.gatewayIdentity,
        });

        expect(outcome).toMatch(/^(ECONNRESET|UND_ERR_SOCKET|ERR_SSL_\w+)$/);
        expect(allowed).toMatch(/^answered \d+$/);
      },
    );
  });

  it.each(['expired', 'wrong-audience', 'alg none', 'HS256 with the public key'])(
    'when a token is %s, then the gateway and notes (called directly as the gateway) both answer 401',
    async (kind) => {
      const forged = (await forgedTokens(signingKey))[kind];
      const genuine = await signWith(signingKey);

      const viaGateway = await call(system.publicClient, `${system.gateway.url}/v1/notes`, {
        token: forged,
      });
      const direct = await call(system.asGateway, `${system.notes.url}/v1/notes`, {
        token: forged,
      });
      const genuineDirect = await call(system.asGateway, `${system.notes.url}/v1/notes`, {
        token: genuine,
      });

      expect(viaGateway.status).toBe(401);
      expect(viaGateway.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(direct.status).toBe(401);
      expect(direct.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(genuineDirect.status).toBe(200);
    },
  );

  it.each(['plain', 'kubelet'] as const)(
    'when notes certificate files are rotated (%s) under steady traffic, then new connections get the new serial with no restart and no failed request',
    async (style) => {
      const issue = () => issueCertificate({ issuer: system.ca, names: serviceNames('notes') });
      const folder = await tlsFolder(
        join(system.dir, `notes-tls-${style}`),
        style,
        await issue(),
        system.ca.cert,
      );
      expect(await system.notes.stop()).toBe(0);
      const notes = await system.startNotes(folder);
      const bearer = await token();
      const load = steadyLoad(async () => {
        const reply = await call(system.publicClient, `${system.gateway.url}/v1/notes`, {
          token: bearer,
        });
        return reply.status;
      });
      await load.more(3);
      const next = await issue();
      const nextSerial = new X509Certificate(next.cert).serialNumber;
      const reloaded = notes.nextLine(
        (line) => line.msg === 'TLS files reloaded' && line.serialNumber === nextSerial,
      );

      await folder.write(next);
      await reloaded;
      const probe = { ca: system.ca.cert, identity: system.gatewayIdentity };
      const serial = await until(
        () => peerSerial(notes.port, probe),
        (seen) => seen === nextSerial,
      );
      await load.more(3);
      const statuses = await load.stop();

      expect(serial).toBe(nextSerial);
      expect(statuses.length).toBeGreaterThanOrEqual(6);
      expect(statuses.every((status) => status === 200)).toBe(true);
      expect(notes.child.exitCode).toBeNull();
      expect(notes.logs.filter((line) => typeof line.adminPort === 'number')).toHaveLength(1);
    },
  );

  it('when notes stops, then the gateway answers 503 problem+json at once, and when notes returns on the same port it recovers', async () => {
    const bearer = await token();
    const list = () =>
      call(system.publicClient, `${system.gateway.url}/v1/notes`, { token: bearer });
    expect((await list()).status).toBe(200);

    const exitCode = await system.notes.stop();
    const startedAt = performance.now();
    const down = await list();
    const elapsedMs = performance.now() - startedAt;
    await system.startNotes();
    const recovered = await until(list, (reply) => reply.status === 200);

    expect(exitCode).toBe(0);
    expect(down.status).toBe(503);
    expect(down.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(down.headers['retry-after']).toMatch(/^\d+$/);
    // Refused, not timed out: well before the 2 s connect timeout could have fired.
    expect(elapsedMs).toBeLessThan(2_000);
    expect(recovered.status).toBe(200);
  });

  it('when a new signing key file is added to auth, then it is published at once, signs only after the activation delay, is accepted by gateway and notes from its first token, and the old key stays valid', async () => {
    const before = await token();
    const next = generateJwtKey({ kid: `${signingKey.kid}-next` });
    const jwks = `${system.gateway.url}/.well-known/jwks.json`;
    const notes = (client: Agent, base: string, bearer: string | undefined) =>
      call(client, `${base}/v1/notes`, { token: bearer });
    // A kid nobody publishes makes gateway and notes fetch the JWKS now (or they did less than a
    // cool-down ago): the worst moment for a rotation to start, as they cannot refetch for a while.
    const stranger = await signWith(generateJwtKey({ kid: 'stranger' }));
    const strangerRefused = [
      await notes(system.publicClient, system.gateway.url, stranger),
      await notes(system.asGateway, system.notes.url, stranger),
    ];

    await writeSecretFile(join(system.dir, 'jwt-keys', `${next.kid}.pem`), next.pem);
    const published = await until(
      () => call(system.publicClient, jwks),
      (reply) => JSON.stringify(reply.body).includes(`"${next.kid}"`),
    );
    const duringDelay = await token();
    const kidOf = (jwt: string) => decodeProtectedHeader(jwt).kid;
    const after = await until(token, (jwt) => kidOf(jwt) === next.kid);
    const newViaGateway = await notes(system.publicClient, system.gateway.url, after);
    const newDirect = await notes(system.asGateway, system.notes.url, after);
    const oldViaGateway = await notes(system.publicClient, system.gateway.url, before);
    const oldDirect = await notes(system.asGateway, system.notes.url, before);
    const oldExpired = await notes(
      system.publicClient,
      system.gateway.url,
      (await forgedTokens(signingKey)).expired,
    );

    expect(strangerRefused.map((reply) => reply.status)).toEqual([401, 401]);
    expect(kidOf(before)).toBe(signingKey.kid);
    expect(JSON.stringify(published.body)).toContain(`"${next.kid}"`);
    expect(kidOf(duringDelay)).toBe(signingKey.kid);
    expect(kidOf(after)).toBe(next.kid);
    expect(newViaGateway.status).toBe(200);
    expect(newDirect.status).toBe(200);
    expect(oldViaGateway.status).toBe(200);
    expect(oldDirect.status).toBe(200);
    expect(oldExpired.status).toBe(401);
  });

  it('when each service gets SIGTERM, then it drains and exits 0, having printed no warning', async () => {
    const codes = await system.stop();

    expect(codes).toEqual({ gateway: 0, notes: 0, auth: 0 });
    // MaxListenersExceededWarning and friends: Node prints them to stderr.
    expect(system.gateway.stderr()).not.toMatch(/Warning/);
  });
});
