import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadClients } from '../src/clients.ts';

const hash =
  '$scrypt$ln=15,r=8,p=1$kqhah+jM8xj9EcTh+jGSLQ$fYBq6+PbrtvYOu714brjoFXOdrG/1GwR95E83+70eog';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'auth-clients-'));
  file = join(dir, 'clients.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadClients', () => {
  it('when the file is valid, then returns the clients by id', async () => {
    const clients = [
      { id: 'demo', secretHash: hash, scopes: ['notes:read', 'notes:write'] },
      { id: 'reader', secretHash: hash, scopes: ['notes:read'] },
    ];
    await writeFile(file, JSON.stringify({ clients }));

    const loaded = await loadClients(file);

    expect([...loaded.keys()]).toEqual(['demo', 'reader']);
    expect(loaded.get('reader')?.scopes).toEqual(['notes:read']);
  });

  it('when the file is missing, then says it cannot be read', async () => {
    await expect(loadClients(file)).rejects.toThrow(`clients file ${file} cannot be read`);
  });

  it('when the file is not JSON, then says so', async () => {
    await writeFile(file, '{"clients": [');

    await expect(loadClients(file)).rejects.toThrow(`clients file ${file} is not valid JSON`);
  });

  it('when a hash is not a scrypt PHC string, then names the field and never the value', async () => {
    const clients = [{ id: 'demo', secretHash: 'plaintext-password', scopes: [] }];
    await writeFile(file, JSON.stringify({ clients }));

    const message = await loadClients(file).then(
      () => 'loaded',
      (error: unknown) => (error as Error).message,
    );

    expect(message).toMatch(/clients\.0\.secretHash: not a \$scrypt\$/);
    expect(message).not.toContain('plaintext-password');
  });

  it('when two clients share an id, then refuses the file', async () => {
    const clients = [
      { id: 'demo', secretHash: hash, scopes: [] },
      { id: 'demo', secretHash: hash, scopes: ['notes:read'] },
    ];
    await writeFile(file, JSON.stringify({ clients }));

    await expect(loadClients(file)).rejects.toThrow('client ids must be unique');
  });

  it('when a scope has a space in it, then names the field', async () => {
    const clients = [{ id: 'demo', secretHash: hash, scopes: ['notes:read notes:write'] }];
    await writeFile(file, JSON.stringify({ clients }));

    await expect(loadClients(file)).rejects.toThrow('clients.0.scopes.0: not an RFC 6749 scope');
  });
});
