/**
 * The embedded store: everything in memory, made durable by an append-only journal under DATA_DIR.
 *
 * - A write is acknowledged only after its journal line is written and fdatasync'ed; writes that arrive
 *   while a sync is in flight share the next one (group commit), so durability costs one sync per batch.
 * - Every line carries a sequence number. On open the snapshot is read, then journal lines newer than
 *   the snapshot are replayed; a torn last line (the process died mid-write) is cut off, never parsed.
 * - When the journal grows past a threshold it is compacted: the state is written to a temporary file,
 *   fsync'ed and renamed over the snapshot (atomic on POSIX), the directory is fsync'ed, and only then
 *   is the journal emptied. A crash at any point leaves either the old or the new snapshot, and replay
 *   skips lines the snapshot already holds.
 * - Cache entries, counters and locks live in memory only: they are disposable by definition, and the
 *   embedded store serves one process (a pid lock file refuses a second one on the same DATA_DIR).
 *   Single-use marks (`claimOnce`) are journaled like documents: a used sign-in link stays used after a
 *   restart. They are dropped at compaction once expired.
 * - A failed journal write refuses it and every write after it, and puts memory back to what the files
 *   hold (the refused change is never served); a second later the next write or readiness check reopens
 *   the journal, so the store recovers by itself once the disk does.
 * - With a `codec` (core passes one built on the sealing key ring) every journal line and the snapshot are
 *   sealed: the files hold store names, addresses and warehouse details, and a copied data folder must not
 *   give them away. Plain lines written before sealing was on are still read, and the first compaction
 *   rewrites them sealed. Files are 0600 in a 0700 folder.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, rm, writeFile, type FileHandle } from 'node:fs/promises';
import { constants as fsConstants } from 'node:fs';
import path from 'node:path';
import { isRateBridgeError, rbError } from '../errors.js';
import { copyJson } from './copy-json.js';
import { snapshotText } from './snapshot-text.js';
import {
  UNCHANGED,
  type DocRef,
  type JsonValue,
  type LockHandle,
  type Store,
  type Updater,
} from './store.js';

type Docs = Map<string, Map<string, Map<string, JsonValue>>>;
type Lists = Map<string, Map<string, JsonValue[]>>;

type Onces = Map<string, number>;

interface State {
  docs: Docs;
  lists: Lists;
  /** Single-use marks: key -> expiry (ms since the epoch). */
  onces: Onces;
}

type JournalOp =
  | { op: 'put'; t: string; k: string; i: string; v: JsonValue }
  | { op: 'del'; t: string; k: string; i: string }
  | { op: 'push'; t: string; n: string; v: JsonValue; cap: number }
  | { op: 'drop'; t: string }
  | { op: 'once'; k: string; e: number };

interface SnapshotBody {
  readonly docs: Record<string, Record<string, Record<string, JsonValue>>>;
  readonly lists: Record<string, Record<string, JsonValue[]>>;
  readonly onces?: Record<string, number>;
}

interface Snapshot extends SnapshotBody {
  readonly seq: number;
}

/** Seals what goes to disk and opens it again (AES-GCM via core's sealer); throws on a foreign value. */
export interface StoreCodec {
  seal(plaintext: string, part: 'journal' | 'snapshot'): string;
  open(sealed: string, part: 'journal' | 'snapshot'): string;
}

export interface EmbeddedStoreOptions {
  readonly dataDir: string;
  /** Compact once the journal is larger than this many bytes. */
  readonly compactAfterBytes?: number;
  readonly now?: () => number;
  /** Seal the files at rest (core always passes one; store-only tests may leave it out). */
  readonly codec?: StoreCodec;
}

const DEFAULT_COMPACT_AFTER = 8 * 1024 * 1024;
/** Entries of each expiring map looked at per write (sweepSometimes). */
const SWEEP_PER_WRITE = 8;

