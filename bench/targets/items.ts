/** The data and the hand-written checks the bare targets share; the platform target uses zod. */
export interface Item {
  id: string;
  name: string;
  tags: string[];
}

export const itemId = /^[a-z0-9-]{1,64}$/;

const items = new Map<string, Item>([
  ['item-1', { id: 'item-1', name: 'The first item', tags: ['bench', 'read'] }],
]);

/** The item with this id, or undefined. */
export function findItem(id: string): Item | undefined {
  return itemId.test(id) ? items.get(id) : undefined;
}

let created = 0;

/** A new item from a body the caller already checked; not stored, so memory stays flat. */
export function newItem(body: { name: string; tags?: string[] }): Item {
  created += 1;
  return { id: `item-${String(created)}`, name: body.name, tags: body.tags ?? [] };
}

/** What the bare targets check by hand: `{ name: 1..100 chars, tags?: up to 10 short strings }`. */
export function isItemBody(body: unknown): body is { name: string; tags?: string[] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const { name, tags } = body as Record<string, unknown>;
  if (typeof name !== 'string' || name.length < 1 || name.length > 100) return false;
  if (tags === undefined) return true;
  return (
    Array.isArray(tags) &&
    tags.length <= 10 &&
    tags.every((tag) => typeof tag === 'string' && tag.length >= 1 && tag.length <= 30)
  );
}
