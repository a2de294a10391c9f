/**
 * When a person leaves a store, the connector keys they made stay active (they sign the store's checkout:
 * revoking them would stop its rates without warning) but sign nobody in any more (admin-link-role.ts).
 * Each such key gets an entry in the store's trail, so the owner sees which keys to replace; the keys list
 * flags them too (list-keys.ts).
 */
import { personActor, type Core } from '../../core/index.js';
import type { ConnectorKeys } from '../connector-keys.js';

type RemovedListener = Parameters<Core['people']['onRemoved']>[0];

export function flagRemovedMakersKeys(bridge: {
  readonly core: Pick<Core, 'people'>;
  readonly keys: Pick<ConnectorKeys, 'list'>;
}): RemovedListener {
  return async (tenant, person, by) => {
    const keys = await bridge.keys.list(tenant);
    const theirs = keys.filter(
      (key) => key.revokedAt === null && key.createdBy?.actor === personActor(person.id),
    );
    for (const key of theirs)
      await bridge.core.people.activity.record(tenant, {
        at: new Date().toISOString(),
        action: 'key_maker_removed',
        actor: by.actor,
        ...(by.email === undefined ? {} : { actorEmail: by.email }),
        frontEnd: by.frontEnd,
        subject: key.id,
      });
  };
}