export async function openEmbeddedStore(options: EmbeddedStoreOptions): Promise<EmbeddedStore> {
  const dir = path.join(options.dataDir, 'store');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  await takeProcessLock(dir);
  const { state, seq, validJournalBytes } = await recover(dir, options.codec);
  const journalFile = path.join(dir, 'journal.ndjson');
  const journal = await open(journalFile, 'a+', 0o600);
  // A journal made before files were kept private keeps its old mode until told otherwise.
  await journal.chmod(0o600);
  // Cut a torn tail so the next append starts on a clean line.
  await journal.truncate(validJournalBytes);
  return new EmbeddedStore(dir, journal, state, seq, validJournalBytes, options);
}

export class EmbeddedStore implements Store {
  readonly kind = 'embedded' as const;

  private readonly cache = new Map<string, { value: JsonValue; expiresAt: number }>();
  private readonly counters = new Map<string, { value: number; expiresAt: number }>();
  private readonly locks = new Map<string, { token: string; expiresAt: number }>();
  private readonly now: () => number;
  private readonly compactAfterBytes: number;

  /** Applied to memory, not yet on disk: sealed and written together by the next flush. */
  private pending: { seq: number; op: JournalOp; done: () => void; fail: (error: unknown) => void }[] = [];
  private flushing: Promise<void> | undefined;
  private compacting: Promise<void> | undefined;
  private closed = false;
  /** Set by the first failed journal write; the store then refuses writes until recoverSoon reopens it. */
  private failed: Error | undefined;

  constructor(
    private readonly dir: string,
    private journal: FileHandle,
    private readonly state: State,
    private seq: number,
    private journalBytes: number,
    options: EmbeddedStoreOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.compactAfterBytes = options.compactAfterBytes ?? DEFAULT_COMPACT_AFTER;
    this.codec = options.codec;
  }

  private readonly codec: StoreCodec | undefined;

  // --- documents ---------------------------------------------------------------------------------

  async getDoc(ref: DocRef): Promise<JsonValue | undefined> {
    return clone(this.state.docs.get(ref.tenant)?.get(ref.kind)?.get(ref.id));
  }

  /** Not copied: the object is replaced, never changed, by a write (applyOp), so a reader may keep it. */
  async getDocShared(ref: DocRef): Promise<JsonValue | undefined> {
    return this.state.docs.get(ref.tenant)?.get(ref.kind)?.get(ref.id);
  }

  async listDocs(tenant: string, kind: string): Promise<Map<string, JsonValue>> {
    const docs = this.state.docs.get(tenant)?.get(kind);
    return new Map([...(docs ?? new Map<string, JsonValue>())].map(([id, value]) => [id, clone(value)]));
  }

  async putDoc(ref: DocRef, value: JsonValue): Promise<void> {
    await this.apply({ op: 'put', t: ref.tenant, k: ref.kind, i: ref.id, v: clone(value) });
  }

  async putDocIfAbsent(ref: DocRef, value: JsonValue): Promise<boolean> {
    if (this.state.docs.get(ref.tenant)?.get(ref.kind)?.has(ref.id)) return false;
    await this.apply({ op: 'put', t: ref.tenant, k: ref.kind, i: ref.id, v: clone(value) });
    return true;
  }

  async updateDoc(ref: DocRef, updater: Updater): Promise<JsonValue | undefined> {
    // Read, compute and apply happen in one synchronous turn, so no other update can interleave.
    const current = this.state.docs.get(ref.tenant)?.get(ref.kind)?.get(ref.id);
    const next = updater(clone(current));
    if (next === UNCHANGED) return clone(current);
    if (next === undefined) {
      if (current !== undefined) await this.apply({ op: 'del', t: ref.tenant, k: ref.kind, i: ref.id });
      return undefined;
    }
    const stored = clone(next);
    await this.apply({ op: 'put', t: ref.tenant, k: ref.kind, i: ref.id, v: stored });
    return clone(stored);
  }

  async deleteDoc(ref: DocRef): Promise<boolean> {
    if (!this.state.docs.get(ref.tenant)?.get(ref.kind)?.has(ref.id)) return false;
    await this.apply({ op: 'del', t: ref.tenant, k: ref.kind, i: ref.id });
    return true;
  }

