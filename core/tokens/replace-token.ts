/** Replace: the new token is verified first; only then does it take the old one's place, atomically. */
import { rbError } from '../errors.js';
import type { ConnectionView } from '../wire/admin-api-types.js';
import { toView, sealOwner, type ConnectionRecord } from './connection.js';
import { tokenHint } from './normalise-token.js';
import { connectionWithToken, normalisedToken, platformFor, verifyError } from './pasted-token.js';
import type { ActorRef, TokenContext } from './token-context.js';

export async function replaceToken(
  ctx: TokenContext,
  tenant: string,
  id: string,
  pasted: string,
  actor: ActorRef = 'merchant',
): Promise<ConnectionView> {
  const current = await ctx.record(tenant, id);
  const platform = platformFor(ctx.platforms, current.platform, current.environment);
  const token = normalisedToken(pasted);
  await ctx.limiter.consume(tenant, ctx.now());
  refuseHeldElsewhere(ctx, Object.values((await ctx.load(tenant)).connections), id, token);

  const outcome = await platform.verifyToken({ token, environment: current.environment });
  if (outcome.status !== 'valid') {
    // The old token stays exactly as it was.
    await ctx.event(tenant, id, 'replace_refused', actor, {
      outcome: outcome.status,
      detail: outcome.detail,
    });
    throw verifyError(outcome);
  }
  const at = ctx.iso();
  let previous = current.status;
  const after = await ctx.mutate(tenant, (doc) => {
    const latest = doc.connections[id];
    if (!latest) throw rbError('RB_ERR_NOT_FOUND', 'That connection');
    previous = latest.status;
    refuseHeldElsewhere(ctx, Object.values(doc.connections), id, token);
    const replaced: ConnectionRecord = {
      ...latest,
      hint: tokenHint(token),
      status: 'active',
      verifiedAt: at,
      revokedAt: null,
      lastCheck: { at, outcome: 'valid', detail: outcome.detail, trigger: 'replace' },
      account: outcome.account ?? latest.account,
      nextCheckAt: ctx.nextCheckAt(),
      sealedToken: ctx.sealer.seal(token, sealOwner(tenant, id)),
      fingerprint: ctx.fingerprinter.fingerprint(token),
    };
    return { connections: { ...doc.connections, [id]: replaced } };
  });
  const replaced = after.connections[id] as ConnectionRecord;
  await ctx.schedule(tenant, id, replaced.nextCheckAt);
  await ctx.event(tenant, id, 'replaced', actor, { outcome: 'valid', detail: outcome.detail });
  ctx.logger.info({ tenant, connectionId: id }, 'connection token replaced');
  await ctx.statusChanged(tenant, replaced, previous);
  return toView(replaced);
}

function refuseHeldElsewhere(
  ctx: TokenContext,
  records: readonly ConnectionRecord[],
  id: string,
  token: string,
): void {
  const twin = connectionWithToken(
    ctx.fingerprinter,
    records.filter((c) => c.id !== id),
    token,
  );
  if (twin) throw rbError('RB_ERR_TOKEN_ALREADY_CONNECTED', twin.label);
}
