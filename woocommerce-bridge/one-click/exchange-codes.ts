/**
 * The single-use codes one-click connect hands the plugin through the browser. A code is only a handle: it
 * names a sealed record (tenant, store, the plugin's code challenge) kept server-side for two minutes under
 * the code's hash, and it is worth something only together with the verifier that never left the plugin's
 * server and with the store it was issued to. Redeemed once, durably (`claimOnce`), even across restarts.
 */
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { constantTimeEqual, rbError, type Core } from '../../core/index.js';
import type { KeyCreator } from '../../core/wire/admin-api-types.js';
import { keyCreatorSchema } from '../../core/wire/woocommerce-schema.js';
import { parseStoreUrl } from '../store-url.js';

export const CODE_TTL_MS = 2 * 60_000;
export const CODE_PATTERN = /^rbc_[A-Za-z0-9_-]{43}$/;

const recordSchema = z.object({
  tenant: z.string().min(1),
  storeUrl: z.string(),
  challenge: z.string(),
  approvedBy: keyCreatorSchema,
});
const storedSchema = z.object({ sealed: z.string() });

export interface CodeGrant {
  readonly tenant: string;
  readonly storeUrl: string;
  /** The owner who approved the connect: the key's maker. */
  readonly approvedBy: KeyCreator;
}

const digest = (text: string, encoding: 'hex' | 'base64url') =>
  createHash('sha256').update(text).digest(encoding);
const cacheKey = (hash: string) => `woo-one-click-code:${hash}`;
const owner = (hash: string) => `woocommerce-one-click-code:${hash}`;

export function createExchangeCodes(core: Pick<Core, 'sealer' | 'store'>) {
  const { sealer, store } = core;
  return {
    async issue(
      tenant: string,
      storeUrl: string,
      challenge: string,
      approvedBy: KeyCreator,
    ): Promise<string> {
      const code = `rbc_${randomBytes(32).toString('base64url')}`;
      const hash = digest(code, 'hex');
      const sealed = sealer.seal(JSON.stringify({ tenant, storeUrl, challenge, approvedBy }), owner(hash));
      await store.cacheSet(cacheKey(hash), { sealed }, CODE_TTL_MS);
      return code;
    },

    /** The code's grant, spent; a coded 401 for any code that is not live, this store's and this verifier's. */
    async redeem(code: string, verifier: string, storeUrl: string): Promise<CodeGrant> {
      const hash = digest(code, 'hex');
      const record = openRecord(await store.cacheGet(cacheKey(hash)), (sealed) =>
        sealer.open(sealed, owner(hash)),
      );
      const sameStore = parseStoreUrl(storeUrl)?.url === record?.storeUrl;
      if (!record || !sameStore || !constantTimeEqual(digest(verifier, 'base64url'), record.challenge)) {
        throw rbError('RB_ERR_ONE_CLICK_CODE_INVALID');
      }
      // Checked before spending, so a stolen code without the verifier cannot burn the merchant's.
      if (!(await store.claimOnce(`woo-one-click-code-used:${hash}`, CODE_TTL_MS))) {
        throw rbError('RB_ERR_ONE_CLICK_CODE_INVALID');
      }
      await store.cacheDelete(cacheKey(hash));
      return { tenant: record.tenant, storeUrl: record.storeUrl, approvedBy: record.approvedBy };
    },
  };
}

function openRecord(
  raw: unknown,
  open: (sealed: string) => string,
): z.infer<typeof recordSchema> | undefined {
  const stored = storedSchema.safeParse(raw);
  if (!stored.success) return undefined;
  try {
    return recordSchema.parse(JSON.parse(open(stored.data.sealed)));
  } catch {
    return undefined;
  }
}

export type ExchangeCodes = ReturnType<typeof createExchangeCodes>;
