/**
 * The store's activity trail: who changed a token, a key, a person or a price-changing setting, when, and
 * from which front end. Written by the route declarations (core/admin-api/route-roles.ts) once a change has
 * succeeded, before its answer leaves, so whoever reads the trail next sees it. Never secret material:
 * an entry is a type, an actor, a front end and at most a record id.
 */
import type { Store } from '../storage/store.js';
import type { ActivityEntry } from '../wire/admin-api-types.js';
import { activityEntrySchema } from '../wire/people-schema.js';

const ACTIVITY_CAP = 500;
const LIST = 'activity';

export function createActivityTrail(store: Store) {
  return {
    async record(tenant: string, entry: ActivityEntry): Promise<void> {
      await store.listPush(tenant, LIST, activityEntrySchema.parse(entry), ACTIVITY_CAP);
    },
    async page(tenant: string, offset: number, limit: number) {
      const [raw, total] = await Promise.all([
        store.listRange(tenant, LIST, offset, limit),
        store.listLength(tenant, LIST),
      ]);
      return { entries: raw.map((entry) => activityEntrySchema.parse(entry)), total };
    },
  };
}

export type ActivityTrail = ReturnType<typeof createActivityTrail>;
