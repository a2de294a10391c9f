/**
 * Conformance of every GraphQL document the Shopify app sends, without the fake: each is found among the
 * exports of shopify-app/, validated against Shopify's Admin schema (the shared reference, graphql-js
 * `validate`), its largest variables coerced by the schema and accepted by the document's own zod schema,
 * and its requested cost, by Shopify's published rules (test/support/shopify-query-cost.ts), is within the
 * single-query limit of 1,000. The bulk operation's inner query is validated too.
 */
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { getVariableValues, parse, validate, type OperationDefinitionNode } from 'graphql';

import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { BULK_PRODUCTS_QUERY } from '../../shopify-app/bulk-product-read.js';
import {
  PRODUCTS_PER_PAGE,
  VARIANTS_PER_PAGE,
  VARIANTS_WITH_PRODUCT,
} from '../../shopify-app/product-variants-query.js';
import type { GraphqlDocument } from '../../shopify-app/shopify-api.js';
import { requestedQueryCost, SINGLE_QUERY_MAX_COST } from '../support/shopify-query-cost.js';
import { shopifySchema } from '../support/shopify-schema.js';

const schema = shopifySchema();
const APP_DIR = fileURLToPath(new URL('../../shopify-app/', import.meta.url));
const SERVICE = 'gid://shopify/DeliveryCarrierService/1';

/** The largest variables the app sends with each document (by operation name), and the cost they make. */
const LARGEST: Record<string, { readonly variables: Record<string, unknown>; readonly cost: number }> = {
  RateBridgeProducts: {
    variables: { first: PRODUCTS_PER_PAGE, after: 'eyJsYXN0IjoxfQ', variantsFirst: VARIANTS_WITH_PRODUCT },
    // 2 + 50 × (product 1 + variants 2 + 4 × (variant 1 + inventoryItem 1 + measurement 1 + weight 1))
    cost: 952,
  },
  RateBridgeProductVariants: {
    variables: { id: 'gid://shopify/Product/1', first: VARIANTS_PER_PAGE, after: 'eyJsYXN0IjoxfQ' },
    cost: 963,
  },
  RateBridgeCatalogueCounts: { variables: {}, cost: 2 },
  // The owner check of #19: one object, two scalars.
  RateBridgeStaffMember: { variables: { id: 'gid://shopify/StaffMember/902541635' }, cost: 1 },
  RateBridgeCarrierService: { variables: { id: SERVICE }, cost: 1 },
  RateBridgeCarrierServiceCreate: {
    variables: {
      input: {
        name: 'RateBridge live freight rates',
        callbackUrl: 'https://ratebridge.example.com/shopify/carrier-service/key',
        active: true,
        supportsServiceDiscovery: true,
      },
    },
    cost: 12,
  },
  RateBridgeCarrierServiceUpdate: {
    variables: {
      input: {
        id: SERVICE,
        name: 'RateBridge live freight rates',
        callbackUrl: 'https://ratebridge.example.com/shopify/carrier-service/key',
        active: true,
      },
    },
    cost: 12,
  },
  RateBridgeCarrierServiceDelete: { variables: { id: SERVICE }, cost: 11 },
  RateBridgeBulkProducts: { variables: { query: BULK_PRODUCTS_QUERY }, cost: 12 },
  RateBridgeBulkOperation: { variables: { id: 'gid://shopify/BulkOperation/1' }, cost: 1 },
};

const isDocument = (value: unknown): value is GraphqlDocument =>
  value !== null &&
  typeof value === 'object' &&
  typeof (value as { text?: unknown }).text === 'string' &&
  typeof (value as { variables?: { safeParse?: unknown } }).variables?.safeParse === 'function' &&
  typeof (value as { data?: { safeParse?: unknown } }).data?.safeParse === 'function';

