/** Records a successful use; at most one write per key a minute, never failing the request. */
import { UNCHANGED, type JsonValue } from '../../core/index.js';
import { keysDocSchema, type KeysContext } from './keys-context.js';

const LAST_USED_RESOLUTION_MS = 60_000;

export async function touchKey(ctx: KeysContext, tenant: string, keyId: string): Promise<void> {
  try {
    if (!(await ctx.store.cacheSetIfAbsent(`woo-key-used:${keyId}`, 1, LAST_USED_RESOLUTION_MS))) return;
    const at = ctx.iso();
    await ctx.store.updateDoc(ctx.docRef(tenant), (raw) => {
      const parsed = keysDocSchema.safeParse(raw);
      const key = parsed.success ? parsed.data.keys[keyId] : undefined;
      if (!parsed.success || !key) return UNCHANGED;
      return {
        keys: { ...parsed.data.keys, [keyId]: { ...key, lastUsedAt: at } },
      } as unknown as JsonValue;
    });
  } catch (error) {
    ctx.logger.warn({ err: error, tenant, keyId }, 'recording a connector key use failed');
  }
}
