/** Creates a key: a name unique among the store's active keys, at most MAX_ACTIVE_KEYS active. */
import { randomBytes } from 'node:crypto';
import {
  UNCHANGED,
  type JsonValue,
  rbError,
  rbErrorWithDetails,
  type RateBridgeError,
} from '../../core/index.js';
import { keyNameSchema } from '../../core/wire/woocommerce-schema.js';
import type { CreatedConnectorKey, KeyCreator } from '../../core/wire/admin-api-types.js';
import { sealOwner, toKeyView, type KeyRecord, type KeysContext } from './keys-context.js';

const MAX_ACTIVE_KEYS = 20;

/** The answer is the only place the key's secret ever appears. */
export async function createKey(
  ctx: KeysContext,
  tenant: string,
  rawName: string,
  /** Absent only for keys made outside a session (tests, the bench): they sign nobody in as an owner. */
  createdBy?: KeyCreator,
): Promise<CreatedConnectorKey> {
  const name = keyNameSchema.parse(rawName);
  const id = `rbk_${randomBytes(16).toString('base64url')}`;
  const secret = `rbs_${randomBytes(32).toString('base64url')}`;
  const record: KeyRecord = {
    id,
    name,
    createdAt: ctx.iso(),
    lastUsedAt: null,
    revokedAt: null,
    ...(createdBy === undefined ? {} : { createdBy }),
    sealedSecret: ctx.sealer.seal(secret, sealOwner(tenant, id)),
  };
  // The lookup first: a key whose lookup failed to write would exist but never authenticate.
  await ctx.index.put(id, tenant);
  let refusal: RateBridgeError | undefined;
  try {
    await ctx.store.updateDoc(ctx.docRef(tenant), (raw) => {
      const doc = ctx.readDoc(tenant, raw);
      refusal = refusalOf(Object.values(doc.keys), name);
      if (refusal) return UNCHANGED;
      return { keys: { ...doc.keys, [id]: record } } as unknown as JsonValue;
    });
  } catch (error) {
    // The key was not stored: its lookup must not outlive it (best effort; the store may still be down).
    await ctx.index.delete(id).catch(() => undefined);
    throw error;
  }
  if (refusal) {
    await ctx.index.delete(id);
    throw refusal;
  }
  ctx.logger.info({ tenant, keyId: id }, 'connector key created');
  return { key: toKeyView(record), secret };
}

function refusalOf(keys: readonly KeyRecord[], name: string): RateBridgeError | undefined {
  const active = keys.filter((key) => key.revokedAt === null);
  if (active.some((key) => sameName(key.name, name))) {
    return rbErrorWithDetails(
      'RB_ERR_KEY_NAME_TAKEN',
      [{ path: 'name', message: 'This name is already used by an active key.' }],
      name,
    );
  }
  if (active.length >= MAX_ACTIVE_KEYS) {
    return rbError('RB_ERR_KEY_LIMIT', MAX_ACTIVE_KEYS);
  }
  return undefined;
}

const sameName = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;
