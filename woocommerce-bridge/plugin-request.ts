/**
 * Authenticating the WordPress plugin: `X-RateBridge-Key: <key id>` names a connector key, and
 * `X-RateBridge-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` proves the caller
 * holds its secret. Checked by core's verifier (constant-time comparison, five-minute tolerance, each
 * signature accepted once: the replay record is kept in the store, scoped to the key).
 */
import { rememberSecret, verifyRequestSignature, type Store, rbError } from '../core/index.js';
import type { ConnectorKeys } from './connector-keys.js';

export const KEY_HEADER = 'x-ratebridge-key';
export const SIGNATURE_HEADER = 'x-ratebridge-signature';

export interface PluginRequest {
  readonly keyId: string | undefined;
  readonly signature: string | undefined;
  readonly rawBody: Buffer;
}

export interface PluginCaller {
  readonly tenant: string;
  readonly keyId: string;
}

const missingMessage =
  'The request is not signed. The plugin sends X-RateBridge-Key and X-RateBridge-Signature; check its key id and secret.';

// The plugin reads RB_ERR_UNAUTHENTICATED as "the key is refused" (class-ratebridge-bridge-reply.php), so the
// code stays; the message says which key and what to do.
const unknownKey = () =>
  rbError(
    'RB_ERR_UNAUTHENTICATED',
    'The connector key is unknown or was revoked. Create a new key in RateBridge (Settings → Connector keys) and paste it into the plugin settings.',
  );

/** The tenant of a correctly signed request; throws a coded 401 otherwise. */
export async function authenticatePluginRequest(
  deps: { readonly keys: ConnectorKeys; readonly store: Store; readonly now?: () => number },
  request: PluginRequest,
): Promise<PluginCaller> {
  if (request.keyId === undefined || request.keyId === '') {
    if (request.signature === undefined) throw rbError('RB_ERR_SIGNATURE_MISSING', missingMessage);
    throw unknownKey();
  }
  const key = await deps.keys.authenticate(request.keyId);
  if (!key) throw unknownKey();
  rememberSecret(key.secret);
  const check = await verifyRequestSignature({
    header: request.signature,
    rawBody: request.rawBody,
    secret: key.secret,
    replayScope: key.keyId,
    store: deps.store,
    ...(deps.now ? { now: Math.floor(deps.now() / 1000) } : {}),
  });
  if (!check.ok) throw check.error;
  void deps.keys.touch(key.tenant, key.keyId);
  return { tenant: key.tenant, keyId: key.keyId };
}
