/**
 * The platform-token lifecycle: paste -> normalise -> verify live -> seal -> store -> hint only -> health
 * (scheduled re-checks, and at once on a 401 while quoting) -> replace (verify first, swap atomically) ->
 * disconnect (the sealed token and fingerprint go with the record).
 *
 * The pasted token exists in plain text only inside this module, only for the request that carries it,
 * and is registered with the log redactor (`rememberSecret`) the moment it arrives.
 */
import type { RateBridgeError } from '../errors.js';
import { rbError, type ErrorCode } from '../errors.js';
import { newId } from '../ids.js';
import type { Logger } from '../logger.js';
import type {
  FreightPlatform,
  PlatformCredentials,
  PlatformEnvironment,
  PlatformName,
  VerifyOutcome,
} from '../platforms/freight-platform.js';
import type { PlatformRegistry } from '../platforms/registry.js';
import type { Fingerprinter } from '../security/fingerprint.js';
import { rememberSecret } from '../security/redact.js';
import type { Sealer } from '../security/seal.js';
import { GLOBAL_TENANT, UNCHANGED, type JsonValue, type Store } from '../storage/store.js';
import { createAttemptLimiter, DEFAULT_ATTEMPT_LIMIT, type AttemptLimit } from './attempt-limiter.js';
import { createAuditTrail, type AuditEvent, type AuditEventType } from './audit-trail.js';
import {
  sealOwner,
  statusAfter,
  tenantConnectionsSchema,
  toView,
  type CheckTrigger,
  type ConnectionRecord,
  type ConnectionView,
  type TenantConnections,
} from './connection.js';
import { normaliseToken, tokenHint } from './normalise-token.js';
import { updateDocOrRefuse } from '../storage/update-or-refuse.js';

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

export interface ConnectInput {
  readonly platform: PlatformName;
  readonly environment: PlatformEnvironment;
  readonly label: string;
  /** As pasted: normalised here. */
  readonly token: string;
}

export interface CheckResult {
  readonly connection: ConnectionView;
  /** False when the re-check was skipped because the platform was asked less than a minute ago. */
  readonly checked: boolean;
}

/** A connection quoting can use right now: the token opened just for this call. */
export interface UsableConnection {
  readonly connection: ConnectionView;
  readonly platform: FreightPlatform;
  readonly credentials: PlatformCredentials;
  /** Which token this is (keyed fingerprint): a 401 about a replaced token must not revoke the new one. */
  readonly tokenFingerprint: string;
}

const CONNECTIONS_DOC = { kind: 'connections', id: 'all' } as const;
const SCHEDULE_KIND = 'token-health-schedule';
const DEFAULT_HEALTH_INTERVAL = 6 * 60 * 60_000;
const LAST_USED_RESOLUTION = 60_000;
const FAILED_CHECK_BACKOFF_MS = 15 * 60_000;

const VERIFY_ERRORS: Record<Exclude<VerifyOutcome['status'], 'valid'>, ErrorCode> = {
  rejected: 'RB_ERR_TOKEN_REJECTED',
  forbidden: 'RB_ERR_TOKEN_FORBIDDEN',
  wrong_environment: 'RB_ERR_TOKEN_WRONG_ENVIRONMENT',
  unreachable: 'RB_ERR_PLATFORM_UNREACHABLE',
  rate_limited: 'RB_ERR_PLATFORM_RATE_LIMITED',
};

