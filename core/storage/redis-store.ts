/**
 * The production store on Redis (ioredis). Standalone, Sentinel and Cluster are ioredis configuration.
 *
 * Key layout (prefix `rb:` by default). Every key of a tenant carries the tenant as a hash tag `{…}`, so
 * on Redis Cluster they share a slot and multi-key scripts stay legal:
 *   <p>doc:{tenant}:<kind>     hash id -> JSON
 *   <p>list:{tenant}:<name>    list of JSON, newest first
 *   <p>keys:{tenant}           set of the tenant's keys above (for deleteTenant without SCAN)
 *   <p>cache:<key>, <p>ctr:<key>, <p>lock:<key>, <p>once:<key>   plain strings with PX expiry
 */
import { randomBytes } from 'node:crypto';
import { Redis, Cluster, type ClusterNode, type RedisOptions } from 'ioredis';
import { LRUCache } from 'lru-cache';
import {
  UNCHANGED,
  type DocRef,
  type JsonValue,
  type LockHandle,
  type Store,
  type Updater,
} from './store.js';

export type RedisConnection =
  | { readonly mode: 'standalone'; readonly url: string }
  | {
      readonly mode: 'sentinel';
      readonly sentinels: readonly { host: string; port: number }[];
      readonly name: string;
      readonly password?: string;
    }
  | { readonly mode: 'cluster'; readonly nodes: readonly ClusterNode[]; readonly password?: string };

export interface RedisStoreOptions {
  readonly connection: RedisConnection;
  readonly keyPrefix?: string;
  /** Told about connection errors (ioredis reconnects by itself); must not throw. */
  readonly onError?: (error: Error) => void;
  /** Bound on each command, so a stalled Redis cannot stall a checkout. */
  readonly commandTimeoutMs?: number;
}

type Client = Redis | Cluster;

// Compare-and-set of one hash field: writes ARGV[3] (or deletes when ARGV[4] == '1') only if the field
// still holds ARGV[2] ('' meaning absent; a JSON text is never empty).
const CAS_FIELD = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if (current == false and ARGV[2] == '') or current == ARGV[2] then
  if ARGV[4] == '1' then redis.call('HDEL', KEYS[1], ARGV[1])
  else redis.call('HSET', KEYS[1], ARGV[1], ARGV[3]); redis.call('SADD', KEYS[2], KEYS[1]) end
  return 1
end
return 0`;

const INCREMENT_WITH_TTL = `
local value = redis.call('INCRBY', KEYS[1], ARGV[1])
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return value`;

const RELEASE_LOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

const PUSH_CAPPED = `
redis.call('LPUSH', KEYS[1], ARGV[1])
redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]) - 1)
redis.call('SADD', KEYS[2], KEYS[1])
return 1`;

const DROP_TENANT = `
local keys = redis.call('SMEMBERS', KEYS[1])
for _, key in ipairs(keys) do redis.call('DEL', key) end
redis.call('DEL', KEYS[1])
return #keys`;

const MAX_CAS_ATTEMPTS = 50;

interface ScriptedClient {
  casField(
    hash: string,
    keys: string,
    field: string,
    expected: string,
    next: string,
    del: string,
  ): Promise<number>;
  incrementWithTtl(key: string, by: number, ttlMs: number): Promise<number>;
  releaseLock(key: string, token: string): Promise<number>;
  pushCapped(list: string, keys: string, value: string, cap: number): Promise<number>;
  dropTenant(keys: string): Promise<number>;
}

