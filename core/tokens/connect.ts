/** Connect: a pasted token is checked live, sealed and stored as a new connection, or refused with a code. */
import { rbError } from '../errors.js';
import { UNCHANGED } from '../storage/store.js';
import { newId } from '../ids.js';
import type { ConnectBody, ConnectionView } from '../wire/admin-api-types.js';
import { toView, sealOwner, type ConnectionRecord } from './connection.js';
import { tokenHint } from './normalise-token.js';
import { connectionWithToken, normalisedToken, platformFor, verifyError } from './pasted-token.js';
import type { ActorRef, TokenContext } from './token-context.js';

export async function connect(
  ctx: TokenContext,
  tenant: string,
  /** The token as pasted: normalised here. */
  input: ConnectBody,
  actor: ActorRef = 'merchant',
): Promise<ConnectionView> {
  const platform = platformFor(ctx.platforms, input.platform, input.environment);
  const token = normalisedToken(input.token);
  await ctx.limiter.consume(tenant, ctx.now());
  const label = input.label.trim();
  // Cheap refusals first: no platform call for a label or token we would refuse anyway.
  refuseTaken(ctx, Object.values((await ctx.load(tenant)).connections), label, token);

  const outcome = await platform.verifyToken({ token, environment: input.environment });
  if (outcome.status !== 'valid') {
    ctx.logger.info({ tenant, platform: platform.name, outcome: outcome.status }, 'token refused at connect');
    throw verifyError(outcome);
  }
  const id = newId('con');
  const at = ctx.iso();
  const created: ConnectionRecord = {
    id,
    platform: platform.name,
    environment: input.environment,
    label,
    hint: tokenHint(token),
    status: 'active',
    createdAt: at,
    verifiedAt: at,
    lastUsedAt: null,
    lastCheck: { at, outcome: 'valid', detail: outcome.detail, trigger: 'connect' },
    nextCheckAt: ctx.nextCheckAt(),
    revokedAt: null,
    account: outcome.account ?? null,
    sealedToken: ctx.sealer.seal(token, sealOwner(tenant, id)),
    fingerprint: ctx.fingerprinter.fingerprint(token),
  };
  await storeConnection(ctx, tenant, created, token, () =>
    ctx.event(tenant, id, 'connected', actor, { outcome: 'valid', detail: outcome.detail }),
  );
  ctx.logger.info(
    { tenant, connectionId: id, platform: platform.name, environment: input.environment },
    'connection created',
  );
  return toView(created);
}

/**
 * The schedule entry, the connection (its sealed token inside it) and its 'connected' event, all or none:
 * when a write fails partway, what was written is taken back (best effort) before the 503, so a failed
 * connect leaves no connection without its trail and no schedule entry naming nothing.
 */
async function storeConnection(
  ctx: TokenContext,
  tenant: string,
  created: ConnectionRecord,
  token: string,
  recordEvent: () => Promise<void>,
): Promise<void> {
  const { id } = created;
  // The schedule first: a connection must never exist unchecked.
  await ctx.schedule(tenant, id, created.nextCheckAt);
  try {
    await ctx.mutate(tenant, (doc) => {
      // Checked again inside the atomic update: two tabs connecting at once must not both win.
      refuseTaken(ctx, Object.values(doc.connections), created.label, token);
      return { connections: { ...doc.connections, [id]: created } };
    });
    await recordEvent();
  } catch (error) {
    await ctx
      .mutate(tenant, (doc) => {
        if (!doc.connections[id]) return UNCHANGED;
        const { [id]: _removed, ...rest } = doc.connections;
        return { connections: rest };
      })
      .catch(() => undefined);
    // A dangling entry left here (the store still down) is dropped by the scheduler's next pass.
    await ctx.schedule(tenant, id, undefined).catch(() => undefined);
    throw error;
  }
}

/** Labels are unique per tenant (case-insensitive), and one token is connected once. */
function refuseTaken(
  ctx: TokenContext,
  records: readonly ConnectionRecord[],
  label: string,
  token: string,
): void {
  const labelOwner = records.find((c) => c.label.toLowerCase() === label.toLowerCase());
  if (labelOwner) throw rbError('RB_ERR_LABEL_TAKEN', label);
  const twin = connectionWithToken(ctx.fingerprinter, records, token);
  if (twin) throw rbError('RB_ERR_TOKEN_ALREADY_CONNECTED', twin.label);
}
