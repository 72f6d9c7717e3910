import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { phcPattern } from './secret-hash.ts';

const scope = z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/, 'not an RFC 6749 scope token');

const clientsFileSchema = z.object({
  clients: z
    .array(
      z.object({
        id: z.string().regex(/^[\w.:-]{1,128}$/, 'letters, digits, _ . : - only, at most 128'),
        secretHash: z.string().regex(phcPattern, 'not a $scrypt$ln=…,r=…,p=…$salt$hash string'),
        scopes: z.array(scope),
      }),
    )
    .refine((clients) => new Set(clients.map(({ id }) => id)).size === clients.length, {
      error: 'client ids must be unique',
    }),
});

/** A client allowed to ask for tokens: its id, the hash of its secret, the scopes it may get. */
export type Client = z.infer<typeof clientsFileSchema>['clients'][number];

/**
 * Reads and validates the clients file (`{"clients":[{"id","secretHash","scopes"}]}`) into a map
 * by client id. A bad file fails with a message naming each bad field, never a value.
 * @example const clients = await loadClients('/etc/bulkhead/clients/clients.json');
 */
export async function loadClients(path: string): Promise<Map<string, Client>> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    const reason = error instanceof SyntaxError ? 'is not valid JSON' : 'cannot be read';
    throw new Error(`clients file ${path} ${reason}`, { cause: error });
  }
  const result = clientsFileSchema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.map(
      ({ path: at, message }) => `${at.join('.')}: ${message}`,
    );
    throw new Error(`clients file ${path} is invalid: ${problems.join('; ')}`);
  }
  return new Map(result.data.clients.map((client) => [client.id, client]));
}
