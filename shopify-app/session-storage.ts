/**
 * Shopify sessions on our Store: the `SessionStorage` contract of @shopify/shopify-app-session-storage,
 * with each session a document under its shop's tenant (`<shop>`, 'shopify-sessions', `<session id>`), so
 * uninstalling or redacting a shop (`store.deleteTenant`) takes its sessions with it.
 *
 * Access tokens, refresh tokens and the associated user (personal data) are sealed with core's sealer; the
 * associated data binds shop, session id and field, so a sealed value copied onto another shop's or
 * session's record, or into another field, does not open.
 *
 * Session ids must be the ones Shopify's libraries create for embedded apps:
 * `offline_<shop>` and `<shop>_<user id>`. The shop is read from the id, which is what lets
 * `loadSession(id)` find the tenant without a global index; a session whose `shop` disagrees with its id
 * is refused.
 */
import { Session, type OnlineAccessInfo } from '@shopify/shopify-api';
import type { SessionStorage } from '@shopify/shopify-app-session-storage';
import { z } from 'zod';
import {
  rbError,
  resealCounter,
  UNCHANGED,
  type Core,
  type JsonValue,
  type Logger,
  type Store,
} from '../core/index.js';
import { parseShopDomain, type ShopDomain } from './shop-domain.js';

export const SESSION_KIND = 'shopify-sessions';
const FORMAT_VERSION = 1;

type Sealer = Core['sealer'];

export interface SessionStorageOptions {
  readonly store: Store;
  readonly sealer: Sealer;
  /** Unreadable records (altered, or sealed with a key no longer in the ring) are logged and treated as absent. */
  readonly logger?: Logger;
  readonly now?: () => number;
}

/** Our storage, plus when each session was last written (uninstall webhooks compare it with their time). */
export interface ShopifySessionStorage extends SessionStorage {
  savedAt(id: string): Promise<number | undefined>;
}

export function offlineSessionId(shop: ShopDomain): string {
  return `offline_${shop}`;
}

export function onlineSessionId(shop: ShopDomain, userId: string | number): string {
  return `${shop}_${userId}`;
}

/** The shop a session id belongs to, or undefined when the id is not one Shopify creates for embedded apps. */
export function shopOfSessionId(id: string): ShopDomain | undefined {
  if (id.startsWith('offline_')) return parseShopDomain(id.slice('offline_'.length));
  const online = /^(.+)_(\d{1,20})$/.exec(id);
  return online ? parseShopDomain(online[1]) : undefined;
}

const storedSession = z.object({
  v: z.literal(FORMAT_VERSION),
  id: z.string(),
  shop: z.string(),
  state: z.string(),
  isOnline: z.boolean(),
  scope: z.string().optional(),
  expires: z.number().optional(),
  accessToken: z.string().optional(),
  refreshToken: z.string().optional(),
  refreshTokenExpires: z.number().optional(),
  onlineAccessInfo: z.string().optional(),
  savedAt: z.number(),
});
type StoredSession = z.infer<typeof storedSession>;

const onlineAccessInfo = z.looseObject({
  associated_user: z.looseObject({ id: z.number() }),
});

export function createSessionStorage(options: SessionStorageOptions): ShopifySessionStorage {
  const ctx: StorageContext = { ...options, now: options.now ?? Date.now };
  const { store } = ctx;
  const deleteOne = async (id: string) => {
    const shop = shopOfSessionId(id);
    if (shop !== undefined) await store.deleteDoc(ref(shop, id));
  };

  return {
    async storeSession(session) {
      const shop = shopOfSessionId(session.id);
      if (shop === undefined) {
        throw rbError('RB_ERR_VALIDATION', 'a Shopify session id must be offline_<shop> or <shop>_<user id>');
      }
      if (session.shop !== shop) {
        throw rbError('RB_ERR_VALIDATION', 'a Shopify session must belong to the shop its id names');
      }
      await store.putDoc(ref(shop, session.id), toRecord(ctx, session, shop));
      return true;
    },

    async loadSession(id) {
      const shop = shopOfSessionId(id);
      if (shop === undefined) return undefined;
      const raw = await store.getDoc(ref(shop, id));
      const session = fromRecord(ctx, raw, shop, id);
      if (session) await resealInPlace(ctx, shop, id, raw);
      return session;
    },

    // Deleting what is not there succeeds, as the contract's battery expects.
    async deleteSession(id) {
      await deleteOne(id);
      return true;
    },

    async deleteSessions(ids) {
      await Promise.all(ids.map(deleteOne));
      return true;
    },

    async findSessionsByShop(shopText) {
      const shop = parseShopDomain(shopText);
      if (shop === undefined) return [];
      const records = await store.listDocs(shop, SESSION_KIND);
      const sessions: Session[] = [];
      for (const [id, raw] of records) {
        const session = fromRecord(ctx, raw, shop, id);
        if (session) sessions.push(session);
      }
      return sessions;
    },

    async savedAt(id) {
      const shop = shopOfSessionId(id);
      if (shop === undefined) return undefined;
      const parsed = storedSession.safeParse(await store.getDoc(ref(shop, id)));
      return parsed.success ? parsed.data.savedAt : undefined;
    },
  };
}

