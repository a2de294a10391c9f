/**
 * A shop's permanent domain (`example.myshopify.com`): the tenant id of a Shopify merchant and the only host
 * we ever send a shop's credentials to. Everything naming a shop (session token `dest`, webhook headers,
 * session ids) passes through `parseShopDomain` first, so a crafted value can neither reach another host
 * nor another tenant's records.
 */

declare const shopDomainBrand: unique symbol;
export type ShopDomain = string & { readonly [shopDomainBrand]: true };

// Lower case only: Shopify sends permanent domains in lower case, and one spelling per tenant keeps
// records from splitting. DNS labels are at most 63 characters.
const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]{0,62}\.myshopify\.com$/;

export function parseShopDomain(value: unknown): ShopDomain | undefined {
  return typeof value === 'string' && SHOP_DOMAIN.test(value) ? (value as ShopDomain) : undefined;
}