  async deleteTenant(tenant: string): Promise<void> {
    await this.apply({ op: 'drop', t: tenant });
  }

  // --- cache, counters, locks (memory only) ------------------------------------------------------

  async cacheGet(key: string): Promise<JsonValue | undefined> {
    const entry = this.live(this.cache, key);
    return entry === undefined ? undefined : clone(entry.value);
  }

  async cacheSet(key: string, value: JsonValue, ttlMs: number): Promise<void> {
    this.cache.set(key, { value: clone(value), expiresAt: this.now() + ttlMs });
    this.sweepSometimes();
  }

  async cacheSetIfAbsent(key: string, value: JsonValue, ttlMs: number): Promise<boolean> {
    if (this.live(this.cache, key) !== undefined) return false;
    this.cache.set(key, { value: clone(value), expiresAt: this.now() + ttlMs });
    this.sweepSometimes();
    return true;
  }

  async cacheDelete(key: string): Promise<void> {
    this.cache.delete(key);
  }

  async claimOnce(key: string, ttlMs: number): Promise<boolean> {
    const expiresAt = this.state.onces.get(key);
    if (expiresAt !== undefined && expiresAt > this.now()) return false;
    await this.apply({ op: 'once', k: key, e: this.now() + ttl(ttlMs) });
    return true;
  }

  async increment(key: string, by: number, ttlMs: number): Promise<number> {
    const entry = this.live(this.counters, key);
    const value = (entry?.value ?? 0) + by;
    this.counters.set(key, { value, expiresAt: entry?.expiresAt ?? this.now() + ttlMs });
    this.sweepSometimes();
    return value;
  }

  async acquireLock(key: string, ttlMs: number): Promise<LockHandle | undefined> {
    if (this.live(this.locks, key) !== undefined) return undefined;
    const token = randomBytes(16).toString('hex');
    this.locks.set(key, { token, expiresAt: this.now() + ttlMs });
    return { key, token };
  }

  async releaseLock(handle: LockHandle): Promise<void> {
    if (this.locks.get(handle.key)?.token === handle.token) this.locks.delete(handle.key);
  }

  // --- lists -------------------------------------------------------------------------------------

  async listPush(tenant: string, name: string, value: JsonValue, cap: number): Promise<void> {
    await this.apply({ op: 'push', t: tenant, n: name, v: clone(value), cap });
  }

  async listRange(tenant: string, name: string, offset: number, limit: number): Promise<JsonValue[]> {
    const list = this.state.lists.get(tenant)?.get(name) ?? [];
    return list.slice(offset, offset + limit).map(clone);
  }

  async listLength(tenant: string, name: string): Promise<number> {
    return this.state.lists.get(tenant)?.get(name)?.length ?? 0;
  }

  // --- lifecycle ---------------------------------------------------------------------------------

  async ping(): Promise<void> {
    if (this.closed) throw new Error('embedded store is closed');
    if (this.failed) this.recoverSoon();
    if (this.failed) throw this.failed;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.flushing;
    await this.compacting;
    await this.journal.close();
    await rm(path.join(this.dir, 'owner.pid'), { force: true });
  }

  // --- durability --------------------------------------------------------------------------------

  /** Applies the operation to memory at once and resolves when its journal line is on disk. */
  private apply(op: JournalOp): Promise<void> {
    if (this.closed) return Promise.reject(new Error('embedded store is closed'));
    if (this.failed) {
      this.recoverSoon();
      return Promise.reject(this.failed);
    }
    applyOp(this.state, op);
    this.seq += 1;
    const seq = this.seq;
    return new Promise((done, fail) => {
      this.pending.push({ seq, op, done, fail });
      this.flushing ??= this.flush();
    });
  }

