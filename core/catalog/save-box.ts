/** Adds a box to the merchant's set, or replaces one by id, after the box rules (box-rules.ts). */
import { randomBytes } from 'node:crypto';
import { rbError } from '../errors.js';
import type { JsonValue } from '../storage/store.js';
import type { Box } from '../wire/admin-api-types.js';
import { MAX_BOXES } from '../wire/packaging-schema.js';
import { boxInputSchema } from './box-rules.js';
import { BOX_KIND, type CatalogContext } from './catalog-context.js';
import { parseInput } from './input-error.js';

/** `id` absent: a new box (refused past MAX_BOXES); present: that box, which must exist. */
export async function saveBox(
  ctx: CatalogContext,
  tenant: string,
  input: unknown,
  id?: string,
): Promise<Box> {
  const body = parseInput(boxInputSchema, input);
  if (id === undefined) {
    const existing = await ctx.store.listDocs(tenant, BOX_KIND);
    if (existing.size >= MAX_BOXES) throw rbError('RB_ERR_BOX_LIMIT', MAX_BOXES);
  } else if ((await ctx.store.getDoc({ tenant, kind: BOX_KIND, id })) === undefined) {
    throw rbError('RB_ERR_NOT_FOUND', 'That box');
  }
  const box: Box = { ...body, id: id ?? `box_${randomBytes(6).toString('base64url')}`, updatedAt: ctx.iso() };
  await ctx.store.putDoc({ tenant, kind: BOX_KIND, id: box.id }, box as unknown as JsonValue);
  return box;
}
