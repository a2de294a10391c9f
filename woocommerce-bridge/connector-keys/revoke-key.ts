/** Revokes at once (every request reads the key's record); revoking a revoked key changes nothing. */
import { UNCHANGED, rbError, type JsonValue } from '../../core/index.js';
import { toKeyView, type ConnectorKeyView, type KeyRecord, type KeysContext } from './keys-context.js';

export async function revokeKey(ctx: KeysContext, tenant: string, keyId: string): Promise<ConnectorKeyView> {
  let found: KeyRecord | undefined;
  await ctx.store.updateDoc(ctx.docRef(tenant), (raw) => {
    found = undefined;
    const doc = ctx.readDoc(tenant, raw);
    const key = doc.keys[keyId];
    if (!key) return UNCHANGED;
    if (key.revokedAt !== null) {
      found = key;
      return UNCHANGED;
    }
    found = { ...key, revokedAt: ctx.iso() };
    return { keys: { ...doc.keys, [keyId]: found } } as unknown as JsonValue;
  });
  if (!found) throw rbError('RB_ERR_NOT_FOUND', 'That connector key');
  ctx.logger.info({ tenant, keyId }, 'connector key revoked');
  return toKeyView(found);
}