export function createTokenLifecycle(options: TokenLifecycleOptions) {
  const { store, sealer, fingerprinter, platforms, logger } = options;
  const now = options.now ?? Date.now;
  const iso = () => new Date(now()).toISOString();
  const limiter = createAttemptLimiter(store, options.attemptLimit ?? DEFAULT_ATTEMPT_LIMIT);
  const audit = createAuditTrail(store);
  const healthInterval = options.healthIntervalMs ?? DEFAULT_HEALTH_INTERVAL;
  const recheckMinInterval = options.recheckMinIntervalMs ?? 60_000;
  const docRef = (tenant: string) => ({ tenant, ...CONNECTIONS_DOC });
  const disconnectListeners: ((tenant: string, remaining: number) => Promise<void>)[] = [];

  // --- reading ---------------------------------------------------------------------------------

  async function load(tenant: string): Promise<TenantConnections> {
    return parseConnections(await store.getDoc(docRef(tenant)));
  }

  async function record(tenant: string, id: string): Promise<ConnectionRecord> {
    const found = (await load(tenant)).connections[id];
    if (!found) throw rbError('RB_ERR_NOT_FOUND', 'That connection');
    return found;
  }

  /** Atomically changes one tenant's connections; `change` returns the document to store. */
  async function mutate(
    tenant: string,
    change: (current: TenantConnections) => TenantConnections | typeof UNCHANGED,
  ): Promise<TenantConnections> {
    const stored = await updateDocOrRefuse(store, docRef(tenant), (raw) => {
      const next = change(parseConnections(raw));
      if (next === UNCHANGED) return UNCHANGED;
      return Object.keys(next.connections).length === 0 ? undefined : (next as unknown as JsonValue);
    });
    return parseConnections(stored);
  }

  // --- helpers ---------------------------------------------------------------------------------

  function platformFor(name: PlatformName, environment: PlatformEnvironment): FreightPlatform {
    const platform = platforms.get(name);
    if (!platform) throw rbError('RB_ERR_UNKNOWN_PLATFORM', name);
    if (!platform.environments.includes(environment)) {
      throw rbError(
        'RB_ERR_TOKEN_WRONG_ENVIRONMENT',
        `${platform.displayName} has no ${environment} environment.`,
      );
    }
    return platform;
  }

  function normalised(pasted: string): string {
    const result = normaliseToken(pasted);
    if (!result.ok) throw result.error;
    rememberSecret(result.token);
    return result.token;
  }

  function verifyError(outcome: Exclude<VerifyOutcome, { status: 'valid' }>): RateBridgeError {
    const error = rbError(VERIFY_ERRORS[outcome.status], outcome.detail);
    return outcome.status === 'rate_limited' ? error.withRetryAfter(outcome.retryAfterSeconds) : error;
  }

  function sameToken(records: readonly ConnectionRecord[], token: string): ConnectionRecord | undefined {
    return records.find((candidate) => fingerprinter.matches(token, candidate.fingerprint));
  }

  function nextCheckAt(): string {
    // Staggered so connections made together are not all re-checked in the same minute.
    return new Date(now() + healthInterval + Math.floor(Math.random() * (healthInterval / 4))).toISOString();
  }

  async function schedule(tenant: string, id: string, at: string | undefined): Promise<void> {
    await store.updateDoc({ tenant: GLOBAL_TENANT, kind: SCHEDULE_KIND, id: tenant }, (raw) => {
      const due = new Map(Object.entries((raw as Record<string, string> | undefined) ?? {}));
      if (at === undefined) due.delete(id);
      else due.set(id, at);
      return due.size === 0 ? undefined : Object.fromEntries(due);
    });
  }

  async function event(
    tenant: string,
    id: string,
    type: AuditEventType,
    actor: string,
    extra: Partial<AuditEvent> = {},
  ) {
    await audit.record(tenant, id, { at: iso(), type, actor, ...extra });
  }

  /** Verifies a stored connection now and records the outcome; the caller has already throttled. */
  async function check(tenant: string, current: ConnectionRecord, trigger: CheckTrigger, actor: string) {
    const platform = platformFor(current.platform, current.environment);
    const token = sealer.open(current.sealedToken, sealOwner(tenant, current.id));
    rememberSecret(token);
    const outcome = await platform.verifyToken({ token, environment: current.environment });
    const at = iso();
    // Key rotation: every check moves a token sealed with an older key onto the primary one, so after one
    // health cycle the old key can be dropped from RATEBRIDGE_KEYS.
    const resealed = sealer.reseal(current.sealedToken, sealOwner(tenant, current.id));
    let before: ConnectionRecord | undefined;
    const after = await mutate(tenant, (doc) => {
      before = undefined; // the update may run again on a conflict
      const latest = doc.connections[current.id];
      // Replaced or disconnected meanwhile: this outcome is about a token that is no longer there.
      if (!latest || latest.fingerprint !== current.fingerprint) return UNCHANGED;
      before = latest;
      const status = statusAfter(outcome.status, latest.status);
      return {
        connections: {
          ...doc.connections,
          [latest.id]: {
            ...latest,
            status,
            lastCheck: { at, outcome: outcome.status, detail: outcome.detail, trigger },
            verifiedAt: outcome.status === 'valid' ? at : latest.verifiedAt,
            revokedAt: status === 'revoked' ? (latest.revokedAt ?? at) : null,
            account: outcome.status === 'valid' ? (outcome.account ?? latest.account) : latest.account,
            nextCheckAt: nextCheckAt(),
            ...(resealed ? { sealedToken: resealed, fingerprint: fingerprinter.fingerprint(token) } : {}),
          },
        },
      };
    });
    const updated = after.connections[current.id];
    if (before && updated) {
      await schedule(tenant, current.id, updated.nextCheckAt);
      const type: AuditEventType =
        outcome.status === 'valid'
          ? 'verified'
          : outcome.status === 'rejected'
            ? 'revoked_detected'
            : updated.status === 'needs_attention'
              ? 'needs_attention'
              : 'check_failed';
      await event(tenant, current.id, type, actor, { outcome: outcome.status, detail: outcome.detail });
      if (before.status !== updated.status) {
        logger.warn(
          {
            tenant,
            connectionId: current.id,
            platform: current.platform,
            from: before.status,
            to: updated.status,
            trigger,
          },
          'connection status changed',
        );
      }
    }
    return { outcome, connection: updated ?? current };
  }

  /** Re-verifies now, unless the platform was asked about this connection within the last minute. */
  async function verify(
    tenant: string,
    id: string,
    actor = 'merchant',
    trigger: CheckTrigger = 'manual',
  ): Promise<CheckResult> {
    const current = await record(tenant, id);
    if (trigger === 'manual') await limiter.consume(tenant, now());
    const fresh = await store.cacheSetIfAbsent(`token-recheck:${tenant}:${id}`, 1, recheckMinInterval);
    if (!fresh) return { connection: toView(current), checked: false };
    const { connection } = await check(tenant, current, trigger, actor);
    return { connection: toView(connection), checked: true };
  }

  // --- the lifecycle ---------------------------------------------------------------------------

  return {
    async list(tenant: string): Promise<ConnectionView[]> {
      const { connections } = await load(tenant);
      return Object.values(connections)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
        .map(toView);
    },

    async get(tenant: string, id: string): Promise<ConnectionView> {
      return toView(await record(tenant, id));
    },

    async connect(tenant: string, input: ConnectInput, actor = 'merchant'): Promise<ConnectionView> {
      const platform = platformFor(input.platform, input.environment);
      const token = normalised(input.token);
      await limiter.consume(tenant, now());
      const label = input.label.trim();
      const existing = Object.values((await load(tenant)).connections);
      // Cheap refusals first: no platform call for a label or token we would refuse anyway.
      const labelOwner = existing.find((c) => c.label.toLowerCase() === label.toLowerCase());
      if (labelOwner) throw rbError('RB_ERR_LABEL_TAKEN', label);
      const twin = sameToken(existing, token);
      if (twin) throw rbError('RB_ERR_TOKEN_ALREADY_CONNECTED', twin.label);

      const outcome = await platform.verifyToken({ token, environment: input.environment });
      if (outcome.status !== 'valid') {
        logger.info({ tenant, platform: platform.name, outcome: outcome.status }, 'token refused at connect');
        throw verifyError(outcome);
      }
      const id = newId('con');
      const at = iso();
      const created: ConnectionRecord = {
        id,
        platform: platform.name,
        environment: input.environment,
        label,
        hint: tokenHint(token),
        status: 'active',
        createdAt: at,
        verifiedAt: at,
        lastUsedAt: null,
        lastCheck: { at, outcome: 'valid', detail: outcome.detail, trigger: 'connect' },
        nextCheckAt: nextCheckAt(),
        revokedAt: null,
        account: outcome.account ?? null,
        sealedToken: sealer.seal(token, sealOwner(tenant, id)),
        fingerprint: fingerprinter.fingerprint(token),
      };
      // The schedule first: a connection must never exist unchecked (a dangling entry is cleaned up).
      await schedule(tenant, id, created.nextCheckAt);
      await mutate(tenant, (doc) => {
        // Checked again inside the atomic update: two tabs connecting at once must not both win.
        const records = Object.values(doc.connections);
        const taken = records.find((c) => c.label.toLowerCase() === label.toLowerCase());
        if (taken) throw rbError('RB_ERR_LABEL_TAKEN', label);
        const same = sameToken(records, token);
        if (same) throw rbError('RB_ERR_TOKEN_ALREADY_CONNECTED', same.label);
        return { connections: { ...doc.connections, [id]: created } };
      });
      await event(tenant, id, 'connected', actor, { outcome: 'valid', detail: outcome.detail });
      logger.info(
        { tenant, connectionId: id, platform: platform.name, environment: input.environment },
        'connection created',
      );
      return toView(created);
    },

    async replaceToken(
      tenant: string,
      id: string,
      pasted: string,
      actor = 'merchant',
    ): Promise<ConnectionView> {
      const current = await record(tenant, id);
      const platform = platformFor(current.platform, current.environment);
      const token = normalised(pasted);
      await limiter.consume(tenant, now());
      const others = Object.values((await load(tenant)).connections).filter((c) => c.id !== id);
      const twin = sameToken(others, token);
      if (twin) throw rbError('RB_ERR_TOKEN_ALREADY_CONNECTED', twin.label);

      const outcome = await platform.verifyToken({ token, environment: current.environment });
      if (outcome.status !== 'valid') {
        // The old token stays exactly as it was.
        await event(tenant, id, 'replace_refused', actor, {
          outcome: outcome.status,
          detail: outcome.detail,
        });
        throw verifyError(outcome);
      }
      const at = iso();
      const after = await mutate(tenant, (doc) => {
        const latest = doc.connections[id];
        if (!latest) throw rbError('RB_ERR_NOT_FOUND', 'That connection');
        const same = sameToken(
          Object.values(doc.connections).filter((c) => c.id !== id),
          token,
        );
        if (same) throw rbError('RB_ERR_TOKEN_ALREADY_CONNECTED', same.label);
        return {
          connections: {
            ...doc.connections,
            [id]: {
              ...latest,
              hint: tokenHint(token),
              status: 'active',
              verifiedAt: at,
              revokedAt: null,
              lastCheck: { at, outcome: 'valid', detail: outcome.detail, trigger: 'replace' },
              account: outcome.account ?? latest.account,
              nextCheckAt: nextCheckAt(),
              sealedToken: sealer.seal(token, sealOwner(tenant, id)),
              fingerprint: fingerprinter.fingerprint(token),
            },
          },
        };
      });
      const replaced = after.connections[id] as ConnectionRecord;
      await schedule(tenant, id, replaced.nextCheckAt);
      await event(tenant, id, 'replaced', actor, { outcome: 'valid', detail: outcome.detail });
      logger.info({ tenant, connectionId: id }, 'connection token replaced');
      return toView(replaced);
    },

    async disconnect(tenant: string, id: string, actor = 'merchant'): Promise<void> {
      let found = false;
      const after = await mutate(tenant, (doc) => {
        found = false; // the update may run again on a conflict
        if (!doc.connections[id]) return UNCHANGED;
        found = true;
        const { [id]: _removed, ...rest } = doc.connections;
        return { connections: rest };
      });
      if (!found) throw rbError('RB_ERR_NOT_FOUND', 'That connection');
      await schedule(tenant, id, undefined);
      await event(tenant, id, 'disconnected', actor);
      logger.info({ tenant, connectionId: id }, 'connection disconnected');
      const remaining = Object.keys(after.connections).length;
      for (const listener of disconnectListeners) {
        await listener(tenant, remaining).catch((error: unknown) =>
          logger.error({ err: error, tenant }, 'a disconnect listener failed'),
        );
      }
    },

    /** Front ends react to disconnects (Shopify deactivates its carrier service when none is left). */
    onDisconnected(listener: (tenant: string, remaining: number) => Promise<void>): void {
      disconnectListeners.push(listener);
    },

    verify,

    /**
     * Quoting saw a 401: mark the connection revoked at once (checkout falls back from the next quote on),
     * then confirm with the platform in the background, at most once a minute, in case it was a blip.
     */
    async reportUnauthorized(
      tenant: string,
      id: string,
      detail: string,
      tokenFingerprint?: string,
    ): Promise<void> {
      const at = iso();
      // If the confirming check below is throttled, the scheduler confirms soon after instead of in hours.
      const confirmAt = new Date(now() + recheckMinInterval + 1000).toISOString();
      let changed = false;
      await mutate(tenant, (doc) => {
        changed = false;
        const latest = doc.connections[id];
        if (!latest || latest.status === 'revoked') return UNCHANGED;
        if (tokenFingerprint !== undefined && latest.fingerprint !== tokenFingerprint) return UNCHANGED;
        changed = true;
        return {
          connections: {
            ...doc.connections,
            [id]: {
              ...latest,
              status: 'revoked',
              revokedAt: at,
              lastCheck: { at, outcome: 'rejected', detail, trigger: 'quote_unauthorized' },
              nextCheckAt: confirmAt,
            },
          },
        };
      });
      if (!changed) return;
      await schedule(tenant, id, confirmAt);
      await event(tenant, id, 'revoked_detected', 'checkout', { outcome: 'rejected', detail });
      logger.warn(
        { tenant, connectionId: id },
        'platform answered 401 while quoting: connection marked revoked',
      );
      verify(tenant, id, 'checkout', 'quote_unauthorized').catch((error: unknown) =>
        logger.error({ err: error, tenant, connectionId: id }, 'confirming a revoked token failed'),
      );
    },

    /** Active connections with their tokens opened, for one quote. Records use, at most once a minute. */
    async usableConnections(tenant: string): Promise<UsableConnection[]> {
      const { connections } = await load(tenant);
      const usable: UsableConnection[] = [];
      for (const connection of Object.values(connections)) {
        if (connection.status !== 'active') continue;
        const platform = platforms.get(connection.platform);
        if (!platform) continue;
        let token: string;
        try {
          token = sealer.open(connection.sealedToken, sealOwner(tenant, connection.id));
        } catch (error) {
          // One unreadable record (a key dropped from RATEBRIDGE_KEYS too early) must not fail the others.
          logger.error(
            { err: error, tenant, connectionId: connection.id },
            'a stored token cannot be opened',
          );
          continue;
        }
        usable.push({
          connection: toView(connection),
          platform,
          credentials: { token, environment: connection.environment },
          tokenFingerprint: connection.fingerprint,
        });
      }
      return usable;
    },

    /** Records that a connection was used to quote (throttled to one write a minute). */
    async markUsed(tenant: string, id: string): Promise<void> {
      if (!(await store.cacheSetIfAbsent(`token-used:${tenant}:${id}`, 1, LAST_USED_RESOLUTION))) return;
      const at = iso();
      await mutate(tenant, (doc) => {
        const latest = doc.connections[id];
        if (!latest) return UNCHANGED;
        return { connections: { ...doc.connections, [id]: { ...latest, lastUsedAt: at } } };
      });
    },

    async events(tenant: string, id: string, offset: number, limit: number) {
      await record(tenant, id);
      return audit.page(tenant, id, offset, limit);
    },

    /**
     * One scheduler pass: re-verifies every connection whose check is due, each under a store lock so
     * that N instances running the same scheduler check it once. Returns how many were checked.
     */
    async runDueChecks(maxChecks = 50): Promise<number> {
      const schedules = await store.listDocs(GLOBAL_TENANT, SCHEDULE_KIND);
      const due: { tenant: string; id: string; at: number }[] = [];
      for (const [tenant, raw] of schedules) {
        for (const [id, at] of Object.entries((raw as Record<string, string> | null) ?? {})) {
          if (Date.parse(at) <= now()) due.push({ tenant, id, at: Date.parse(at) });
        }
      }
      // Most overdue first, so a batch of connections that keep failing cannot starve the rest.
      due.sort((a, b) => a.at - b.at);
      let checked = 0;
      for (const { tenant, id } of due.slice(0, maxChecks)) {
        const lock = await store.acquireLock(`token-health:${tenant}:${id}`, 60_000);
        if (!lock) continue;
        try {
          const current = (await load(tenant)).connections[id];
          if (!current) {
            await schedule(tenant, id, undefined);
            continue;
          }
          if (Date.parse(current.nextCheckAt) > now()) continue;
          if (!(await store.cacheSetIfAbsent(`token-recheck:${tenant}:${id}`, 1, recheckMinInterval)))
            continue;
          await check(tenant, current, 'schedule', 'schedule');
          checked += 1;
        } catch (error) {
          logger.error({ err: error, tenant, connectionId: id }, 'scheduled token check failed');
          // Try again later rather than every minute.
          await schedule(tenant, id, new Date(now() + FAILED_CHECK_BACKOFF_MS).toISOString()).catch(
            () => undefined,
          );
        } finally {
          await store.releaseLock(lock);
        }
      }
      return checked;
    },
  };
}

export type TokenLifecycle = ReturnType<typeof createTokenLifecycle>;

function parseConnections(raw: JsonValue | undefined): TenantConnections {
  return raw === undefined ? { connections: {} } : tenantConnectionsSchema.parse(raw);
}
