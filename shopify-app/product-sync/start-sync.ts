/**
 * Starts a sync unless one is running (its lease alive); resolves at once with the progress to show. A
 * sync whose runner stopped is taken over from where it stands.
 */
import { randomBytes } from 'node:crypto';
import { UNCHANGED, type JsonValue } from '../../core/index.js';
import { IDLE, type SyncProgress } from '../product-sync.js';
import type { ShopDomain } from '../shop-domain.js';
import { runSync } from './run-sync.js';
import { positionOf, readRecord, view, type Position, type SyncContext } from './sync-context.js';

export async function startSync(ctx: SyncContext, shop: ShopDomain): Promise<SyncProgress> {
  const { now, leaseMs } = ctx;
  const { logger } = ctx.core;
  const runner = randomBytes(12).toString('base64url');
  const fresh: SyncProgress = { ...IDLE, state: 'running', startedAt: ctx.iso() };
  let started = fresh;
  let resumeAt: Position | undefined;
  let mine = false;
  const stored = await ctx.core.store.updateDoc(ctx.ref(shop), (raw) => {
    const record = readRecord(raw);
    started = fresh;
    const running = record?.state === 'running';
    mine = !(running && (record.leaseUntil ?? 0) > now());
    if (!mine) return UNCHANGED;
    resumeAt = running ? positionOf(record) : undefined;
    // A bulk result is read again from its start, so its count starts again too.
    if (running && resumeAt) started = { ...view(record), ...(resumeAt.bulkId ? { done: 0 } : {}) };
    return { ...started, runner, leaseUntil: now() + leaseMs, ...resumeAt } as unknown as JsonValue;
  });
  if (!mine) {
    const record = readRecord(stored);
    return record ? view(record) : IDLE;
  }
  if (resumeAt) logger.info({ tenant: shop, done: started.done }, 'Shopify product sync resumed');
  runSync(ctx, shop, runner, started, resumeAt).catch((error: unknown) =>
    logger.error({ err: error, tenant: shop }, 'Shopify product sync could not record its end'),
  );
  return started;
}