export function createRedisStore(options: RedisStoreOptions): RedisStore {
  const base: RedisOptions = {
    // Fail fast instead of queueing forever: quoting has a deadline and falls back.
    maxRetriesPerRequest: 1,
    connectTimeout: 3000,
    commandTimeout: options.commandTimeoutMs ?? 2000,
    enableReadyCheck: true,
    lazyConnect: false,
  };
  const { connection } = options;
  let client: Client;
  switch (connection.mode) {
    case 'standalone':
      client = new Redis(connection.url, base);
      break;
    case 'sentinel':
      client = new Redis({
        ...base,
        sentinels: connection.sentinels.map((s) => ({ host: s.host, port: s.port })),
        name: connection.name,
        ...(connection.password === undefined ? {} : { password: connection.password }),
      });
      break;
    case 'cluster':
      client = new Cluster([...connection.nodes], {
        redisOptions: {
          ...base,
          ...(connection.password === undefined ? {} : { password: connection.password }),
        },
      });
      break;
  }
  // Without a listener an 'error' event would crash the process; ioredis keeps reconnecting.
  client.on('error', (error: Error) => options.onError?.(error));
  client.defineCommand('casField', { numberOfKeys: 2, lua: CAS_FIELD });
  client.defineCommand('incrementWithTtl', { numberOfKeys: 1, lua: INCREMENT_WITH_TTL });
  client.defineCommand('releaseLock', { numberOfKeys: 1, lua: RELEASE_LOCK });
  client.defineCommand('pushCapped', { numberOfKeys: 2, lua: PUSH_CAPPED });
  client.defineCommand('dropTenant', { numberOfKeys: 1, lua: DROP_TENANT });
  return new RedisStore(client, options.keyPrefix ?? 'rb:');
}

export class RedisStore implements Store {
  readonly kind = 'redis' as const;
  private readonly scripts: ScriptedClient;

  constructor(
    private readonly client: Client,
    private readonly prefix: string,
  ) {
    this.scripts = client as unknown as ScriptedClient;
  }

  /**
   * The connection and key prefix, for rate-limiter-flexible's RateLimiterRedis (core/quoting/budget):
   * outbound budgets are counted on this Redis by that library, under keys of its own below the prefix.
   */
  limiterConnection(): { readonly client: Redis | Cluster; readonly keyPrefix: string } {
    return { client: this.client, keyPrefix: this.prefix };
  }

  private docKey(tenant: string, kind: string): string {
    return `${this.prefix}doc:{${tenant}}:${kind}`;
  }
  private listKey(tenant: string, name: string): string {
    return `${this.prefix}list:{${tenant}}:${name}`;
  }
  private keysKey(tenant: string): string {
    return `${this.prefix}keys:{${tenant}}`;
  }

  async getDoc(ref: DocRef): Promise<JsonValue | undefined> {
    return parse(await this.client.hget(this.docKey(ref.tenant, ref.kind), ref.id));
  }

  /**
   * The last value read of each document, with its text: the same text read again hands out the same
   * object, so a parse of it is remembered (parsed-doc.ts) and a changed document is parsed afresh.
   * Bounded; a stale entry costs nothing, since the text is compared on every read.
   */
  private readonly shared = new LRUCache<string, { readonly text: string; readonly value: JsonValue }>({
    max: 10_000,
    maxSize: 32 * 1024 * 1024,
    sizeCalculation: (entry) => Math.max(1, entry.text.length),
  });

  async getDocShared(ref: DocRef): Promise<JsonValue | undefined> {
    const text = await this.client.hget(this.docKey(ref.tenant, ref.kind), ref.id);
    if (text === null) return undefined;
    const key = JSON.stringify([ref.tenant, ref.kind, ref.id]);
    const last = this.shared.get(key);
    if (last?.text === text) return last.value;
    const value = JSON.parse(text) as JsonValue;
    this.shared.set(key, { text, value });
    return value;
  }

  async listDocs(tenant: string, kind: string): Promise<Map<string, JsonValue>> {
    const all = await this.client.hgetall(this.docKey(tenant, kind));
    return new Map(Object.entries(all).map(([id, text]) => [id, JSON.parse(text) as JsonValue]));
  }

  async putDoc(ref: DocRef, value: JsonValue): Promise<void> {
    const key = this.docKey(ref.tenant, ref.kind);
    await this.client
      .multi()
      .hset(key, ref.id, JSON.stringify(value))
      .sadd(this.keysKey(ref.tenant), key)
      .exec();
  }

  async putDocIfAbsent(ref: DocRef, value: JsonValue): Promise<boolean> {
    const key = this.docKey(ref.tenant, ref.kind);
    const stored = await this.scripts.casField(
      key,
      this.keysKey(ref.tenant),
      ref.id,
      '',
      JSON.stringify(value),
      '0',
    );
    return stored === 1;
  }

