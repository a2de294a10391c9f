/**
 * Connector keys: what the WordPress plugin signs its requests with. They follow the rules the freight
 * platforms follow for their own API tokens:
 *
 *   - a name, unique among the store's active keys (a revoked key's name may be used again);
 *   - the secret is shown once, in the answer that creates it, and never again;
 *   - stored sealed, the associated data binding it to its tenant and key id;
 *   - listed with created, last used and revoked dates;
 *   - revocable, with immediate effect (every request reads the key's record; nothing is cached).
 *
 * A tenant's keys live in one document (names are checked atomically); a global lookup document maps a
 * key id to its tenant, since a plugin request names only the key.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import {
  RateBridgeError,
  resealCounter,
  UNCHANGED,
  rbError,
  type Core,
  type JsonValue,
} from '../core/index.js';
import { tenantIndex } from './tenant-index.js';

const KEYS_KIND = 'woocommerce-connector-keys';
const KEYS_ID = 'all';
export const KEY_INDEX_KIND = 'woocommerce-connector-key-index';
export const MAX_ACTIVE_KEYS = 20;
const LAST_USED_RESOLUTION_MS = 60_000;

/** `rbk_` + 16 random bytes, base64url. */
export const KEY_ID_PATTERN = /^rbk_[A-Za-z0-9_-]{22}$/;

const keyRecordSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  sealedSecret: z.string(),
});
type KeyRecord = z.infer<typeof keyRecordSchema>;
const keysDocSchema = z.object({ keys: z.record(z.string(), keyRecordSchema) });
type KeysDoc = z.infer<typeof keysDocSchema>;

export type ConnectorKeyView = Omit<KeyRecord, 'sealedSecret'>;

export const keyNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the key a name, e.g. the store it is for.')
  .max(60, 'A key name is at most 60 characters.')
  .regex(/^[^\p{Cc}]+$/u, 'The name contains a line break or control character.');

export interface AuthenticatedKey {
  readonly tenant: string;
  readonly keyId: string;
  readonly secret: string;
}

type Deps = Pick<Core, 'store' | 'sealer' | 'logger'>;

/** The sealing owner: a sealed secret moved onto another tenant or key will not open. */
const sealOwner = (tenant: string, keyId: string) => `woocommerce-connector-key:${tenant}:${keyId}`;