async function appDocuments() {
  const files = (await readdir(APP_DIR)).filter((file) => file.endsWith('.ts'));
  const found = new Map<string, { document: GraphqlDocument; file: string }>();
  let declared = 0;
  for (const file of files) {
    declared += ((await readFile(`${APP_DIR}${file}`, 'utf8')).match(/=\s*graphqlDocument\(/g) ?? []).length;
    const module = (await import(`${APP_DIR}${file}`)) as Record<string, unknown>;
    for (const value of Object.values(module)) {
      if (!isDocument(value)) continue;
      const operation = parse(value.text).definitions[0] as OperationDefinitionNode;
      found.set(operation.name?.value ?? '(anonymous)', { document: value, file });
    }
  }
  return { found, declared };
}

describe.skipIf(!schema)('every GraphQL document the Shopify app sends', async () => {
  const { found, declared } = await appDocuments();

  it('is exported where the test finds it, and has its largest variables listed here', () => {
    expect(found.size).toBe(declared);
    expect([...found.keys()].sort()).toEqual(Object.keys(LARGEST).sort());
  });

  for (const [name, { document, file }] of found) {
    it(`${name} (${file}) is valid for the Admin schema and costs at most ${SINGLE_QUERY_MAX_COST}`, () => {
      const reference = schema!;
      const parsed = parse(document.text);
      expect(validate(reference, parsed).map((error) => error.message)).toEqual([]);
      const largest = LARGEST[name]!;
      // The app would send these (its own schema accepts them), and Shopify would accept them as typed.
      expect((document.variables as z.ZodType).safeParse(largest.variables).success).toBe(true);
      const operation = parsed.definitions[0] as OperationDefinitionNode;
      const coerced = getVariableValues(reference, operation.variableDefinitions ?? [], largest.variables);
      expect(coerced.errors?.map((error) => error.message)).toBeUndefined();
      const cost = requestedQueryCost(reference, parsed, largest.variables);
      expect(cost).toBe(largest.cost);
      expect(cost).toBeLessThanOrEqual(SINGLE_QUERY_MAX_COST);
    });
  }

  it('never goes past its page sizes: the zod schemas refuse one more', () => {
    const products = found.get('RateBridgeProducts')!.document.variables as z.ZodType;
    const variants = found.get('RateBridgeProductVariants')!.document.variables as z.ZodType;
    const base = LARGEST.RateBridgeProducts!.variables;
    expect(products.safeParse({ ...base, first: PRODUCTS_PER_PAGE + 1 }).success).toBe(false);
    expect(products.safeParse({ ...base, variantsFirst: VARIANTS_WITH_PRODUCT + 1 }).success).toBe(false);
    const page = LARGEST.RateBridgeProductVariants!.variables;
    expect(variants.safeParse({ ...page, first: VARIANTS_PER_PAGE + 1 }).success).toBe(false);
  });

  it('includes the bulk read, whose inner query is valid for the Admin schema', () => {
    expect(validate(schema!, parse(BULK_PRODUCTS_QUERY)).map((error) => error.message)).toEqual([]);
  });
});

describe.skipIf(!schema)('the query cost calculator', () => {
  const cost = (text: string, variables: Record<string, unknown> = {}) =>
    requestedQueryCost(schema!, parse(text), variables);

  it('prices by Shopify’s rules: scalars 0, objects 1, connections 2 + first × one node, mutations 10', () => {
    expect(cost('{ shop { name currencyCode } }')).toBe(1);
    expect(cost('{ products(first: 10) { edges { node { title } } pageInfo { hasNextPage } } }')).toBe(12);
    expect(cost('{ products(last: 10) { nodes { title variants(first: 5) { nodes { sku } } } } }')).toBe(
      2 + 10 * (1 + 2 + 5),
    );
    expect(
      cost('mutation { carrierServiceDelete(id: "gid://shopify/DeliveryCarrierService/1") { deletedId } }'),
    ).toBe(10);
  });

  it('finds the product page RateBridge used to send far over the limit', () => {
    const before = `query ($first: Int!, $variantsFirst: Int!) {
      products(first: $first) { nodes { id title variants(first: $variantsFirst) {
        nodes { id title sku inventoryItem { requiresShipping measurement { weight { unit value } } } }
        pageInfo { hasNextPage endCursor } } } pageInfo { hasNextPage endCursor } } }`;
    expect(cost(before, { first: 50, variantsFirst: 250 })).toBe(2 + 50 * (1 + 2 + 250 * 4));
    expect(cost(before, { first: 50, variantsFirst: 250 })).toBeGreaterThan(SINGLE_QUERY_MAX_COST);
  });
});
