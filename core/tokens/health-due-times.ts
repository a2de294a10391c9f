/**
 * When each connection is next re-verified: one document per tenant under the global tenant, so the
 * scheduler pass lists every tenant's due times in one read.
 */
import { GLOBAL_TENANT, type Store } from '../storage/store.js';

const SCHEDULE_KIND = 'token-health-schedule';

export function createHealthDueTimes(store: Store, now: () => number, healthInterval: number) {
  return {
    /** When a connection is next due: staggered, so connections made together are not all checked at once. */
    nextCheckAt(): string {
      return new Date(
        now() + healthInterval + Math.floor(Math.random() * (healthInterval / 4)),
      ).toISOString();
    },

    /** Puts a connection on the health schedule at `at`, or takes it off (`undefined`). */
    async schedule(tenant: string, id: string, at: string | undefined): Promise<void> {
      await store.updateDoc({ tenant: GLOBAL_TENANT, kind: SCHEDULE_KIND, id: tenant }, (raw) => {
        const due = new Map(Object.entries((raw as Record<string, string> | undefined) ?? {}));
        if (at === undefined) due.delete(id);
        else due.set(id, at);
        return due.size === 0 ? undefined : Object.fromEntries(due);
      });
    },

    /** Every tenant's due times, for the scheduler pass. */
    schedules: () => store.listDocs(GLOBAL_TENANT, SCHEDULE_KIND),
  };
}
