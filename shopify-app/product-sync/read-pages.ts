/**
 * Reading the catalogue in pages: cursor pagination, or one bulk operation past the threshold (cursor
 * pagination stops at 25,000 objects), from the start or from where a stopped read stood.
 */
import type { Session } from '@shopify/shopify-api';
import { bulkProductVariants, startBulkProductRead } from '../bulk-product-read.js';
import { catalogueCounts } from '../product-counts.js';
import { shopVariants, type VariantsPage } from '../product-variants-query.js';
import type { Position, SyncContext } from './sync-context.js';
import { ReadFailed } from './sync-stops.js';

/** Where a new read starts: a bulk operation past the threshold, else the first products page. */
export async function beginRead(
  ctx: SyncContext,
  session: Session,
): Promise<{ position: Position; total: number | null }> {
  const counts = await catalogueCounts(ctx.api, session, ctx.call);
  const total = counts.ok ? (counts.value.variants ?? null) : null;
  const products = counts.ok ? (counts.value.products ?? counts.value.productsAtLeast) : 0;
  if (products <= ctx.bulkThreshold) return { position: { cursor: null }, total };
  const bulk = await startBulkProductRead(ctx.api, session, ctx.call);
  if (!bulk.ok) throw new ReadFailed(bulk.failure.message);
  return { position: { bulkId: bulk.value }, total };
}

export function pagesFrom(
  ctx: SyncContext,
  session: Session,
  position: Position,
): AsyncGenerator<VariantsPage> {
  return position.bulkId === undefined
    ? shopVariants(ctx.api, session, ctx.call, position.cursor ?? null)
    : bulkProductVariants(ctx.api, session, position.bulkId, ctx.bulkRead);
}
