/** The stored state of one sync (tenant, 'woocommerce-sync', 'current') and the view the admin shows of it. */
import { z } from 'zod';
import type { JsonValue } from '../../core/index.js';
import type { ApplyCounts } from '../synced-profiles.js';

const countsSchema = z.object({
  recorded: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  kept: z.number(),
  implausible: z.number(),
});

const syncStateSchema = z.object({
  id: z.string(),
  status: z.enum(['running', 'completed', 'failed']),
  /** units: the store switched units; reconcile: a delivery named a product the store no longer has. */
  trigger: z.enum(['connect', 'manual', 'units', 'reconcile']),
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
  counts: countsSchema,
  /** Products forgotten at the end because the store no longer lists them (deleted, trashed). */
  removed: z.number().default(0),
  /** How many times a runner picked the sync up again after a restart. */
  resumed: z.number(),
  error: z.string().nullable(),
  lease: z.object({ owner: z.string(), until: z.number() }).nullable(),
});
export type SyncState = z.infer<typeof syncStateSchema>;

export interface SyncView {
  readonly id: string;
  readonly status: SyncState['status'];
  readonly trigger: SyncState['trigger'];
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly done: number;
  readonly total: number | null;
  /** 0–100, for a progress bar. */
  readonly percent: number;
  readonly variations: number;
  readonly counts: ApplyCounts;
  readonly removed: number;
  readonly resumed: number;
  readonly error: string | null;
}

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
