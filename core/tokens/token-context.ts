/**
 * What every token operation shares: its dependencies, the clock, and the few reads and writes they all
 * make (the tenant's connections document, the health schedule, the audit trail). Built once by
 * token-lifecycle.ts; each operation is a function of it in a file of its own.
 */
import type { Logger } from '../logger.js';
import type { PlatformRegistry } from '../platforms/registry.js';
import type { Fingerprinter } from '../security/fingerprint.js';
import type { Sealer } from '../security/seal.js';
import type { Store } from '../storage/store.js';
import { createAttemptLimiter, DEFAULT_ATTEMPT_LIMIT, type AttemptLimit } from './attempt-limiter.js';
import type {
  ConnectionEvent,
  FrontEnd,
  ConnectionEventType,
  ConnectionStatus,
  ConnectionView,
} from '../wire/admin-api-types.js';
import { createAuditTrail } from './audit-trail.js';
import { toView, type ConnectionRecord } from './connection.js';
import { createConnectionsDoc } from './connections-doc.js';
import { createHealthDueTimes } from './health-due-times.js';
import { createOpenedTokens } from './opened-tokens.js';

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

const DEFAULT_HEALTH_INTERVAL = 6 * 60 * 60_000;

export function createTokenContext(options: TokenLifecycleOptions) {
  const { store } = options;
  const now = options.now ?? Date.now;
  const healthInterval = options.healthIntervalMs ?? DEFAULT_HEALTH_INTERVAL;
  const audit = createAuditTrail(store);
  const statusListeners: StatusListener[] = [];

  return {
    ...options,
    ...createConnectionsDoc(store),
    ...createHealthDueTimes(store, now, healthInterval),
    now,
    iso: () => new Date(now()).toISOString(),
    limiter: createAttemptLimiter(store, options.attemptLimit ?? DEFAULT_ATTEMPT_LIMIT),
    audit,
    /** A connection's token opened (kept opened for a minute, keyed by the sealed record). */
    openToken: createOpenedTokens(options.sealer),
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

    async event(
      tenant: string,
      id: string,
      type: ConnectionEventType,
      actor: ActorRef,
      extra: Partial<ConnectionEvent> = {},
    ): Promise<void> {
      const who =
        typeof actor === 'string'
          ? { actor }
          : {
              actor: actor.id,
              frontEnd: actor.frontEnd,
              ...(actor.email === undefined ? {} : { actorEmail: actor.email }),
            };
      await audit.record(tenant, id, { at: new Date(now()).toISOString(), type, ...who, ...extra });
    },
  };
}

export type TokenContext = ReturnType<typeof createTokenContext>;

/**
 * Who did it, for the audit trail: a person or staff member and the front end they acted from, or a
 * plain name for RateBridge's own doings (`schedule`, `checkout`).
 */
export type ActorRef =
  | string
  | {
      readonly id: string;
      readonly frontEnd: FrontEnd;
      /** A person's address, kept in the entry as it was: it still says who after they are removed. */
      readonly email?: string;
    };
