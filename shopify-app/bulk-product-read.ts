/**
 * Reading a catalogue past cursor pagination's 25,000-object ceiling: one bulk operation
 * (https://shopify.dev/docs/api/usage/bulk-operations/queries). `bulkOperationRunQuery(query)` starts it,
 * `bulkOperation(id)` is polled until COMPLETED (or FAILED, CANCELED, EXPIRED), and its `url` serves the
 * result as JSONL: one object a line, a nested connection's objects flattened with `__parentId` naming the
 * parent (a variant line names its product). The query has no `first`/`last` and is not costed; it must
 * still be valid for the Admin schema (the conformance test checks it, the fake Shopify refuses it if not).
 * `url` is null when the query matched nothing.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Session } from '@shopify/shopify-api';
import { z } from 'zod';
import type { ShopVariant, VariantsPage } from './product-variants-query.js';
import {
  graphqlDocument,
  type CallOptions,
  type ShopifyApi,
  type ShopifyFailure,
  type ShopifyResult,
} from './shopify-api.js';

/** Every product with every variant; the same fields as the paged read (product-variants-query.ts). */
export const BULK_PRODUCTS_QUERY = `{
  products {
    edges {
      node {
        id
        title
        variants {
          edges {
            node {
              id
              title
              sku
              inventoryItem { requiresShipping measurement { weight { unit value } } }
            }
          }
        }
      }
    }
  }
}`;

const userErrors = z.array(
  z.object({ field: z.array(z.string()).nullable(), message: z.string(), code: z.string().nullable() }),
);
const status = z.enum(['CANCELED', 'CANCELING', 'COMPLETED', 'CREATED', 'EXPIRED', 'FAILED', 'RUNNING']);

export const BULK_OPERATION_RUN = graphqlDocument({
  text: `mutation RateBridgeBulkProducts($query: String!) {
  bulkOperationRunQuery(query: $query) {
    bulkOperation { id status }
    userErrors { field message code }
  }
}`,
  variables: z.object({ query: z.literal(BULK_PRODUCTS_QUERY) }),
  data: z.object({
    bulkOperationRunQuery: z.object({
      bulkOperation: z.object({ id: z.string(), status }).nullable(),
      userErrors,
    }),
  }),
});

export const BULK_OPERATION_STATUS = graphqlDocument({
  text: `query RateBridgeBulkOperation($id: ID!) {
  bulkOperation(id: $id) { id status errorCode objectCount url }
}`,
  variables: z.object({ id: z.string().startsWith('gid://shopify/BulkOperation/') }),
  data: z.object({
    bulkOperation: z
      .object({
        id: z.string(),
        status,
        errorCode: z.string().nullable(),
        objectCount: z.union([z.string(), z.number()]),
        url: z.string().nullable(),
      })
      .nullable(),
  }),
});

export async function startBulkProductRead(
  api: ShopifyApi,
  session: Session,
  call?: CallOptions,
): Promise<ShopifyResult<string>> {
  const started = await api.graphql(session, BULK_OPERATION_RUN, { query: BULK_PRODUCTS_QUERY }, call);
  if (!started.ok) return started;
  const operation = started.value.bulkOperationRunQuery.bulkOperation;
  if (!operation) return { ok: false, failure: { kind: 'bad_response', message: 'No bulk operation.' } };
  return { ok: true, value: operation.id };
}

export interface BulkReadOptions {
  readonly pollMs: number;
  /** Fetches the result file (the caller decides which URLs it trusts). */
  readonly download: (url: string, signal: AbortSignal | undefined) => Promise<Response>;
  readonly signal?: AbortSignal;
  /** Variants per yielded page. */
  readonly batch?: number;
}

