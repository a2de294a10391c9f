/**
 * Platform API tokens already opened, for a minute: AES-GCM opening every connection's token on every quote
 * was ≈ 5 % of a cache-hit checkout. Keyed by the owner (tenant and connection) and the sealed record
 * itself, so a replaced or resealed token is opened afresh; the connections document is still read on every
 * quote, so a disconnected or revoked connection stops quoting at once. Held in memory only, never logged
 * or listed.
 */
import { LRUCache } from 'lru-cache';
import { entryBound } from '../entry-bound.js';
import type { Sealer } from '../security/seal.js';

const KEEP_MS = 60_000;

export function createOpenedTokens(sealer: Pick<Sealer, 'open'>) {
  const opened = new LRUCache<string, string>({ ...entryBound(10_000), ttl: KEEP_MS });
  return (sealed: string, owner: string): string => {
    const key = `${owner}\n${sealed}`;
    let token = opened.get(key);
    if (token === undefined) {
      token = sealer.open(sealed, owner);
      opened.set(key, token);
    }
    return token;
  };
}
