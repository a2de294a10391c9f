/**
 * The sandbox's shared state in the Store (tenant `_sandbox`), so every app instance serves the same
 * behaviour and counts into the same stats, and both survive a restart.
 *
 * Stats are Store counters (atomic increments, no read-modify-write per call). The Store cannot delete
 * a counter, so a reset starts a new epoch: counters are keyed by it and the old ones expire unread.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { type DocRef, type Store, UNCHANGED } from '../../storage/store.js';
import { type Behaviour, behaviourSchema, NORMAL_BEHAVIOUR } from './behaviour.js';

export const SANDBOX_TENANT = '_sandbox';
const STATE_REF: DocRef = { tenant: SANDBOX_TENANT, kind: 'state', id: 'behaviour-and-stats' };
const COUNTER_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export const COUNTED_CALLS = ['ping', 'quotes', 'localities', 'warehouses'] as const;
export type CountedCall = (typeof COUNTED_CALLS)[number];

const stateSchema = z.object({
  behaviour: behaviourSchema,
  statsEpoch: z.string(),
  statsSince: z.string(),
});
export type SandboxState = z.infer<typeof stateSchema>;

export interface SandboxStats {
  readonly since: string;
  readonly calls: Readonly<Record<CountedCall, number>>;
  /** Calls answered with an injected status or failure. */
  readonly injectedFailures: number;
}

export function createSandboxState(store: Store, now: () => number) {
  const fresh = (behaviour: Behaviour): SandboxState => ({
    behaviour,
    statsEpoch: randomBytes(6).toString('base64url'),
    statsSince: new Date(now()).toISOString(),
  });
  const counterKey = (state: SandboxState, name: string) =>
    `${SANDBOX_TENANT}:stats:${state.statsEpoch}:${name}`;

  async function read(): Promise<SandboxState> {
    const stored = stateSchema.safeParse(await store.getDoc(STATE_REF));
    if (stored.success) return stored.data;
    // First use, or a document of an older shape: start clean, unless another instance just did.
    const initial = fresh(NORMAL_BEHAVIOUR);
    const settled = await store.updateDoc(STATE_REF, (value) =>
      stateSchema.safeParse(value).success ? UNCHANGED : initial,
    );
    return stateSchema.parse(settled);
  }

  return {
    read,

    async setBehaviour(behaviour: Behaviour): Promise<void> {
      // Built outside the updater, which must be pure: it may run more than once.
      const initial = fresh(behaviour);
      await store.updateDoc(STATE_REF, (value) => {
        const parsed = stateSchema.safeParse(value);
        return parsed.success ? { ...parsed.data, behaviour } : initial;
      });
    },

    /** Normal behaviour and zeroed stats; tokens are left alone (connections may rely on them). */
    async reset(): Promise<SandboxState> {
      const next = fresh(NORMAL_BEHAVIOUR);
      await store.putDoc(STATE_REF, next);
      return next;
    },

    /** Counts one call and returns its number within the epoch (1 for the first). */
    count(state: SandboxState, call: CountedCall | 'injectedFailures'): Promise<number> {
      return store.increment(counterKey(state, call), 1, COUNTER_TTL_MS);
    },

    async stats(): Promise<SandboxStats> {
      const state = await read();
      // Incrementing by 0 reads a counter: the Store has no separate getter.
      const value = (name: string) => store.increment(counterKey(state, name), 0, COUNTER_TTL_MS);
      const [ping, quotes, localities, warehouses, injectedFailures] = await Promise.all([
        value('ping'),
        value('quotes'),
        value('localities'),
        value('warehouses'),
        value('injectedFailures'),
      ]);
      return { since: state.statsSince, calls: { ping, quotes, localities, warehouses }, injectedFailures };
    },
  };
}

export type SandboxStateAccess = ReturnType<typeof createSandboxState>;
