/**
 * The packaging catalog of each tenant: profiles by SKU or variant id (one document each at
 * (tenant, 'packaging', key)), the default box, the products RateBridge has heard of, the CSV import and
 * export, and the missing-dimensions report. The quote engine reads it through `profilesFor` and tells it
 * about unprofiled products through `recordSeenAtCheckout`.
 *
 * This file holds the contract (options and results); packaging-catalog.ts composes the operations, one
 * per file beside it.
 */
import type { Logger } from '../logger.js';
import type { Store } from '../storage/store.js';
import type { CsvProblem } from './packaging-csv.js';

export interface CatalogOptions {
  readonly store: Store;
  readonly logger: Logger;
  readonly now?: () => number;
  /** One checkout sighting per product is written at most this often (the quote path stays cheap). */
  readonly seenResolutionMs?: number;
}

/** A cart line as the quote engine knows it. */
export interface CatalogLine {
  readonly sku?: string;
  readonly variantId?: string;
}

export type CsvImportResult =
  | {
      readonly ok: true;
      readonly imported: number;
      readonly rows: number;
      readonly profiles: readonly string[];
    }
  | { readonly ok: false; readonly errors: readonly CsvProblem[]; readonly moreErrors: number };