  private async flush(): Promise<void> {
    // Let the turn that started this flush finish first: writes issued together (a rate-log batch) then
    // share one line, one seal and one fdatasync instead of the first going alone.
    await Promise.resolve();
    try {
      while (this.pending.length > 0) {
        const batch = this.pending;
        this.pending = [];
        const text = journalText(batch, this.codec);
        try {
          if (this.failed) throw this.failed;
          await this.compacting;
          await this.journal.write(text);
          await this.journal.datasync();
          this.journalBytes += Buffer.byteLength(text);
          for (const entry of batch) entry.done();
        } catch (error) {
          // Memory is now ahead of the disk and the journal may end in a torn line: appending more after it
          // would make recovery stop there and drop those later writes. Refuse every write from here on, so
          // nothing is acknowledged that a restart would not bring back.
          if (!this.failed) {
            this.failed = error instanceof Error ? error : new Error('embedded store write failed');
            this.failedAt = this.now();
            await this.reloadState().catch(() => undefined);
          }
          for (const entry of batch) entry.fail(error);
        }
      }
    } finally {
      this.flushing = undefined;
    }
    if (this.journalBytes > this.compactAfterBytes && !this.compacting && !this.closed) {
      // A failed compaction (disk full) loses nothing: the journal is intact and the next flush retries.
      this.compacting = this.compact()
        .catch(() => undefined)
        .finally(() => (this.compacting = undefined));
    }
  }

  private recovering: Promise<void> | undefined;
  private failedAt = 0;

  /** Memory back to exactly what the files hold: the refused writes were applied to memory first. */
  private async reloadState(): Promise<void> {
    await this.compacting;
    const recovered = await recover(this.dir, this.codec);
    Object.assign(this.state, recovered.state);
    this.seq = recovered.seq;
  }

  /**
   * A second after a failed write, the next write or readiness check reopens the journal past any torn tail
   * and, when that works, the store takes writes again by itself; while the disk still fails it keeps
   * refusing and tries again later.
   */
  private recoverSoon(): void {
    if (this.recovering || this.closed || this.now() - this.failedAt < 1000) return;
    this.failedAt = this.now();
    this.recovering = this.reopenJournal()
      .catch(() => undefined)
      .finally(() => (this.recovering = undefined));
  }

  private async reopenJournal(): Promise<void> {
    await this.flushing;
    await this.compacting;
    const recovered = await recover(this.dir, this.codec);
    const journal = await open(path.join(this.dir, 'journal.ndjson'), 'a+', 0o600);
    await journal.truncate(recovered.validJournalBytes);
    await this.journal.close().catch(() => undefined);
    if (this.closed) return void (await journal.close());
    this.journal = journal;
    Object.assign(this.state, recovered.state);
    this.seq = recovered.seq;
    this.journalBytes = recovered.validJournalBytes;
    this.failed = undefined;
  }

  /** Writes the whole state as a new snapshot, then empties the journal. */
  private async compact(): Promise<void> {
    const now = this.now();
    for (const [key, expiresAt] of this.state.onces) if (expiresAt <= now) this.state.onces.delete(key);
    // Copied now, stringified over the next turns (snapshot-text.ts): what is applied meanwhile has a later
    // seq and is journaled after the truncation below.
    const seq = this.seq;
    const text = await snapshotText(serialise(this.state, now));
    await writeFileDurably(
      path.join(this.dir, 'snapshot.json'),
      this.codec
        ? `{"seq":${seq},"x":${JSON.stringify(this.codec.seal(text, 'snapshot'))}}`
        : `{"seq":${seq},${text.slice(1)}`,
    );
    // Lines written after `snapshot.seq` would be lost by truncating; flush() awaits compaction first,
    // so none were written meanwhile, and the state captured above is exactly the journal's end.
    await this.journal.truncate(0);
    await this.journal.datasync();
    this.journalBytes = 0;
  }

