/**
 * Single-use, expiring secrets for sign-in links and invitations. The secret goes out once (in a mail, or
 * in the one answer that shows an invitation to copy); the store keeps only its SHA-256, so a store dump
 * holds nothing that signs anyone in. Spending is `claimOnce`: used stays used, across restarts and
 * instances, even when two requests race.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { rememberSecret } from '../security/redact.js';
import type { JsonValue, Store } from '../storage/store.js';

const hashOf = (secret: string) => createHash('sha256').update(secret).digest('hex');

export function createOneTimeTokens<S extends z.ZodType<JsonValue>>(
  store: Store,
  purpose: string,
  schema: S,
  ttlMs: number,
) {
  return {
    ttlMs,
    /** A new secret whose spending yields `value`. */
    async issue(value: z.output<S>): Promise<string> {
      const secret = randomBytes(32).toString('base64url');
      rememberSecret(secret);
      await store.cacheSet(`${purpose}:${hashOf(secret)}`, value, ttlMs);
      return secret;
    },
    /** What `secret` was issued for, if it is live; it stays unspent. */
    async peek(secret: string): Promise<z.output<S> | undefined> {
      rememberSecret(secret);
      const parsed = schema.safeParse(await store.cacheGet(`${purpose}:${hashOf(secret)}`));
      return parsed.success ? parsed.data : undefined;
    },
    /** Spends `secret`: what it was issued for, once; undefined when unknown, expired or spent. */
    async spend(secret: string): Promise<z.output<S> | undefined> {
      const value = await this.peek(secret);
      if (value === undefined) return undefined;
      if (!(await store.claimOnce(`${purpose}-used:${hashOf(secret)}`, ttlMs))) return undefined;
      await store.cacheDelete(`${purpose}:${hashOf(secret)}`);
      return value;
    },
  };
}