type StorageContext = Required<Pick<SessionStorageOptions, 'store' | 'sealer' | 'now'>> &
  Pick<SessionStorageOptions, 'logger'>;

/** The associated data of a sealed field: shop, session id and field, so a copied value does not open. */
const owner = (shop: string, id: string, field: string) => `shopify-session|${shop}|${id}|${field}`;
const ref = (shop: ShopDomain, id: string) => ({ tenant: shop, kind: SESSION_KIND, id });

function toRecord(ctx: StorageContext, session: Session, shop: ShopDomain): StoredSession {
  const seal = (field: string, value: string | undefined) =>
    value === undefined || value === '' ? undefined : ctx.sealer.seal(value, owner(shop, session.id, field));
  const info = session.onlineAccessInfo as OnlineAccessInfo | undefined;
  return stripUndefined({
    v: FORMAT_VERSION,
    id: session.id,
    shop,
    state: session.state,
    isOnline: session.isOnline,
    scope: session.scope,
    expires: dateMillis(session.expires),
    accessToken: seal('accessToken', session.accessToken),
    refreshToken: seal('refreshToken', session.refreshToken),
    refreshTokenExpires: dateMillis(session.refreshTokenExpires),
    onlineAccessInfo: seal('onlineAccessInfo', info === undefined ? undefined : JSON.stringify(info)),
    savedAt: ctx.now(),
  });
}

/** The session in `raw`, or undefined (and a log line) when the record cannot be read. */
function fromRecord(
  ctx: StorageContext,
  raw: JsonValue | undefined,
  shop: ShopDomain,
  id: string,
): Session | undefined {
  if (raw === undefined) return undefined;
  const parsed = storedSession.safeParse(raw);
  if (!parsed.success || parsed.data.id !== id || parsed.data.shop !== shop) {
    ctx.logger?.warn({ shop, sessionId: id }, 'unreadable Shopify session record ignored');
    return undefined;
  }
  const record = parsed.data;
  try {
    const open = (field: string, value: string | undefined) =>
      value === undefined ? undefined : ctx.sealer.open(value, owner(shop, id, field));
    const info = open('onlineAccessInfo', record.onlineAccessInfo);
    return new Session(
      stripUndefined({
        id: record.id,
        shop: record.shop,
        state: record.state,
        isOnline: record.isOnline,
        scope: record.scope,
        expires: millisDate(record.expires),
        accessToken: open('accessToken', record.accessToken),
        refreshToken: open('refreshToken', record.refreshToken),
        refreshTokenExpires: millisDate(record.refreshTokenExpires),
        onlineAccessInfo:
          info === undefined
            ? undefined
            : (onlineAccessInfo.parse(JSON.parse(info)) as unknown as OnlineAccessInfo),
      }),
    );
  } catch (error) {
    ctx.logger?.warn({ shop, sessionId: id, err: error }, 'Shopify session could not be opened; ignored');
    return undefined;
  }
}

/**
 * After a key rotation, a session read with an older key is written back sealed with the primary key:
 * same fields, same `savedAt`, and only if nobody has replaced the record meanwhile. Best effort: a
 * failure is logged, and the session read stays usable.
 */
async function resealInPlace(
  ctx: StorageContext,
  shop: ShopDomain,
  id: string,
  raw: JsonValue | undefined,
): Promise<void> {
  const parsed = storedSession.safeParse(raw);
  if (!parsed.success) return;
  const again = resealCounter(ctx.sealer);
  const field = (name: string, value: string | undefined) =>
    value === undefined ? undefined : again.value(value, owner(shop, id, name));
  const next: StoredSession = stripUndefined({
    ...parsed.data,
    accessToken: field('accessToken', parsed.data.accessToken),
    refreshToken: field('refreshToken', parsed.data.refreshToken),
    onlineAccessInfo: field('onlineAccessInfo', parsed.data.onlineAccessInfo),
  });
  if (again.moved === 0) return;
  const seen = JSON.stringify(raw);
  try {
    await ctx.store.updateDoc(ref(shop, id), (current) =>
      JSON.stringify(current) === seen ? next : UNCHANGED,
    );
  } catch (error) {
    ctx.logger?.warn({ shop, sessionId: id, err: error }, 'Shopify session could not be re-sealed');
  }
}

function dateMillis(date: Date | undefined | null): number | undefined {
  return date instanceof Date && !Number.isNaN(date.getTime()) ? date.getTime() : undefined;
}

function millisDate(millis: number | undefined): Date | undefined {
  return millis === undefined ? undefined : new Date(millis);
}

/** JSON documents and Session objects both read better without keys set to undefined. */
function stripUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