  private live<V extends { expiresAt: number }>(map: Map<string, V>, key: string): V | undefined {
    const entry = map.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= this.now()) {
      map.delete(key);
      return undefined;
    }
    return entry;
  }

  private readonly sweeps = new Map<
    Map<string, { expiresAt: number }>,
    Iterator<[string, { expiresAt: number }]>
  >();
  /**
   * Drops expired entries a few at a time, so keys never read again do not pile up. A whole pass at once
   * (every 1,000 writes, as it was) walked every live entry, a busy store's replay records included, on one
   * checkout's turn; a few entries per write is a full pass every few seconds at checkout rates, and no turn
   * pays for more than its share.
   */
  private sweepSometimes(): void {
    const now = this.now();
    for (const map of [this.cache, this.counters, this.locks] as Map<string, { expiresAt: number }>[]) {
      let cursor = this.sweeps.get(map) ?? map.entries();
      for (let i = 0; i < SWEEP_PER_WRITE; i++) {
        const next = cursor.next();
        if (next.done) {
          cursor = map.entries();
          break;
        }
        const [key, entry] = next.value;
        if (entry.expiresAt <= now) map.delete(key);
      }
      this.sweeps.set(map, cursor);
    }
  }
}

function applyOp(state: State, op: JournalOp): void {
  switch (op.op) {
    case 'put': {
      const tenant = getOrCreate(state.docs, op.t, () => new Map());
      getOrCreate(tenant, op.k, () => new Map()).set(op.i, op.v);
      return;
    }
    case 'del': {
      const kind = state.docs.get(op.t)?.get(op.k);
      kind?.delete(op.i);
      if (kind?.size === 0) state.docs.get(op.t)?.delete(op.k);
      return;
    }
    case 'push': {
      const tenant = getOrCreate(state.lists, op.t, () => new Map());
      const list = getOrCreate(tenant, op.n, () => []);
      list.unshift(op.v);
      if (list.length > op.cap) list.length = op.cap;
      return;
    }
    case 'drop':
      state.docs.delete(op.t);
      state.lists.delete(op.t);
      return;
    case 'once':
      state.onces.set(op.k, op.e);
      return;
  }
}

/**
 * One flush's operations as journal text. One operation is one line, as it always was; several (a rate-log
 * batch, a burst of writes) are one line `{s: first seq, b: [ops]}`, sealed once: sealing each operation on
 * its own cost more than writing it. The seqs are consecutive, so the line carries only the first. A line is
 * written whole or is a torn tail, and nothing in it was acknowledged before its fdatasync, so a batch is as
 * crash-safe as its operations one by one.
 */
function journalText(
  batch: readonly { seq: number; op: JournalOp }[],
  codec: StoreCodec | undefined,
): string {
  const first = batch[0];
  if (!first) return '';
  const body: JournalOp | { b: JournalOp[] } =
    batch.length === 1 ? first.op : { b: batch.map((entry) => entry.op) };
  const line = codec
    ? { s: first.seq, x: codec.seal(JSON.stringify(body), 'journal') }
    : { s: first.seq, ...body };
  return `${JSON.stringify(line)}\n`;
}

type JournalRecord = (JournalOp | { b: JournalOp[] }) & { s: number };

/** A journal line as written, sealed (`x`) or plain: its operations with their seqs; throws when unreadable. */
function readJournalLine(text: string, codec: StoreCodec | undefined): { s: number; op: JournalOp }[] {
  const raw = JSON.parse(text) as JournalRecord | { s: number; x: string };
  let record: JournalRecord;
  if ('x' in raw) {
    if (!codec) throw storeUnreadable();
    record = { s: raw.s, ...(JSON.parse(codec.open(raw.x, 'journal')) as JournalOp | { b: JournalOp[] }) };
  } else record = raw;
  if ('b' in record) return record.b.map((op, index) => ({ s: record.s + index, op }));
  return [{ s: record.s, op: record }];
}

function ttl(ttlMs: number): number {
  return Math.max(1, Math.ceil(ttlMs));
}

