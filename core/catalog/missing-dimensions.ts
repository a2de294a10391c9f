/**
 * The missing-dimensions report: every product RateBridge knows of (from product sync or from checkouts)
 * that has no packaging profile, or a profile without packages, with what checkout does about it. Products
 * seen at checkout come first: those are costing the merchant estimated or fallback rates today.
 */
import { decimalText, toKilograms } from './units.js';
import type { DefaultBox, PackagingProfile, ProfileKey } from './packaging-profile.js';
import { skuKey, variantKey } from './packaging-profile.js';
import type { ProductRecord } from './product-record.js';
import type { MissingDimensionsItem } from '../wire/admin-api-types.js';

export type { MissingDimensionsItem } from '../wire/admin-api-types.js';

export function missingDimensions(
  products: ReadonlyMap<string, ProductRecord>,
  profiles: ReadonlyMap<string, PackagingProfile>,
  defaultBox: DefaultBox | undefined,
): MissingDimensionsItem[] {
  const items: MissingDimensionsItem[] = [];
  for (const [key, product] of products) {
    const candidates: ProfileKey[] = [];
    if (product.variantId !== undefined) candidates.push(variantKey(product.variantId));
    if (product.sku !== undefined) candidates.push(skuKey(product.sku));
    const profile = candidates.map((candidate) => profiles.get(candidate)).find(Boolean);
    if (profile && profile.packages.length > 0) continue;
    items.push({
      key,
      ...(product.sku === undefined ? {} : { sku: product.sku }),
      ...(product.variantId === undefined ? {} : { variantId: product.variantId }),
      ...(product.title === undefined ? {} : { title: product.title }),
      ...(product.grams === undefined ? {} : { grams: product.grams }),
      reason: profile ? 'no_packages' : 'no_profile',
      message: explain(profile !== undefined, product.grams, defaultBox),
      ...(product.lastSeenAtCheckout === undefined ? {} : { lastSeenAtCheckout: product.lastSeenAtCheckout }),
    });
  }
  return items.sort((a, b) => {
    const seen = (b.lastSeenAtCheckout ?? '').localeCompare(a.lastSeenAtCheckout ?? '');
    return seen !== 0 ? seen : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  });
}

function explain(hasProfile: boolean, grams: number | undefined, box: DefaultBox | undefined): string {
  const what = hasProfile ? 'Its packaging lists no packages' : 'It has no packaging';
  if (grams !== undefined && grams > 0 && box) {
    return `${what}: checkout prices it as ${decimalText(toKilograms(grams, 'g') ?? 0)} kg (the shop weight) in your default ${box.type}, marked as an estimate. Add its packages for exact rates.`;
  }
  if (grams !== undefined && grams > 0) {
    return `${what} and you have no default box: checkout shows your fallback rates for carts with it. Add its packages, or set a default box.`;
  }
  return `${what} and the shop gives no weight: checkout shows your fallback rates for carts with it. Add its packages.`;
}
