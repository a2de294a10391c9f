/**
 * Storing what a link check found, and telling the subscribers what changed. A refused key (or a store
 * that cannot see the key at all) makes a connected store `failed`; a key working again makes it
 * `connected` again. A store that did not answer changes only the key's status, never the connection's.
 */
import type { LinkState, StoreConnection } from '../store-connection.js';
import { checkOutcome } from '../store-setup/key-failure.js';
import type { LinkKey } from '../../core/wire/store-link-schema.js';
import { describeFailure } from '../woocommerce-client.js';
import { linkBroken, type KeyProbe } from './check-key.js';
import type { WebhooksSeen } from './check-webhooks.js';
import type { LinkContext } from './link-context.js';

const KEY_WORKS_AGAIN = 'The store accepts the key again.';

export async function recordKeyFailure(
  ctx: LinkContext,
  tenant: string,
  probe: Extract<KeyProbe, { ok: false }>,
): Promise<void> {
  const detail = describeFailure(probe.failure);
  const broken = linkBroken(probe.failure);
  const key: LinkKey = { status: probe.status, checkedAt: ctx.iso(), detail };
  const changed = await changeLink(ctx, tenant, key, (current) => ({
    ...current,
    status: broken && current.status === 'connected' ? 'failed' : current.status,
    lastCheck: broken ? { at: ctx.iso(), outcome: checkOutcome(probe.failure), detail } : current.lastCheck,
  }));
  if (broken) ctx.logger.warn({ tenant, failure: probe.failure.kind }, 'store link check: key refused');
  await announceKey(ctx, tenant, changed, key);
}

export async function recordHealthy(
  ctx: LinkContext,
  tenant: string,
  seen: WebhooksSeen | undefined,
): Promise<void> {
  const key: LinkKey = { status: 'ok', checkedAt: ctx.iso(), detail: null };
  const changed = await changeLink(
    ctx,
    tenant,
    key,
    (current) => {
      const recovered = current.status === 'failed' && current.credentials !== null;
      return {
        ...current,
        status: recovered ? 'connected' : current.status,
        lastCheck: recovered
          ? { at: ctx.iso(), outcome: 'connected', detail: KEY_WORKS_AGAIN }
          : current.lastCheck,
        webhooks:
          current.webhooks && seen
            ? { ...current.webhooks, ids: seen.ids, ...(seen.detail ? { detail: seen.detail } : {}) }
            : current.webhooks,
      };
    },
    seen,
  );
  await announceKey(ctx, tenant, changed, key);
  await announceWebhooks(ctx, tenant, changed, seen);
}

interface LinkChange {
  readonly before: LinkState | null;
  readonly after: StoreConnection;
}

/** One atomic update of the connection: its link (key, webhooks seen, next check) and what `also` changes. */
async function changeLink(
  ctx: LinkContext,
  tenant: string,
  key: LinkKey,
  also: (current: StoreConnection) => StoreConnection,
  seen?: WebhooksSeen,
): Promise<LinkChange | undefined> {
  let before: LinkState | null = null;
  const after = await ctx.connections.update(tenant, (current) => {
    if (!current || !current.credentials) return undefined;
    before = current.link ?? null;
    const link: LinkState = {
      key,
      unitsCheckedAt: current.link?.unitsCheckedAt ?? null,
      webhooks: seen?.webhooks ?? current.link?.webhooks ?? [],
      nextCheckAt: ctx.setup.nextCheckAt(),
    };
    return { ...also(current), link };
  });
  return after ? { before, after } : undefined;
}

async function announceKey(
  ctx: LinkContext,
  tenant: string,
  change: LinkChange | undefined,
  key: LinkKey,
): Promise<void> {
  const previous = change?.before?.key.status ?? 'unknown';
  // A first check finding the key fine is no news.
  if (!change || previous === key.status || (previous === 'unknown' && key.status === 'ok')) return;
  await ctx.events.emit({
    type: 'key-status-changed',
    tenant,
    storeUrl: change.after.storeUrl,
    previous,
    status: key.status,
    detail: key.detail,
    at: ctx.iso(),
  });
}

async function announceWebhooks(
  ctx: LinkContext,
  tenant: string,
  change: LinkChange | undefined,
  seen: WebhooksSeen | undefined,
): Promise<void> {
  if (!change || !seen) return;
  for (const webhook of seen.webhooks) {
    const earlier = change.before?.webhooks.find((hook) => hook.topic === webhook.topic);
    const repaired = webhook.repairedAt !== null && webhook.repairedAt !== (earlier?.repairedAt ?? null);
    const newlyUnhealthy = webhook.status !== 'active' && webhook.status !== earlier?.status;
    if (!repaired && !newlyUnhealthy) continue;
    await ctx.events.emit({
      type: 'webhook-unhealthy',
      tenant,
      storeUrl: change.after.storeUrl,
      webhook,
      repaired,
      at: ctx.iso(),
    });
  }
}