  async updateDoc(ref: DocRef, updater: Updater): Promise<JsonValue | undefined> {
    const key = this.docKey(ref.tenant, ref.kind);
    for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
      const currentText = await this.client.hget(key, ref.id);
      const current = parse(currentText);
      const next = updater(current);
      if (next === UNCHANGED) return current;
      if (next === undefined && currentText === null) return undefined;
      const nextText = next === undefined ? '' : JSON.stringify(next);
      const swapped = await this.scripts.casField(
        key,
        this.keysKey(ref.tenant),
        ref.id,
        currentText ?? '',
        nextText,
        next === undefined ? '1' : '0',
      );
      if (swapped === 1) return next === undefined ? undefined : (JSON.parse(nextText) as JsonValue);
      // Someone else wrote in between: read again and recompute on their value.
    }
    throw new Error(`updateDoc gave up after ${MAX_CAS_ATTEMPTS} conflicting writes on ${ref.kind}`);
  }

  async deleteDoc(ref: DocRef): Promise<boolean> {
    return (await this.client.hdel(this.docKey(ref.tenant, ref.kind), ref.id)) > 0;
  }

  async deleteTenant(tenant: string): Promise<void> {
    await this.scripts.dropTenant(this.keysKey(tenant));
  }

  async cacheGet(key: string): Promise<JsonValue | undefined> {
    return parse(await this.client.get(`${this.prefix}cache:${key}`));
  }

  async cacheSet(key: string, value: JsonValue, ttlMs: number): Promise<void> {
    await this.client.set(`${this.prefix}cache:${key}`, JSON.stringify(value), 'PX', px(ttlMs));
  }

  async claimOnce(key: string, ttlMs: number): Promise<boolean> {
    const result = await this.client.set(`${this.prefix}once:${key}`, '1', 'PX', px(ttlMs), 'NX');
    return result === 'OK';
  }

  async cacheSetIfAbsent(key: string, value: JsonValue, ttlMs: number): Promise<boolean> {
    const result = await this.client.set(
      `${this.prefix}cache:${key}`,
      JSON.stringify(value),
      'PX',
      px(ttlMs),
      'NX',
    );
    return result === 'OK';
  }

  async cacheDelete(key: string): Promise<void> {
    await this.client.del(`${this.prefix}cache:${key}`);
  }

  async listPush(tenant: string, name: string, value: JsonValue, cap: number): Promise<void> {
    await this.scripts.pushCapped(
      this.listKey(tenant, name),
      this.keysKey(tenant),
      JSON.stringify(value),
      cap,
    );
  }

  async listRange(tenant: string, name: string, offset: number, limit: number): Promise<JsonValue[]> {
    if (limit <= 0) return [];
    const items = await this.client.lrange(this.listKey(tenant, name), offset, offset + limit - 1);
    return items.map((text) => JSON.parse(text) as JsonValue);
  }

  async listLength(tenant: string, name: string): Promise<number> {
    return this.client.llen(this.listKey(tenant, name));
  }

  async increment(key: string, by: number, ttlMs: number): Promise<number> {
    return Number(await this.scripts.incrementWithTtl(`${this.prefix}ctr:${key}`, by, px(ttlMs)));
  }

  async acquireLock(key: string, ttlMs: number): Promise<LockHandle | undefined> {
    const token = randomBytes(16).toString('hex');
    const result = await this.client.set(`${this.prefix}lock:${key}`, token, 'PX', px(ttlMs), 'NX');
    return result === 'OK' ? { key, token } : undefined;
  }

  async releaseLock(handle: LockHandle): Promise<void> {
    await this.scripts.releaseLock(`${this.prefix}lock:${handle.key}`, handle.token);
  }

  /** Until the first connection, commands queue (start-up); after it, only a ready client is connected. */
  isConnected(): boolean {
    if (this.client.status === 'ready') this.wasReady = true;
    return !this.wasReady || this.client.status === 'ready';
  }
  private wasReady = false;

  async ping(): Promise<void> {
    await this.client.ping();
  }

  async close(): Promise<void> {
    try {
      await this.client.quit();
    } catch {
      this.client.disconnect();
    }
  }
}

/** Redis refuses PX 0 and fractions; the contract's TTLs are "at least this long". */
function px(ttlMs: number): number {
  return Math.max(1, Math.ceil(ttlMs));
}

function parse(text: string | null): JsonValue | undefined {
  return text === null ? undefined : (JSON.parse(text) as JsonValue);
}
