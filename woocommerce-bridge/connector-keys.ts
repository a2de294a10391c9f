/**
 * Connector keys: what the WordPress plugin signs its requests with. They follow the rules the freight
 * platforms follow for their own API tokens:
 *
 *   - a name, unique among the store's active keys (a revoked key's name may be used again);
 *   - the secret is shown once, in the answer that creates it, and never again;
 *   - stored sealed, the associated data binding it to its tenant and key id;
 *   - listed with created, last used and revoked dates;
 *   - revocable, with immediate effect (every request reads the key's record; nothing is cached).
 *
 * A tenant's keys live in one document (names are checked atomically); a global lookup document maps a
 * key id to its tenant, since a plugin request names only the key.
 *
 * One operation per file in connector-keys/; this file only composes them over one shared context
 * (connector-keys/keys-context.ts).
 */
import { authenticateKey } from './connector-keys/authenticate-key.js';
import { createKey } from './connector-keys/create-key.js';
import {
  createKeysContext,
  toKeyView,
  type ConnectorKeyView,
  type KeysDeps,
} from './connector-keys/keys-context.js';
import { resealKeys } from './connector-keys/reseal-keys.js';
import { revokeKey } from './connector-keys/revoke-key.js';
import { touchKey } from './connector-keys/touch-key.js';
import { withContext } from './with-context.js';

export { KEY_ID_PATTERN } from './connector-keys/key-name.js';

export function createConnectorKeys(deps: KeysDeps, now: () => number) {
  const ctx = createKeysContext(deps, now);
  return {
    async list(tenant: string): Promise<ConnectorKeyView[]> {
      const doc = ctx.readDoc(tenant, await ctx.store.getDoc(ctx.docRef(tenant)));
      return Object.values(doc.keys)
        .sort((a, b) =>
          a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1,
        )
        .map(toKeyView);
    },
    create: withContext(ctx, createKey),
    revoke: withContext(ctx, revokeKey),
    authenticate: withContext(ctx, authenticateKey),
    /** Tenants holding connector keys, from the key-id lookup. */
    tenants: (): Promise<string[]> => ctx.index.tenants(),
    reseal: withContext(ctx, resealKeys),
    touch: withContext(ctx, touchKey),
  };
}

export type ConnectorKeys = ReturnType<typeof createConnectorKeys>;
