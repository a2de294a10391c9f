/**
 * Changes to who is in a store, with what follows from them. Two are refused (409):
 *   - any that would leave a store that has an owner without one (RB_ERR_LAST_OWNER): demoting or removing
 *     its last owner;
 *   - changing your own role or removing yourself (RB_ERR_OWN_MEMBERSHIP), always: another owner does it,
 *     so nobody locks themselves out by a slip, and the last owner cannot leave by that door either.
 * Removing a person tells whoever listens (the WooCommerce bridge flags the connector keys they made:
 * woocommerce-bridge/key-makers/).
 */
import type { Logger } from '../logger.js';
import { rbError } from '../errors.js';
import type { FrontEnd, Person, Role } from '../wire/admin-api-types.js';
import { personActor, type People } from './people-store.js';

/** Who made a change to the store's people, for the trail entries it causes. */
export interface PeopleChangeBy {
  readonly actor: string;
  readonly email?: string;
  readonly frontEnd: FrontEnd;
}

/** Hears a person removed from a store (the WooCommerce bridge flags the connector keys they made). */
export type RemovedListener = (tenant: string, person: Person, by: PeopleChangeBy) => Promise<void>;
export function createMembershipChanges(people: People, log: Logger) {
  const removedListeners = new Set<RemovedListener>();
  return {
    /** Calls `listener` after each removal; returns what stops it. */
    onRemoved(listener: RemovedListener): () => void {
      removedListeners.add(listener);
      return () => removedListeners.delete(listener);
    },
    async setRole(tenant: string, id: string, role: Role, by: PeopleChangeBy): Promise<Person> {
      await refuseLosingAnOwner(people, tenant, id, by, role);
      return people.setRole(tenant, id, role);
    },
    /** Removes a person; what hears of it cannot undo it (a failed listener is logged). */
    async remove(tenant: string, id: string, by: PeopleChangeBy): Promise<Person> {
      await refuseLosingAnOwner(people, tenant, id, by, undefined);
      const person = await people.remove(tenant, id);
      for (const listener of removedListeners)
        await listener(tenant, person, by).catch((error: unknown) =>
          log.error({ err: error, tenant }, 'a removal listener failed'),
        );
      return person;
    },
  };
}

/**
 * Refuses a change of `id` (to `role`; undefined: removal) by `by` that is their own, or that takes away
 * the store's last owner. Read, then written: two owners demoting each other at the same instant could
 * both pass (each sees the other still an owner); the signed owner link (npm start, the plugin's "Open
 * RateBridge" with an owner's key) remains the way back in.
 */
async function refuseLosingAnOwner(
  people: People,
  tenant: string,
  id: string,
  by: PeopleChangeBy,
  role: Role | undefined,
): Promise<void> {
  if (by.actor === personActor(id)) throw rbError('RB_ERR_OWN_MEMBERSHIP');
  const list = await people.list(tenant);
  const target = list.find((person) => person.id === id);
  if (!target) throw rbError('RB_ERR_NOT_FOUND', 'That person');
  if (target.role !== 'owner' || role === 'owner') return;
  if (list.filter((person) => person.role === 'owner').length <= 1) throw rbError('RB_ERR_LAST_OWNER');
}
