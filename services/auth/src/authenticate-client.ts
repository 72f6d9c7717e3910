import type { Client } from './clients.ts';
import { verifySecret } from './secret-hash.ts';

// The hash of a random secret nobody kept, with the default cost: checking against it makes an
// unknown client id cost the same time as a wrong secret, so ids cannot be probed by timing.
export const dummyHash =
  '$scrypt$ln=15,r=8,p=1$kqhah+jM8xj9EcTh+jGSLQ$fYBq6+PbrtvYOu714brjoFXOdrG/1GwR95E83+70eog';

/**
 * Returns the client whose id and secret match, or undefined, in the same time whether the id
 * is unknown or the secret is wrong.
 * @example const client = await authenticateClient(clients, id, secret);
 */
export async function authenticateClient(
  clients: ReadonlyMap<string, Client>,
  id: string,
  secret: string,
): Promise<Client | undefined> {
  const client = clients.get(id);
  const matches = await verifySecret(secret, client?.secretHash ?? dummyHash);
  return client !== undefined && matches ? client : undefined;
}
