/**
 * One sync run, in the background: read every page into the catalog, renewing the lease with each, and
 * record how it ended (done, failed; a stopped or taken-over run writes nothing, the next start resumes).
 */
import { variantToProduct, type SyncProgress } from '../product-sync.js';
import type { ShopDomain } from '../shop-domain.js';
import { beginRead, pagesFrom } from './read-pages.js';
import type { Position, SyncContext } from './sync-context.js';
import { LeaseLost, ReadFailed, Stopped } from './sync-stops.js';

export async function runSync(
  ctx: SyncContext,
  shop: ShopDomain,
  runner: string,
  started: SyncProgress,
  resumeAt: Position | undefined,
): Promise<void> {
  const { signal } = ctx;
  const { logger } = ctx.core;
  const run = { current: started, position: resumeAt ?? {} };
  try {
    await readAll(ctx, shop, runner, run, resumeAt === undefined);
    logger.info({ tenant: shop, variants: run.current.done }, 'Shopify product sync done');
  } catch (error) {
    if (error instanceof LeaseLost) {
      logger.warn({ tenant: shop }, 'Shopify product sync taken over by another runner; this one stops');
      return;
    }
    if (error instanceof Stopped || signal?.aborted) {
      logger.info(
        { tenant: shop, done: run.current.done },
        'Shopify product sync stopped; the next start resumes it',
      );
      return;
    }
    const message = error instanceof Error ? error.message : 'unknown error';
    await ctx.advance(shop, runner, {
      ...run.current,
      state: 'failed',
      finishedAt: ctx.iso(),
      error: message,
    });
    logger.warn({ tenant: shop, error: message }, 'Shopify product sync failed');
  }
}

/** The read from `run.position` to the end; `run` always holds the progress last written. */
async function readAll(
  ctx: SyncContext,
  shop: ShopDomain,
  runner: string,
  run: { current: SyncProgress; position: Position },
  fromStart: boolean,
): Promise<void> {
  const { signal } = ctx;
  const step = async (next: SyncProgress) => {
    if (signal?.aborted) throw new Stopped();
    if (!(await ctx.advance(shop, runner, next, run.position))) throw new LeaseLost();
    run.current = next;
  };
  const session = await ctx.offlineSessions.forShop(shop);
  if (!session.ok) throw new Error(session.failure.message);
  if (fromStart) {
    const begun = await beginRead(ctx, session.value);
    run.position = begun.position;
    await step({ ...run.current, total: begun.total });
  }
  for await (const page of pagesFrom(ctx, session.value, run.position)) {
    if (signal?.aborted) throw new Stopped();
    if (!page.ok) throw new ReadFailed(page.failure.message);
    const shipped = page.variants.filter((variant) => variant.requiresShipping);
    await ctx.core.catalog.recordProducts(shop, shipped.map(variantToProduct));
    if (run.position.bulkId === undefined) run.position = { cursor: page.cursor };
    await step({ ...run.current, done: run.current.done + page.variants.length });
  }
  await step({ ...run.current, state: 'done', total: run.current.done, finishedAt: ctx.iso() });
}
