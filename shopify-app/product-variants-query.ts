/**
 * Reading the shop's catalogue for packaging profiles: every variant with its SKU, whether it ships, and its
 * weight. Since Admin API 2024-04 a variant's weight lives on its inventory item:
 * `inventoryItem { requiresShipping measurement { weight { unit value } } }`, unit one of GRAMS, KILOGRAMS,
 * OUNCES, POUNDS.
 *
 * Every page stays under Shopify's single-query limit of 1,000 cost points (a connection costs 2 plus
 * `first` times one object's cost; test/shopify-app/graphql-documents.test.ts computes each document's cost
 * against the Admin schema). A variant as read here costs 4 (itself, inventoryItem, measurement, weight), so
 * a products page is 50 products with their first 4 variants (2 + 50 × (1 + 2 + 4 × 4) = 952), and a
 * product with more variants is finished with its own pages of 240 (1 + 2 + 240 × 4 = 963):
 * `product(id) { variants(after) }`. Each yielded page carries the products cursor it ends at, so a sync
 * that stopped can go on from there.
 */
import type { Session } from '@shopify/shopify-api';
import { z } from 'zod';
import {
  graphqlDocument,
  type CallOptions,
  type ShopifyApi,
  type ShopifyFailure,
  type ShopifyResult,
} from './shopify-api.js';

/** Variants of a product's own pages. */
export const VARIANTS_PER_PAGE = 240;
export const PRODUCTS_PER_PAGE = 50;
/** Variants read with each product on the products page; the rest come from the product's own pages. */
export const VARIANTS_WITH_PRODUCT = 4;

const pageInfo = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() });
const weight = z.object({
  unit: z.enum(['GRAMS', 'KILOGRAMS', 'OUNCES', 'POUNDS']),
  value: z.number(),
});
const variantNode = z.object({
  id: z.string(),
  title: z.string(),
  sku: z.string().nullable(),
  inventoryItem: z.object({
    requiresShipping: z.boolean(),
    measurement: z.object({ weight: weight.nullable() }),
  }),
});
const variantConnection = z.object({ nodes: z.array(variantNode), pageInfo });

const VARIANT_FIELDS = `nodes {
        id
        title
        sku
        inventoryItem { requiresShipping measurement { weight { unit value } } }
      }
      pageInfo { hasNextPage endCursor }`;

export const PRODUCTS_PAGE = graphqlDocument({
  text: `query RateBridgeProducts($first: Int!, $after: String, $variantsFirst: Int!) {
  products(first: $first, after: $after) {
    nodes {
      id
      title
      variants(first: $variantsFirst) {
      ${VARIANT_FIELDS}
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}`,
  variables: z.object({
    first: z.number().int().min(1).max(PRODUCTS_PER_PAGE),
    after: z.string().nullable(),
    variantsFirst: z.number().int().min(1).max(VARIANTS_WITH_PRODUCT),
  }),
  data: z.object({
    products: z.object({
      nodes: z.array(z.object({ id: z.string(), title: z.string(), variants: variantConnection })),
      pageInfo,
    }),
  }),
});

export const PRODUCT_VARIANTS_PAGE = graphqlDocument({
  text: `query RateBridgeProductVariants($id: ID!, $first: Int!, $after: String) {
  product(id: $id) {
    variants(first: $first, after: $after) {
      ${VARIANT_FIELDS}
    }
  }
}`,
  variables: z.object({
    id: z.string().startsWith('gid://shopify/Product/'),
    first: z.number().int().min(1).max(VARIANTS_PER_PAGE),
    after: z.string().nullable(),
  }),
  data: z.object({ product: z.object({ variants: variantConnection }).nullable() }),
});

export interface ShopVariant {
  readonly productId: string;
  readonly productTitle: string;
  readonly variantId: string;
  readonly variantTitle: string;
  readonly sku: string | null;
  readonly requiresShipping: boolean;
  readonly weight: { readonly unit: z.infer<typeof weight>['unit']; readonly value: number } | null;
}

export type VariantsPage =
  | {
      readonly ok: true;
      readonly variants: readonly ShopVariant[];
      /** Where the next page starts (`after`); null once the last products page is read. */
      readonly cursor: string | null;
    }
  | { readonly ok: false; readonly failure: ShopifyFailure };

/**
 * Every variant of the shop, a page of products at a time, starting after `from` (a cursor a page yielded
 * earlier). Stops at the first failure, yielding it; a page is yielded only once all its products' variants
 * are read, so its cursor is a safe place to resume.
 */
export async function* shopVariants(
  api: ShopifyApi,
  session: Session,
  call?: CallOptions,
  from: string | null = null,
): AsyncGenerator<VariantsPage, void, undefined> {
  let after: string | null = from;
  for (;;) {
    const page: ShopifyResult<z.output<typeof PRODUCTS_PAGE.data>> = await api.graphql(
      session,
      PRODUCTS_PAGE,
      { first: PRODUCTS_PER_PAGE, after, variantsFirst: VARIANTS_WITH_PRODUCT },
      call,
    );
    if (!page.ok) {
      yield page;
      return;
    }
    const variants: ShopVariant[] = [];
    for (const product of page.value.products.nodes) {
      variants.push(...product.variants.nodes.map((node) => toVariant(product, node)));
      let more = product.variants.pageInfo;
      while (more.hasNextPage) {
        const next = await api.graphql(
          session,
          PRODUCT_VARIANTS_PAGE,
          { id: product.id, first: VARIANTS_PER_PAGE, after: more.endCursor },
          call,
        );
        if (!next.ok) {
          yield next;
          return;
        }
        if (next.value.product === null) break;
        variants.push(...next.value.product.variants.nodes.map((node) => toVariant(product, node)));
        more = next.value.product.variants.pageInfo;
      }
    }
    const { hasNextPage, endCursor } = page.value.products.pageInfo;
    yield { ok: true, variants, cursor: hasNextPage ? endCursor : null };
    if (!hasNextPage) return;
    after = endCursor;
  }
}

function toVariant(
  product: { readonly id: string; readonly title: string },
  node: z.infer<typeof variantNode>,
): ShopVariant {
  return {
    productId: product.id,
    productTitle: product.title,
    variantId: node.id,
    variantTitle: node.title,
    sku: node.sku === '' ? null : node.sku,
    requiresShipping: node.inventoryItem.requiresShipping,
    weight: node.inventoryItem.measurement.weight,
  };
}
