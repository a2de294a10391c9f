/**
 * What every alerts operation shares: the store, the clock, the mailer (absent without SMTP settings), the
 * admin's address for links in mail, and the deliveries still in flight (so shutdown and tests can wait
 * for them). Built once by alerts.ts; each operation is a function of it in a file of its own.
 */
import { LRUCache } from 'lru-cache';
import { entryBound } from '../entry-bound.js';
import type { Logger } from '../logger.js';
import type { JsonValue, Store } from '../storage/store.js';
import {
  incidentRecordSchema,
  INCIDENTS_DOC_KIND,
  type IncidentRecord,
  type IncidentView,
  type MailState,
} from './incident.js';
import type { AlertMailer } from './notify-by-mail.js';

export interface AlertsOptions {
  readonly store: Store;
  readonly logger: Logger;
  /** Undefined: no SMTP configured, incidents are shown in the admin only. */
  readonly mailer: AlertMailer | undefined;
  /** Mail links to the admin here (config PUBLIC_URL). */
  readonly publicUrl: string;
  /** A fallback share above `share` of at least `minQuotes` checkouts, sustained for `sustainMs`. */
  readonly fallback: { readonly share: number; readonly sustainMs: number; readonly minQuotes: number };
  readonly now?: () => number;
}

export function createAlertsContext(options: AlertsOptions) {
  const now = options.now ?? Date.now;
  const deliveries = new Set<Promise<void>>();
  // Incidents this instance saw open lately: a condition reported on every checkout costs no store read
  // for a minute at a time (a resolve here forgets it; one elsewhere is noticed within the minute).
  const recentlyOpen = new LRUCache<string, { at: number; incident: IncidentView }>(entryBound(10_000));
  const ref = (tenant: string, key: string) => ({ tenant, kind: INCIDENTS_DOC_KIND, id: key });
  return {
    ...options,
    now,
    iso: () => new Date(now()).toISOString(),
    ref,
    deliveries,
    recentlyOpen,
    /** The initial mail state of a new notice: pending when there is a mailer to send it. */
    initialMail: (): MailState => (options.mailer ? 'pending' : 'off'),

    async read(tenant: string, key: string): Promise<IncidentRecord | undefined> {
      return parseIncident(await options.store.getDoc(ref(tenant, key)));
    },

    /** Runs `work` in the background and keeps hold of it until it settles. */
    track(work: Promise<void>): void {
      const tracked = work.finally(() => deliveries.delete(tracked));
      deliveries.add(tracked);
    },
  };
}

export type AlertsContext = ReturnType<typeof createAlertsContext>;

export function parseIncident(raw: JsonValue | undefined): IncidentRecord | undefined {
  if (raw === undefined) return undefined;
  const parsed = incidentRecordSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}
