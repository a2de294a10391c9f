/**
 * How big the shop's catalogue is, before reading it. `productsCount` and `productVariantsCount` stop at
 * their `limit` argument, 10,000 by default, and say so in `precision` (EXACT, or AT_LEAST when the limit
 * was reached); `limit: null` asks for no limit (Admin schema 2026-04, QueryRoot.productsCount, type Count).
 * The products count decides how the catalogue is read: cursor pagination stops at 25,000 objects
 * (https://shopify.dev/docs/api/usage/limits, "Pagination limits"), so a larger shop is read by a bulk
 * operation.
 */
import type { Session } from '@shopify/shopify-api';
import { z } from 'zod';
import { graphqlDocument, type CallOptions, type ShopifyApi, type ShopifyResult } from './shopify-api.js';

const count = z.object({ count: z.number().int().min(0), precision: z.enum(['EXACT', 'AT_LEAST']) });

export const CATALOGUE_COUNTS = graphqlDocument({
  text: `query RateBridgeCatalogueCounts {
  productsCount(limit: null) { count precision }
  productVariantsCount(limit: null) { count precision }
}`,
  variables: z.object({}),
  data: z.object({ productsCount: count.nullable(), productVariantsCount: count.nullable() }),
});

export interface CatalogueCounts {
  /** Exact product count, or undefined when Shopify gave only a lower bound (or none). */
  readonly products: number | undefined;
  /** At least this many products (what precision AT_LEAST means); 0 when unknown. */
  readonly productsAtLeast: number;
  readonly variants: number | undefined;
}

export async function catalogueCounts(
  api: ShopifyApi,
  session: Session,
  call?: CallOptions,
): Promise<ShopifyResult<CatalogueCounts>> {
  const result = await api.graphql(session, CATALOGUE_COUNTS, {}, call);
  if (!result.ok) return result;
  const { productsCount, productVariantsCount } = result.value;
  const exact = (value: z.infer<typeof count> | null) =>
    value?.precision === 'EXACT' ? value.count : undefined;
  return {
    ok: true,
    value: {
      products: exact(productsCount),
      productsAtLeast: productsCount?.count ?? 0,
      variants: exact(productVariantsCount),
    },
  };
}
