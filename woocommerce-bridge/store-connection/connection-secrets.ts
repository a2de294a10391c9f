/**
 * Sealing and opening a connection's secrets: the consumer key and secret, and the webhook secret. Each is
 * sealed with its owner as associated data, so a sealed value copied onto another tenant's record will not
 * open there.
 */
import type { Core } from '../../core/index.js';
import type { WooCredentials } from '../woocommerce-client.js';
import type { SealedCredentials } from './connection-record.js';

export const owner = {
  consumerKey: (tenant: string) => `woocommerce:${tenant}:consumer-key`,
  consumerSecret: (tenant: string) => `woocommerce:${tenant}:consumer-secret`,
  webhookSecret: (tenant: string) => `woocommerce:${tenant}:webhook-secret`,
};

interface KeysToSeal {
  consumerKey: string;
  consumerSecret: string;
  wcKeyId: number | null;
  permissions: string | null;
}

export function connectionSecrets(sealer: Core['sealer'], iso: () => string) {
  return {
    sealCredentials(
      tenant: string,
      input: KeysToSeal,
      source: SealedCredentials['source'],
    ): SealedCredentials {
      return {
        sealedKey: sealer.seal(input.consumerKey, owner.consumerKey(tenant)),
        sealedSecret: sealer.seal(input.consumerSecret, owner.consumerSecret(tenant)),
        hint: input.consumerKey.slice(-4),
        wcKeyId: input.wcKeyId,
        permissions: input.permissions,
        source,
        receivedAt: iso(),
      };
    },

    openCredentials(tenant: string, storeUrl: string, sealed: SealedCredentials): WooCredentials {
      return {
        storeUrl,
        consumerKey: sealer.open(sealed.sealedKey, owner.consumerKey(tenant)),
        consumerSecret: sealer.open(sealed.sealedSecret, owner.consumerSecret(tenant)),
      };
    },

    sealWebhookSecret(tenant: string, secret: string): string {
      return sealer.seal(secret, owner.webhookSecret(tenant));
    },

    openWebhookSecret(tenant: string, sealed: string): string {
      return sealer.open(sealed, owner.webhookSecret(tenant));
    },
  };
}
