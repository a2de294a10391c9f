/**
 * What each kind of incident says: a title and what to do, written from facts RateBridge holds (the
 * connection's label, the platform's name, a share of checkouts). No caller passes free text, so no
 * platform message (which might echo a token) and nothing about a shopper can reach an alert.
 */

/** The facts an incident is opened with, by kind; the subject is derived from them. */
export type IncidentFacts =
  | {
      readonly kind: 'token_revoked' | 'token_unusable' | 'budget_exhausted';
      readonly connectionId: string;
      readonly label: string;
      readonly platform: string;
    }
  | { readonly kind: 'fallback_share_high'; readonly percent: number; readonly minutes: number }
  | { readonly kind: 'carrier_service_removed' }
  | { readonly kind: 'store_key_revoked' };

export interface IncidentWording {
  readonly subject: string;
  readonly title: string;
  readonly action: string;
  readonly actionPath: string;
}

const CONNECTIONS = '/settings/connections';

export function incidentWording(facts: IncidentFacts): IncidentWording {
  switch (facts.kind) {
    case 'token_revoked':
      return {
        subject: facts.connectionId,
        title: `The ${facts.platform} token of "${facts.label}" no longer works`,
        action: `${facts.platform} rejected it (revoked or expired), so checkout shows your fallback rates instead of its prices. Create a new API token in ${facts.platform} and replace it in RateBridge under Connections.`,
        actionPath: `${CONNECTIONS}?replace=${encodeURIComponent(facts.connectionId)}`,
      };
    case 'token_unusable':
      return {
        subject: facts.connectionId,
        title: `The ${facts.platform} token of "${facts.label}" cannot quote`,
        action: `It signs in but lacks a permission quoting needs, or belongs to the other environment (test or live), so checkout shows your fallback rates. Create a token with quoting permission in the right environment and replace it under Connections.`,
        actionPath: `${CONNECTIONS}?replace=${encodeURIComponent(facts.connectionId)}`,
      };
    case 'budget_exhausted':
      return {
        subject: facts.connectionId,
        title: `"${facts.label}" has used up its ${facts.platform} call budget`,
        action: `Until the budget refills, checkout answers from recent prices, then your fallback rates. If this happens often, ask ${facts.platform} for higher limits and raise the connection's budget.`,
        actionPath: CONNECTIONS,
      };
    case 'fallback_share_high':
      return {
        subject: 'checkout',
        title: `${facts.percent}% of checkouts showed fallback rates for ${facts.minutes} minutes`,
        action:
          'Shoppers see your fallback rates instead of live freight prices. Open the rate log: each fallback entry says why (a platform down, a missing location or box, a token).',
        actionPath: '/settings/rate-log?source=fallback',
      };
    case 'carrier_service_removed':
      return {
        subject: 'shopify',
        title: "RateBridge's carrier service is no longer in your Shopify shop",
        action:
          'Shopify checkout no longer asks RateBridge for freight rates. Open Setup and go live again to add it back (then check your shipping zones use it).',
        actionPath: '/setup',
      };
    case 'store_key_revoked':
      return {
        subject: 'woocommerce',
        title: "Your WooCommerce store no longer accepts RateBridge's REST API key",
        action:
          'Product and packaging sync has stopped. Connect the store again from RateBridge (it creates a new key), or check the key was not deleted in WooCommerce → Settings → Advanced → REST API.',
        actionPath: '/settings/connector-keys',
      };
  }
}