export function createConnectorKeys(deps: Deps, now: () => number) {
  const { store, sealer, logger } = deps;
  const docRef = (tenant: string) => ({ tenant, kind: KEYS_KIND, id: KEYS_ID });
  const index = tenantIndex(store, KEY_INDEX_KIND);
  const iso = () => new Date(now()).toISOString();
  const toView = ({ sealedSecret: _sealed, ...view }: KeyRecord): ConnectorKeyView => view;

  function readDoc(tenant: string, raw: JsonValue | undefined): KeysDoc {
    if (raw === undefined) return { keys: {} };
    const parsed = keysDocSchema.safeParse(raw);
    if (!parsed.success) {
      // Never silently drop keys: a document this code cannot read stops key changes until it is fixed.
      logger.error({ tenant }, 'unreadable connector keys document');
      throw rbError('RB_ERR_INTERNAL');
    }
    return parsed.data;
  }

  const sameName = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;

  return {
    async list(tenant: string): Promise<ConnectorKeyView[]> {
      const doc = readDoc(tenant, await store.getDoc(docRef(tenant)));
      return Object.values(doc.keys)
        .sort((a, b) =>
          a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1,
        )
        .map(toView);
    },

    /** Creates a key; the answer is the only place its secret ever appears. */
    async create(tenant: string, rawName: string): Promise<{ key: ConnectorKeyView; secret: string }> {
      const name = keyNameSchema.parse(rawName);
      const id = `rbk_${randomBytes(16).toString('base64url')}`;
      const secret = `rbs_${randomBytes(32).toString('base64url')}`;
      const record: KeyRecord = {
        id,
        name,
        createdAt: iso(),
        lastUsedAt: null,
        revokedAt: null,
        sealedSecret: sealer.seal(secret, sealOwner(tenant, id)),
      };
      // The lookup first: a key whose lookup failed to write would exist but never authenticate.
      await index.put(id, tenant);
      let refusal: RateBridgeError | undefined;
      await store.updateDoc(docRef(tenant), (raw) => {
        refusal = undefined;
        const doc = readDoc(tenant, raw);
        const active = Object.values(doc.keys).filter((key) => key.revokedAt === null);
        if (active.some((key) => sameName(key.name, name))) {
          refusal = new RateBridgeError(
            'RB_ERR_CONFLICT',
            `A connector key named "${name}" already exists. Choose another name, or revoke that key first.`,
            [{ path: 'name', message: 'This name is already used by an active key.' }],
          );
          return UNCHANGED;
        }
        if (active.length >= MAX_ACTIVE_KEYS) {
          refusal = new RateBridgeError(
            'RB_ERR_CONFLICT',
            `A store can have at most ${MAX_ACTIVE_KEYS} active connector keys. Revoke one you no longer use.`,
          );
          return UNCHANGED;
        }
        return { keys: { ...doc.keys, [id]: record } } as unknown as JsonValue;
      });
      if (refusal) {
        await index.delete(id);
        throw refusal;
      }
      logger.info({ tenant, keyId: id }, 'connector key created');
      return { key: toView(record), secret };
    },

    /** Revokes at once; revoking a revoked key changes nothing. */
    async revoke(tenant: string, keyId: string): Promise<ConnectorKeyView> {
      let found: KeyRecord | undefined;
      await store.updateDoc(docRef(tenant), (raw) => {
        found = undefined;
        const doc = readDoc(tenant, raw);
        const key = doc.keys[keyId];
        if (!key) return UNCHANGED;
        if (key.revokedAt !== null) {
          found = key;
          return UNCHANGED;
        }
        found = { ...key, revokedAt: iso() };
        return { keys: { ...doc.keys, [keyId]: found } } as unknown as JsonValue;
      });
      if (!found) throw rbError('RB_ERR_NOT_FOUND', 'That connector key');
      logger.info({ tenant, keyId }, 'connector key revoked');
      return toView(found);
    },

    /** The tenant and secret of an active key; undefined for an unknown or revoked one. */
    async authenticate(keyId: string): Promise<AuthenticatedKey | undefined> {
      if (!KEY_ID_PATTERN.test(keyId)) return undefined;
      const tenant = await index.get(keyId);
      if (tenant === undefined) return undefined;
      const parsed = keysDocSchema.safeParse(await store.getDoc(docRef(tenant)));
      const key = parsed.success ? parsed.data.keys[keyId] : undefined;
      if (!key || key.revokedAt !== null) return undefined;
      return { tenant, keyId, secret: sealer.open(key.sealedSecret, sealOwner(tenant, keyId)) };
    },

    /** Tenants holding connector keys, from the key-id lookup. */
    tenants: (): Promise<string[]> => index.tenants(),

    /** Re-seals the tenant's key secrets with the primary key (after a rotation); how many moved. */
    async reseal(tenant: string): Promise<number> {
      let moved = 0;
      await store.updateDoc(docRef(tenant), (raw) => {
        moved = 0;
        if (raw === undefined) return UNCHANGED;
        const doc = readDoc(tenant, raw);
        const again = resealCounter(sealer);
        const keys: Record<string, KeyRecord> = {};
        for (const [id, key] of Object.entries(doc.keys)) {
          keys[id] = { ...key, sealedSecret: again.value(key.sealedSecret, sealOwner(tenant, id)) };
        }
        moved = again.moved;
        return moved > 0 ? ({ keys } as unknown as JsonValue) : UNCHANGED;
      });
      return moved;
    },

    /** Records a successful use; at most one write per key a minute, never failing the request. */
    async touch(tenant: string, keyId: string): Promise<void> {
      try {
        if (!(await store.cacheSetIfAbsent(`woo-key-used:${keyId}`, 1, LAST_USED_RESOLUTION_MS))) return;
        const at = iso();
        await store.updateDoc(docRef(tenant), (raw) => {
          const parsed = keysDocSchema.safeParse(raw);
          const key = parsed.success ? parsed.data.keys[keyId] : undefined;
          if (!parsed.success || !key) return UNCHANGED;
          return {
            keys: { ...parsed.data.keys, [keyId]: { ...key, lastUsedAt: at } },
          } as unknown as JsonValue;
        });
      } catch (error) {
        logger.warn({ err: error, tenant, keyId }, 'recording a connector key use failed');
      }
    },
  };
}

export type ConnectorKeys = ReturnType<typeof createConnectorKeys>;
