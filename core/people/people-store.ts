/**
 * The people of a standalone store: each has an address and a role. A global index from the address's
 * hash to its memberships lets a sign-in request find every store an address belongs to without naming
 * the store (and without the index holding the address in clear).
 */
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { rbError } from '../errors.js';
import { GLOBAL_TENANT, UNCHANGED, type Store } from '../storage/store.js';
import type { Person, Role } from '../wire/admin-api-types.js';
import { personSchema } from '../wire/people-schema.js';

const KIND = 'person';
const membershipsSchema = z.array(z.object({ tenant: z.string(), person: z.string() }));

/** A person's actor in sessions and trails, and back: the person id of an actor that names one. */
export const personActor = (id: string): string => `person:${id}`;
export const personOfActor = (actor: string): string | undefined =>
  actor.startsWith('person:') ? actor.slice('person:'.length) : undefined;

export const emailHash = (email: string): string =>
  createHash('sha256').update(email.trim().toLowerCase()).digest('hex');

type Memberships = z.infer<typeof membershipsSchema>;
const indexRef = (email: string) => ({ tenant: GLOBAL_TENANT, kind: 'person-email', id: emailHash(email) });

/** Changes the address's memberships in one update (deleted when none is left). */
async function changeIndex(store: Store, email: string, change: (list: Memberships) => Memberships) {
  await store.updateDoc(indexRef(email), (current) => {
    const next = change(membershipsSchema.catch([]).parse(current ?? []));
    return next.length === 0 ? undefined : next;
  });
}

export function createPeople(store: Store) {
  const ref = (tenant: string, id: string) => ({ tenant, kind: KIND, id });
  const index = (email: string, change: (list: Memberships) => Memberships) =>
    changeIndex(store, email, change);
  const people = {
    async list(tenant: string): Promise<Person[]> {
      const docs = await store.listDocs(tenant, KIND);
      return [...docs.values()]
        .map((doc) => personSchema.parse(doc))
        .sort((a, b) => a.addedAt.localeCompare(b.addedAt));
    },
    async findByEmail(tenant: string, email: string): Promise<Person | undefined> {
      return (await people.list(tenant)).find((person) => person.email === email.trim().toLowerCase());
    },
    async get(tenant: string, id: string): Promise<Person | undefined> {
      const doc = await store.getDoc(ref(tenant, id));
      return doc === undefined ? undefined : personSchema.parse(doc);
    },
    /**
     * Adds the address with `role`. An address already in the store is refused (RB_ERR_ALREADY_MEMBER):
     * an invitation must not quietly change a member's role, up or down; the People page changes roles.
     */
    async add(tenant: string, input: { email: string; role: Role; addedBy: string }): Promise<Person> {
      if (await people.findByEmail(tenant, input.email)) throw rbError('RB_ERR_ALREADY_MEMBER');
      const person: Person = {
        id: `per_${randomBytes(12).toString('base64url')}`,
        email: input.email,
        role: input.role,
        addedAt: new Date().toISOString(),
        addedBy: input.addedBy,
      };
      await store.putDoc(ref(tenant, person.id), person);
      await index(input.email, (list) => [
        ...list.filter((m) => m.tenant !== tenant),
        { tenant, person: person.id },
      ]);
      return person;
    },
    async setRole(tenant: string, id: string, role: Role): Promise<Person> {
      const updated = await store.updateDoc(ref(tenant, id), (current) =>
        current === undefined ? UNCHANGED : { ...personSchema.parse(current), role },
      );
      if (updated === undefined) throw rbError('RB_ERR_NOT_FOUND', 'That person');
      return personSchema.parse(updated);
    },
    /** Removes the person; their sessions are refused from their next request (standalone-session.ts). */
    async remove(tenant: string, id: string): Promise<Person> {
      const person = await people.get(tenant, id);
      if (!person) throw rbError('RB_ERR_NOT_FOUND', 'That person');
      await store.deleteDoc(ref(tenant, id));
      await index(person.email, (list) => list.filter((m) => !(m.tenant === tenant && m.person === id)));
      return person;
    },
    /** Every store the address belongs to, with its person there. */
    async membershipsOf(email: string): Promise<{ tenant: string; person: Person }[]> {
      const list = membershipsSchema.catch([]).parse((await store.getDoc(indexRef(email))) ?? []);
      const found = await Promise.all(
        list.map(async (m) => ({ tenant: m.tenant, person: await people.get(m.tenant, m.person) })),
      );
      return found.flatMap((m) => (m.person ? [{ tenant: m.tenant, person: m.person }] : []));
    },
  };
  return people;
}

export type People = ReturnType<typeof createPeople>;
