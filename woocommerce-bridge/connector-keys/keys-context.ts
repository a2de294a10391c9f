/**
 * What every connector-key operation shares: the store, the sealer, the clock, the tenant's keys document
 * (read strictly: an unreadable one refuses changes) and the key-id lookup. Built once by
 * connector-keys.ts; each operation is a function of it in a file of its own.
 */
import { z } from 'zod';
import { rbError, type Core, type JsonValue } from '../../core/index.js';
import type { ConnectorKeyView } from '../../core/wire/admin-api-types.js';
import { connectorKeySchema } from '../../core/wire/woocommerce-schema.js';
import { tenantIndex } from '../tenant-index.js';
import { createOpenedSecrets } from './opened-secrets.js';

const KEYS_KIND = 'woocommerce-connector-keys';
const KEYS_ID = 'all';
const KEY_INDEX_KIND = 'woocommerce-connector-key-index';

/** The stored key: the listed view (core/wire) and its sealed secret, which is never listed. */
const keyRecordSchema = connectorKeySchema.extend({ sealedSecret: z.string() });
export type KeyRecord = z.infer<typeof keyRecordSchema>;
export const keysDocSchema = z.object({ keys: z.record(z.string(), keyRecordSchema) });
type KeysDoc = z.infer<typeof keysDocSchema>;

export type { ConnectorKeyView } from '../../core/wire/admin-api-types.js';

export type KeysDeps = Pick<Core, 'store' | 'sealer' | 'logger'>;

/** The sealing owner: a sealed secret moved onto another tenant or key will not open. */
export const sealOwner = (tenant: string, keyId: string) => `woocommerce-connector-key:${tenant}:${keyId}`;

export const toKeyView = ({ sealedSecret: _sealed, ...view }: KeyRecord): ConnectorKeyView => view;

export function createKeysContext(deps: KeysDeps, now: () => number) {
  const { store, logger } = deps;
  return {
    ...deps,
    docRef: (tenant: string) => ({ tenant, kind: KEYS_KIND, id: KEYS_ID }),
    index: tenantIndex(store, KEY_INDEX_KIND),
    iso: () => new Date(now()).toISOString(),
    openSecret: createOpenedSecrets((sealed, owner) => deps.sealer.open(sealed, owner)),

    readDoc(tenant: string, raw: JsonValue | undefined): KeysDoc {
      if (raw === undefined) return { keys: {} };
      const parsed = keysDocSchema.safeParse(raw);
      if (!parsed.success) {
        // Never silently drop keys: a document this code cannot read stops key changes until it is fixed.
        logger.error({ tenant }, 'unreadable connector keys document');
        throw rbError('RB_ERR_INTERNAL');
      }
      return parsed.data;
    },
  };
}

export type KeysContext = ReturnType<typeof createKeysContext>;
