/** The stored state of one sync (tenant, 'woocommerce-sync', 'current') and the view the admin shows of it. */
import { z } from 'zod';
import type { JsonValue } from '../../core/index.js';
import type { SyncView } from '../../core/wire/admin-api-types.js';
import { SYNC_STATUSES, SYNC_TRIGGERS, syncCountsSchema } from '../../core/wire/woocommerce-schema.js';

export type { SyncView } from '../../core/wire/admin-api-types.js';

const syncStateSchema = z.object({
  id: z.string(),
  status: z.enum(SYNC_STATUSES),
  trigger: z.enum(SYNC_TRIGGERS),
  startedAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
  pageSize: z.number(),
  /** Products in the store (X-WP-Total) and pages (X-WP-TotalPages), known after the first page. */
  total: z.number().nullable(),
  totalPages: z.number().nullable(),
  pagesDone: z.array(z.number()),
  /** Products processed so far (every product of every page done, shippable or not). */
  done: z.number(),
  variations: z.number(),
  counts: syncCountsSchema,
  /** Products forgotten at the end because the store no longer lists them (deleted, trashed). */
  removed: z.number().default(0),
  /** How many times a runner picked the sync up again after a restart. */
  resumed: z.number(),
  error: z.string().nullable(),
  lease: z.object({ owner: z.string(), until: z.number() }).nullable(),
});
export type SyncState = z.infer<typeof syncStateSchema>;

/** An unreadable document counts as no sync: the next start replaces it. */
export function readState(raw: JsonValue | undefined): SyncState | undefined {
  const parsed = syncStateSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

export function toSyncView(state: SyncState): SyncView {
  const percent =
    state.status === 'completed'
      ? 100
      : state.total
        ? Math.min(99, Math.floor((state.done / state.total) * 100))
        : 0;
  return {
    id: state.id,
    status: state.status,
    trigger: state.trigger,
    startedAt: state.startedAt,
    finishedAt: state.finishedAt,
    done: state.done,
    total: state.total,
    percent,
    variations: state.variations,
    counts: state.counts,
    removed: state.removed,
    resumed: state.resumed,
    error: state.error,
  };
}
