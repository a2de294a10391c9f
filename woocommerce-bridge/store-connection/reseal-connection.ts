/**
 * Re-seals the connection's consumer key and secret (current and pending) and webhook secret with the key
 * ring's primary key (after a key rotation). Returns how many values moved; 0 changes nothing.
 */
import { resealCounter, type Core } from '../../core/index.js';
import type { SealedCredentials, StoreConnection } from './connection-record.js';
import { owner } from './connection-secrets.js';

type Update = (
  tenant: string,
  change: (current: StoreConnection | undefined) => StoreConnection | undefined,
) => Promise<StoreConnection | undefined>;

export async function resealConnection(
  sealer: Core['sealer'],
  update: Update,
  tenant: string,
): Promise<number> {
  let moved = 0;
  await update(tenant, (current) => {
    moved = 0;
    if (!current) return undefined;
    const again = resealCounter(sealer);
    const credentials = <T extends SealedCredentials | null>(sealed: T): T =>
      sealed === null
        ? sealed
        : {
            ...sealed,
            sealedKey: again.value(sealed.sealedKey, owner.consumerKey(tenant)),
            sealedSecret: again.value(sealed.sealedSecret, owner.consumerSecret(tenant)),
          };
    const next: StoreConnection = {
      ...current,
      credentials: credentials(current.credentials),
      pending: credentials(current.pending),
      webhooks: current.webhooks && {
        ...current.webhooks,
        sealedSecret: again.value(current.webhooks.sealedSecret, owner.webhookSecret(tenant)),
      },
    };
    moved = again.moved;
    return moved > 0 ? next : undefined;
  });
  return moved;
}