async function recover(
  dir: string,
  codec: StoreCodec | undefined,
): Promise<{
  state: State;
  seq: number;
  validJournalBytes: number;
}> {
  const snapshot = await readSnapshot(path.join(dir, 'snapshot.json'), codec);
  const state = deserialise(snapshot);
  let seq = snapshot.seq;
  let journal: Buffer;
  try {
    journal = await readFile(path.join(dir, 'journal.ndjson'));
  } catch (error) {
    if (isMissing(error)) return { state, seq, validJournalBytes: 0 };
    throw error;
  }
  let offset = 0;
  while (offset < journal.length) {
    const end = journal.indexOf(0x0a, offset);
    if (end === -1) break; // torn tail: no newline, never acknowledged
    const text = journal.subarray(offset, end).toString('utf8');
    let records: { s: number; op: JournalOp }[];
    try {
      records = readJournalLine(text, codec);
    } catch (error) {
      // A line sealed with a key we do not hold is not a torn tail: stop rather than cut acknowledged writes.
      if (isRateBridgeError(error)) throw storeUnreadable();
      break; // a partial line can only be the tail; everything before it was acknowledged
    }
    for (const record of records) {
      if (record.s <= seq) continue;
      applyOp(state, record.op);
      seq = record.s;
    }
    offset = end + 1;
  }
  return { state, seq, validJournalBytes: offset };
}

async function readSnapshot(file: string, codec: StoreCodec | undefined): Promise<Snapshot> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (isMissing(error)) return { seq: 0, docs: {}, lists: {} };
    throw error;
  }
  const snapshot = JSON.parse(text) as Snapshot | { seq: number; x: string };
  if (!('x' in snapshot)) return snapshot;
  if (!codec) throw storeUnreadable();
  try {
    return { seq: snapshot.seq, ...(JSON.parse(codec.open(snapshot.x, 'snapshot')) as SnapshotBody) };
  } catch {
    throw storeUnreadable();
  }
}

/** The data folder was sealed with keys this process does not have: say so instead of starting empty. */
function storeUnreadable(): Error {
  return rbError(
    'RB_ERR_CONFIG',
    'DATA_DIR/store was sealed with other keys: set RATEBRIDGE_KEYS to the key ring that wrote it (or keep DATA_DIR/keys beside it)',
  );
}

/** A copy of the state to snapshot: its own maps and lists, the stored values (never changed) shared. */
function serialise(state: State, now: number): SnapshotBody {
  const docs: Snapshot['docs'] = {};
  for (const [tenant, kinds] of state.docs) {
    docs[tenant] = {};
    for (const [kind, byId] of kinds) docs[tenant][kind] = Object.fromEntries(byId);
  }
  const lists: Snapshot['lists'] = {};
  // Each list copied: a push changes the list itself (its entries are never changed).
  for (const [tenant, byName] of state.lists) {
    lists[tenant] = Object.fromEntries([...byName].map(([name, list]) => [name, [...list]]));
  }
  const onces = Object.fromEntries([...state.onces].filter(([, expiresAt]) => expiresAt > now));
  return { docs, lists, onces };
}

function deserialise(snapshot: Snapshot): State {
  const docs: Docs = new Map();
  for (const [tenant, kinds] of Object.entries(snapshot.docs)) {
    docs.set(
      tenant,
      new Map(Object.entries(kinds).map(([kind, byId]) => [kind, new Map(Object.entries(byId))])),
    );
  }
  const lists: Lists = new Map();
  for (const [tenant, byName] of Object.entries(snapshot.lists)) {
    lists.set(tenant, new Map(Object.entries(byName)));
  }
  return { docs, lists, onces: new Map(Object.entries(snapshot.onces ?? {})) };
}

/** Temp file, fsync, rename, fsync the directory: the file is either wholly old or wholly new. */
export async function writeFileDurably(file: string, contents: string, mode = 0o600): Promise<void> {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await open(temp, 'w', mode);
  try {
    await handle.writeFile(contents);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, file);
  const directory = await open(path.dirname(file), fsConstants.O_RDONLY);
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}

/** One process per DATA_DIR: two writers appending to one journal would corrupt each other. */
async function takeProcessLock(dir: string): Promise<void> {
  const file = path.join(dir, 'owner.pid');
  try {
    const owner = Number(await readFile(file, 'utf8'));
    if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
      throw rbError('RB_ERR_DATA_DIR_LOCKED', path.dirname(dir), owner);
    }
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  await writeFile(file, String(process.pid), { mode: 0o600 });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

function getOrCreate<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}

/** Callers get copies: mutating a returned value must never change the stored one. */
const clone = copyJson;
