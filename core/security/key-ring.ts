/**
 * The key ring behind sealing and fingerprints. `RATEBRIDGE_KEYS` is `id:base64key,id:base64key`: the first
 * key seals, every key opens, so rotation is "prepend a new key, re-seal, later drop the old one".
 */
import { createHmac, randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileDurably } from '../storage/embedded-store.js';

export interface SealingKey {
  readonly id: string;
  readonly key: Buffer;
}

export interface KeyRing {
  readonly primary: SealingKey;
  readonly keys: ReadonlyMap<string, SealingKey>;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** Parses `RATEBRIDGE_KEYS`; the problems are described without ever echoing key material. */
export function parseKeyRing(text: string): { ok: true; ring: KeyRing } | { ok: false; problem: string } {
  const entries = text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  if (entries.length === 0) return { ok: false, problem: 'lists no key' };
  const keys = new Map<string, SealingKey>();
  for (const [index, entry] of entries.entries()) {
    const colon = entry.indexOf(':');
    const id = colon === -1 ? '' : entry.slice(0, colon);
    if (!KEY_ID.test(id)) {
      return {
        ok: false,
        problem: `entry ${index + 1} must be <id>:<base64 key> with an id of letters, digits, _ or -`,
      };
    }
    const key = Buffer.from(entry.slice(colon + 1), 'base64');
    if (key.length !== 32) {
      return { ok: false, problem: `key "${id}" must be 32 bytes of base64 (got ${key.length} bytes)` };
    }
    if (keys.has(id)) return { ok: false, problem: `key id "${id}" appears twice` };
    keys.set(id, { id, key });
  }
  const primary = keys.values().next().value as SealingKey;
  return { ok: true, ring: { primary, keys } };
}

export function formatKeyRingEntry(id: string, key: Buffer): string {
  return `${id}:${key.toString('base64')}`;
}

/**
 * For the embedded store when no keys are configured: read `DATA_DIR/keys` or create it (mode 0600) with
 * one fresh key. Returns whether it was created, so the caller can warn.
 */
export async function loadOrCreateLocalKeyRing(
  dataDir: string,
): Promise<{ ring: KeyRing; created: boolean }> {
  const file = path.join(dataDir, 'keys');
  let text: string;
  let created = false;
  try {
    text = (await readFile(file, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    text = formatKeyRingEntry(`local${Date.now().toString(36)}`, randomBytes(32));
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    await writeFileDurably(file, `${text}\n`, 0o600);
    created = true;
  }
  const parsed = parseKeyRing(text);
  if (!parsed.ok) throw new Error(`${file} is not a valid key ring: ${parsed.problem}`);
  return { ring: parsed.ring, created };
}

/** A sub-key for one purpose, so sealing and fingerprinting never share raw key material. */
export function deriveKey(key: SealingKey, purpose: string): Buffer {
  return createHmac('sha256', key.key).update(`ratebridge:${purpose}`).digest();
}
