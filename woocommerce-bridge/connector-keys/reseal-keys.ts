/** Re-seals the tenant's key secrets with the primary key (after a rotation); how many moved. */
import { UNCHANGED, resealCounter, type JsonValue } from '../../core/index.js';
import { sealOwner, type KeyRecord, type KeysContext } from './keys-context.js';

export async function resealKeys(ctx: KeysContext, tenant: string): Promise<number> {
  let moved = 0;
  await ctx.store.updateDoc(ctx.docRef(tenant), (raw) => {
    moved = 0;
    if (raw === undefined) return UNCHANGED;
    const doc = ctx.readDoc(tenant, raw);
    const again = resealCounter(ctx.sealer);
    const keys: Record<string, KeyRecord> = {};
    for (const [id, key] of Object.entries(doc.keys)) {
      keys[id] = { ...key, sealedSecret: again.value(key.sealedSecret, sealOwner(tenant, id)) };
    }
    moved = again.moved;
    return moved > 0 ? ({ keys } as unknown as JsonValue) : UNCHANGED;
  });
  return moved;
}
