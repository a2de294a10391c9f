/**
 * The sandbox's API tokens, kept the way a careful platform keeps them: the value is shown once at
 * creation and never stored; what is stored is its SHA-256 digest and last four characters. A plain
 * digest (not a slow hash) is right here because the value is 192 random bits, not a guessable password.
 *
 * All tokens live in one Store document: the sandbox has a handful, creation and revocation are atomic
 * updates of that document, and authentication is a single read.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { PlatformEnvironment } from '../freight-platform.js';
import { type DocRef, type Store, UNCHANGED } from '../../storage/store.js';
import { environmentSchema } from './wire-format.js';
import { SANDBOX_TENANT } from './sandbox-state.js';

const TOKENS_REF: DocRef = { tenant: SANDBOX_TENANT, kind: 'api-tokens', id: 'all' };
/** Revoked tokens count too: the document must not grow without bound on a public sandbox. */
export const MAX_TOKENS = 200;
/** "Last used" is a day-level fact for people; writing it on every call would make each call a write. */
const LAST_USED_RESOLUTION_MS = 60_000;

const storedTokenSchema = z.object({
  name: z.string(),
  environment: environmentSchema,
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  lastFour: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
type StoredToken = z.infer<typeof storedTokenSchema>;
const tokensDocSchema = z.object({ tokens: z.array(storedTokenSchema) });

/** What the sandbox shows about a token: everything but the value. */
export interface ApiTokenSummary {
  readonly name: string;
  readonly environment: PlatformEnvironment;
  readonly lastFour: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

export type CreateTokenResult =
  | { readonly ok: true; readonly value: string; readonly token: ApiTokenSummary }
  | { readonly ok: false; readonly reason: 'name_taken' | 'too_many_tokens' };

export type Authentication =
  { readonly ok: true; readonly token: ApiTokenSummary } | { readonly ok: false; readonly reason: 'invalid' };

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

const summaryOf = ({ sha256: _sha256, ...summary }: StoredToken): ApiTokenSummary => summary;

function tokensIn(value: unknown): StoredToken[] {
  if (value === undefined) return [];
  // A corrupt document is a bug or tampering; failing loudly beats treating every token as unknown.
  return tokensDocSchema.parse(value).tokens;
}

export function createTokenRegistry(store: Store, now: () => number) {
  const isoNow = () => new Date(now()).toISOString();

  return {
    create: (name: string, environment: PlatformEnvironment) =>
      createToken(store, isoNow(), name, environment),

    async list(): Promise<ApiTokenSummary[]> {
      return tokensIn(await store.getDoc(TOKENS_REF)).map(summaryOf);
    },

    /** Undefined when no token has this name; revoking twice keeps the first date. */
    async revoke(name: string): Promise<ApiTokenSummary | undefined> {
      const revokedAt = isoNow();
      const after = await store.updateDoc(TOKENS_REF, (current) => {
        const tokens = tokensIn(current);
        const target = tokens.find((token) => token.name === name);
        if (!target || target.revokedAt !== null) return UNCHANGED;
        return { tokens: tokens.map((token) => (token === target ? { ...token, revokedAt } : token)) };
      });
      const token = tokensIn(after).find((candidate) => candidate.name === name);
      return token && summaryOf(token);
    },

    authenticate: (value: string) => authenticate(store, now(), value),
  };
}

export type TokenRegistry = ReturnType<typeof createTokenRegistry>;

async function createToken(
  store: Store,
  createdAt: string,
  name: string,
  environment: PlatformEnvironment,
): Promise<CreateTokenResult> {
  const value = `sbx_${environment}_${randomBytes(24).toString('base64url')}`;
  const record: StoredToken = {
    name,
    environment,
    sha256: digest(value).toString('hex'),
    lastFour: value.slice(-4),
    createdAt,
    lastUsedAt: null,
    revokedAt: null,
  };
  let refusal: 'name_taken' | 'too_many_tokens' | undefined;
  await store.updateDoc(TOKENS_REF, (current) => {
    const tokens = tokensIn(current);
    refusal = tokens.some((token) => token.name === name)
      ? 'name_taken'
      : tokens.length >= MAX_TOKENS
        ? 'too_many_tokens'
        : undefined;
    return refusal ? UNCHANGED : { tokens: [...tokens, record] };
  });
  return refusal ? { ok: false, reason: refusal } : { ok: true, value, token: summaryOf(record) };
}

/** Finds the live token with this value, comparing digests in constant time, and notes its use. */
async function authenticate(store: Store, usedAt: number, value: string): Promise<Authentication> {
  const presented = digest(value);
  let match: StoredToken | undefined;
  // Every stored digest is compared, matched or not, so timing says nothing about which one matched.
  for (const token of tokensIn(await store.getDoc(TOKENS_REF))) {
    if (timingSafeEqual(Buffer.from(token.sha256, 'hex'), presented)) match = token;
  }
  if (!match || match.revokedAt !== null) return { ok: false, reason: 'invalid' };

  const lastUsed = match.lastUsedAt === null ? undefined : Date.parse(match.lastUsedAt);
  if (lastUsed !== undefined && usedAt - lastUsed < LAST_USED_RESOLUTION_MS) {
    return { ok: true, token: summaryOf(match) };
  }
  const lastUsedAt = new Date(usedAt).toISOString();
  const name = match.name;
  await store.updateDoc(TOKENS_REF, (current) => {
    const tokens = tokensIn(current);
    if (!tokens.some((token) => token.name === name)) return UNCHANGED;
    return { tokens: tokens.map((token) => (token.name === name ? { ...token, lastUsedAt } : token)) };
  });
  return { ok: true, token: { ...summaryOf(match), lastUsedAt } };
}
