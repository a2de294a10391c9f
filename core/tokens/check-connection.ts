/**
 * Checking a stored token with its platform, and recording what the platform said: the connection's
 * status, its next check, the audit trail, and a log line when the status changes.
 */
import type { VerifyOutcome } from '../platforms/freight-platform.js';
import { rememberSecret } from '../security/redact.js';
import { UNCHANGED } from '../storage/store.js';
import type { CheckTrigger, ConnectionEventType, VerifyResponse } from '../wire/admin-api-types.js';
import { sealOwner, statusAfter, toView, type ConnectionRecord } from './connection.js';
import { platformFor } from './pasted-token.js';
import type { ActorRef, TokenContext } from './token-context.js';

/** Re-verifies now, unless the platform was asked about this connection within the last minute. */
export async function verifyConnection(
  ctx: TokenContext,
  tenant: string,
  id: string,
  actor: ActorRef = 'merchant',
  trigger: CheckTrigger = 'manual',
): Promise<VerifyResponse> {
  const current = await ctx.record(tenant, id);
  if (trigger === 'manual') await ctx.limiter.consume(tenant, ctx.now());
  if (!(await claimRecheck(ctx, tenant, id))) return { connection: toView(current), checked: false };
  const { connection } = await checkConnection(ctx, tenant, current, trigger, actor);
  return { connection: toView(connection), checked: true };
}

/** True when this connection's platform may be asked again (at most once per recheck interval). */
export function claimRecheck(ctx: TokenContext, tenant: string, id: string): Promise<boolean> {
  return ctx.store.cacheSetIfAbsent(`token-recheck:${tenant}:${id}`, 1, ctx.recheckMinInterval);
}

/** Verifies a stored connection now and records the outcome; the caller has already throttled. */
export async function checkConnection(
  ctx: TokenContext,
  tenant: string,
  current: ConnectionRecord,
  trigger: CheckTrigger,
  actor: ActorRef,
): Promise<{ outcome: VerifyOutcome; connection: ConnectionRecord }> {
  const platform = platformFor(ctx.platforms, current.platform, current.environment);
  const owner = sealOwner(tenant, current.id);
  const token = ctx.sealer.open(current.sealedToken, owner);
  rememberSecret(token);
  const outcome = await platform.verifyToken({ token, environment: current.environment });
  // Key rotation: every check moves a token sealed with an older key onto the primary one, so after one
  // health cycle the old key can be dropped from RATEBRIDGE_KEYS.
  const resealed = ctx.sealer.reseal(current.sealedToken, owner);
  const at = ctx.iso();
  let before: ConnectionRecord | undefined;
  const after = await ctx.mutate(tenant, (doc) => {
    before = undefined; // the update may run again on a conflict
    const latest = doc.connections[current.id];
    // Replaced or disconnected meanwhile: this outcome is about a token that is no longer there.
    if (!latest || latest.fingerprint !== current.fingerprint) return UNCHANGED;
    before = latest;
    const status = statusAfter(outcome.status, latest.status);
    const checked: ConnectionRecord = {
      ...latest,
      status,
      lastCheck: { at, outcome: outcome.status, detail: outcome.detail, trigger },
      verifiedAt: outcome.status === 'valid' ? at : latest.verifiedAt,
      revokedAt: status === 'revoked' ? (latest.revokedAt ?? at) : null,
      account: outcome.status === 'valid' ? (outcome.account ?? latest.account) : latest.account,
      nextCheckAt: ctx.nextCheckAt(),
      ...(resealed ? { sealedToken: resealed, fingerprint: ctx.fingerprinter.fingerprint(token) } : {}),
    };
    return { connections: { ...doc.connections, [latest.id]: checked } };
  });
  const updated = after.connections[current.id];
  if (before && updated) await recordCheck(ctx, tenant, before, updated, outcome, trigger, actor);
  return { outcome, connection: updated ?? current };
}

async function recordCheck(
  ctx: TokenContext,
  tenant: string,
  before: ConnectionRecord,
  updated: ConnectionRecord,
  outcome: VerifyOutcome,
  trigger: CheckTrigger,
  actor: ActorRef,
): Promise<void> {
  await ctx.schedule(tenant, updated.id, updated.nextCheckAt);
  await ctx.event(tenant, updated.id, auditType(outcome, updated), actor, {
    outcome: outcome.status,
    detail: outcome.detail,
  });
  if (before.status === updated.status) return;
  await ctx.statusChanged(tenant, updated, before.status);
  ctx.logger.warn(
    {
      tenant,
      connectionId: updated.id,
      platform: updated.platform,
      from: before.status,
      to: updated.status,
      trigger,
    },
    'connection status changed',
  );
}

function auditType(outcome: VerifyOutcome, updated: ConnectionRecord): ConnectionEventType {
  if (outcome.status === 'valid') return 'verified';
  if (outcome.status === 'rejected') return 'revoked_detected';
  return updated.status === 'needs_attention' ? 'needs_attention' : 'check_failed';
}
