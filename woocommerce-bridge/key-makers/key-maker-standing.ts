/**
 * Whether the person who made a connector key is still in the store. A key is worth what its maker was
 * (it signs the plugin's "Open RateBridge" in): a key made by someone since removed must not keep their
 * access alive, but it also signs the store's checkout, which must not stop without warning. So such a
 * key keeps answering rates, signs nobody in, and is flagged in the keys list and the people page
 * (docs/people-and-roles.md).
 */
import { personOfActor, type Core } from '../../core/index.js';
import type { KeyCreator, Role } from '../../core/wire/admin-api-types.js';

/**
 * `removed`: made by a person no longer in the store; `role`: what signing in with it gives now (the
 * maker's role today for a person, owner for the store's signed owner link). A key made before makers were
 * kept predates people: its maker was the store's one merchant, so it stays the owner's way in until the
 * store has an owner among its people, and is worth admin from then on (it may have been an admin's).
 */
export type KeyMakerStanding = { readonly removed: true } | { readonly removed: false; readonly role: Role };

export async function keyMakerStanding(
  core: Pick<Core, 'people'>,
  tenant: string,
  createdBy: KeyCreator | undefined,
): Promise<KeyMakerStanding> {
  if (createdBy === undefined) {
    const owned = (await core.people.people.list(tenant)).some((person) => person.role === 'owner');
    return { removed: false, role: owned ? 'admin' : 'owner' };
  }
  const person = personOfActor(createdBy.actor);
  if (person === undefined) return { removed: false, role: 'owner' };
  const found = await core.people.people.get(tenant, person);
  return found ? { removed: false, role: found.role } : { removed: true };
}