const productLine = z.object({ id: z.string().startsWith('gid://shopify/Product/'), title: z.string() });
const variantLine = z.object({
  id: z.string().startsWith('gid://shopify/ProductVariant/'),
  title: z.string(),
  sku: z.string().nullable(),
  inventoryItem: z.object({
    requiresShipping: z.boolean(),
    measurement: z.object({
      weight: z
        .object({ unit: z.enum(['GRAMS', 'KILOGRAMS', 'OUNCES', 'POUNDS']), value: z.number() })
        .nullable(),
    }),
  }),
  __parentId: z.string(),
});
type VariantLine = z.infer<typeof variantLine>;

/** The operation's variants, once it completed, `batch` at a time (cursor null: a bulk read has none). */
export async function* bulkProductVariants(
  api: ShopifyApi,
  session: Session,
  id: string,
  options: BulkReadOptions,
): AsyncGenerator<VariantsPage, void, undefined> {
  const finished = await resultUrl(api, session, id, options);
  if (!finished.ok) return yield finished;
  if (finished.value === null) return;
  const response = await options.download(finished.value, options.signal);
  if (!response.ok || !response.body) {
    return yield failure('unavailable', `The bulk result could not be read (HTTP ${response.status}).`);
  }
  yield* jsonlVariants(response.body as WebReadableStream, options.batch ?? 250);
}

/** Polls until the operation completed: its result URL (null when nothing matched), or why it ended. */
async function resultUrl(
  api: ShopifyApi,
  session: Session,
  id: string,
  options: BulkReadOptions,
): Promise<ShopifyResult<string | null>> {
  const call = options.signal ? { signal: options.signal } : {};
  for (;;) {
    const polled = await api.graphql(session, BULK_OPERATION_STATUS, { id }, call);
    if (!polled.ok) return polled;
    const operation = polled.value.bulkOperation;
    if (!operation) return failure('bad_response', 'Shopify no longer knows the bulk operation.');
    if (operation.status === 'COMPLETED') return { ok: true, value: operation.url };
    if (!['CREATED', 'RUNNING'].includes(operation.status)) {
      const code = operation.errorCode ?? 'no code';
      return failure('unavailable', `The bulk read ended ${operation.status} (${code}).`);
    }
    await sleep(options.pollMs, undefined, call);
  }
}

/** The JSONL's variants with their product's title, `size` at a time. */
async function* jsonlVariants(
  body: WebReadableStream,
  size: number,
): AsyncGenerator<VariantsPage, void, undefined> {
  const lines = createInterface({ input: Readable.fromWeb(body), crlfDelay: Infinity });
  const titles = new Map<string, string>();
  const orphans: VariantLine[] = [];
  let batch: ShopVariant[] = [];
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const value = parseLine(line);
    const product = productLine.safeParse(value);
    if (product.success && !('__parentId' in (value as object))) {
      titles.set(product.data.id, product.data.title);
      continue;
    }
    const variant = variantLine.safeParse(value);
    if (!variant.success)
      return yield failure('bad_response', 'The bulk result has a line of unknown shape.');
    // Shopify writes a parent before its children; a line that comes early waits for the end.
    if (!titles.has(variant.data.__parentId)) orphans.push(variant.data);
    else batch.push(toVariant(variant.data, titles));
    if (batch.length >= size) {
      yield { ok: true, variants: batch, cursor: null };
      batch = [];
    }
  }
  for (const variant of orphans) if (titles.has(variant.__parentId)) batch.push(toVariant(variant, titles));
  if (batch.length > 0) yield { ok: true, variants: batch, cursor: null };
}

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

function toVariant(line: VariantLine, titles: ReadonlyMap<string, string>): ShopVariant {
  return {
    productId: line.__parentId,
    productTitle: titles.get(line.__parentId) ?? '',
    variantId: line.id,
    variantTitle: line.title,
    sku: line.sku === '' ? null : line.sku,
    requiresShipping: line.inventoryItem.requiresShipping,
    weight: line.inventoryItem.measurement.weight,
  };
}

function failure(
  kind: 'bad_response' | 'unavailable',
  message: string,
): { ok: false; failure: ShopifyFailure } {
  return { ok: false, failure: { kind, message } };
}
