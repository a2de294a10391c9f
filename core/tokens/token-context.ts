/**
 * What every token operation shares: its dependencies, the clock, and the few reads and writes they all
 * make (the tenant's connections document, the health schedule, the audit trail). Built once by
 * token-lifecycle.ts; each operation is a function of it in a file of its own.
 */
import { rbError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { PlatformRegistry } from '../platforms/registry.js';
import type { Fingerprinter } from '../security/fingerprint.js';
import type { Sealer } from '../security/seal.js';
import { GLOBAL_TENANT, UNCHANGED, type JsonValue, type Store } from '../storage/store.js';
import { updateDocOrRefuse } from '../storage/update-or-refuse.js';
import { createAttemptLimiter, DEFAULT_ATTEMPT_LIMIT, type AttemptLimit } from './attempt-limiter.js';
import type {
  ConnectionEvent,
  ConnectionEventType,
  ConnectionStatus,
  ConnectionView,
} from '../wire/admin-api-types.js';
import { createAuditTrail } from './audit-trail.js';
import {
  tenantConnectionsSchema,
  toView,
  type ConnectionRecord,
  type TenantConnections,
} from './connection.js';

/** Told when a connection's status changes (alerts open and resolve incidents from it). */
export type StatusListener = (
  tenant: string,
  connection: ConnectionView,
  previous: ConnectionStatus,
) => Promise<void>;
/** Told after a disconnect: how many connections are left, and which one went. */
export type DisconnectListener = (tenant: string, remaining: number, connectionId: string) => Promise<void>;

export interface TokenLifecycleOptions {
  readonly store: Store;
  readonly sealer: Sealer;
  readonly fingerprinter: Fingerprinter;
  readonly platforms: PlatformRegistry;
  readonly logger: Logger;
  readonly now?: () => number;
  readonly attemptLimit?: AttemptLimit;
  /** How often each connection is re-verified by the scheduler (staggered by up to a quarter more). */
  readonly healthIntervalMs?: number;
  /** Re-checks of one connection reach the platform at most this often. */
  readonly recheckMinIntervalMs?: number;
}

const CONNECTIONS_DOC = { kind: 'connections', id: 'all' } as const;
const SCHEDULE_KIND = 'token-health-schedule';
const DEFAULT_HEALTH_INTERVAL = 6 * 60 * 60_000;

export function createTokenContext(options: TokenLifecycleOptions) {
  const { store } = options;
  const now = options.now ?? Date.now;
  const healthInterval = options.healthIntervalMs ?? DEFAULT_HEALTH_INTERVAL;
  const docRef = (tenant: string) => ({ tenant, ...CONNECTIONS_DOC });
  const audit = createAuditTrail(store);
  const statusListeners: StatusListener[] = [];

  return {
    ...options,
    now,
    iso: () => new Date(now()).toISOString(),
    limiter: createAttemptLimiter(store, options.attemptLimit ?? DEFAULT_ATTEMPT_LIMIT),
    audit,
    recheckMinInterval: options.recheckMinIntervalMs ?? 60_000,
    disconnectListeners: [] as DisconnectListener[],
    statusListeners,

    /** Tells every status listener; a listener's failure is logged, never the operation's. */
    async statusChanged(
      tenant: string,
      updated: ConnectionRecord,
      previous: ConnectionStatus,
    ): Promise<void> {
      if (updated.status === previous) return;
      for (const listener of statusListeners) {
        await listener(tenant, toView(updated), previous).catch((error: unknown) =>
          options.logger.error({ err: error, tenant }, 'a connection status listener failed'),
        );
      }
    },

    async load(tenant: string): Promise<TenantConnections> {
      return parseConnections(await store.getDoc(docRef(tenant)));
    },

    async record(tenant: string, id: string): Promise<ConnectionRecord> {
      const found = parseConnections(await store.getDoc(docRef(tenant))).connections[id];
      if (!found) throw rbError('RB_ERR_NOT_FOUND', 'That connection');
      return found;
    },

    /** Atomically changes one tenant's connections; `change` returns the document to store. */
    async mutate(
      tenant: string,
      change: (current: TenantConnections) => TenantConnections | typeof UNCHANGED,
    ): Promise<TenantConnections> {
      const stored = await updateDocOrRefuse(store, docRef(tenant), (raw) => {
        const next = change(parseConnections(raw));
        if (next === UNCHANGED) return UNCHANGED;
        return Object.keys(next.connections).length === 0 ? undefined : (next as unknown as JsonValue);
      });
      return parseConnections(stored);
    },

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

    async event(
      tenant: string,
      id: string,
      type: ConnectionEventType,
      actor: string,
      extra: Partial<ConnectionEvent> = {},
    ): Promise<void> {
      await audit.record(tenant, id, { at: new Date(now()).toISOString(), type, actor, ...extra });
    },
  };
}

export type TokenContext = ReturnType<typeof createTokenContext>;

function parseConnections(raw: JsonValue | undefined): TenantConnections {
  return raw === undefined ? { connections: {} } : tenantConnectionsSchema.parse(raw);
}
