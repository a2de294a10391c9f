/** The tenant and secret of an active key, from the key id a plugin request names (opened-secrets.ts). */
import { readParsedDoc, type JsonValue } from '../../core/index.js';
import { KEY_ID_PATTERN } from './key-name.js';
import { keysDocSchema, sealOwner, type KeysContext } from './keys-context.js';

const parseKeysDoc = (raw: JsonValue | undefined) => keysDocSchema.safeParse(raw);

interface AuthenticatedKey {
  readonly tenant: string;
  readonly keyId: string;
  readonly secret: string;
}

/** Undefined for an unknown or revoked key. */
export async function authenticateKey(
  ctx: KeysContext,
  keyId: string,
): Promise<AuthenticatedKey | undefined> {
  if (!KEY_ID_PATTERN.test(keyId)) return undefined;
  const tenant = await ctx.index.get(keyId);
  if (tenant === undefined) return undefined;
  // Parsed once per stored version of the keys document: every checkout of the store reads it.
  const parsed = await readParsedDoc(ctx.store, ctx.docRef(tenant), parseKeysDoc);
  const key = parsed.success ? parsed.data.keys[keyId] : undefined;
  if (!key || key.revokedAt !== null) return undefined;
  return { tenant, keyId, secret: ctx.openSecret(keyId, key.sealedSecret, sealOwner(tenant, keyId)) };
}
