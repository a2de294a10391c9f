/**
 * Connector secrets already opened, for a minute: AES-GCM opening on every signed plugin request cost more
 * than the rest of its key check. Keyed by key id and the sealed record itself, so a resealed or replaced
 * secret is opened afresh; the key document is still read on every request, so a revoked key is refused at
 * once. Held in memory only, never logged or listed.
 */
import { LRUCache } from 'lru-cache';

const KEEP_MS = 60_000;

export function createOpenedSecrets(open: (sealed: string, owner: string) => string) {
  const opened = new LRUCache<string, string>({ max: 10_000, ttl: KEEP_MS });
  return (keyId: string, sealed: string, owner: string): string => {
    const key = `${keyId}\n${owner}\n${sealed}`;
    let secret = opened.get(key);
    if (secret === undefined) {
      secret = open(sealed, owner);
      opened.set(key, secret);
    }
    return secret;
  };
}
