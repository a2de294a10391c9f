/**
 * Changes to who is in a store, with what follows from them: removing a person tells whoever listens (the
 * WooCommerce bridge flags the connector keys they made: woocommerce-bridge/key-makers/).
 */
import type { Logger } from '../logger.js';
import type { FrontEnd, Person } from '../wire/admin-api-types.js';
import type { People } from './people-store.js';

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
    /** Removes a person; what hears of it cannot undo it (a failed listener is logged). */
    async remove(tenant: string, id: string, by: PeopleChangeBy): Promise<Person> {
      const person = await people.remove(tenant, id);
      for (const listener of removedListeners)
        await listener(tenant, person, by).catch((error: unknown) =>
          log.error({ err: error, tenant }, 'a removal listener failed'),
        );
      return person;
    },
  };
}
