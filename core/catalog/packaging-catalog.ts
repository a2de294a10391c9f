/**
 * The packaging catalog of each tenant (the contract: catalog.ts). One operation per file in this
 * folder; this file only composes them over one shared context (catalog-context.ts).
 */
import { rbError } from '../errors.js';
import { readTenantLocations } from '../locations/location-record.js';
import { boxOperations } from './box-operations.js';
import { DEFAULT_BOX_REF, createCatalogContext, validKey } from './catalog-context.js';
import type { CatalogLine, CatalogOptions } from './catalog.js';
import { forgetProducts } from './forget-products.js';
import { importCsv } from './import-csv.js';
import { parseInput } from './input-error.js';
import { missingDimensionsReport } from './missing-dimensions-report.js';
import { writePackagingCsv } from './packaging-csv/write-packaging-csv.js';
import { defaultBoxSchema, type DefaultBox, type PackagingProfile } from './packaging-profile.js';
import type { ProductInput } from './product-record.js';
import { productRecords } from './product-records.js';
import { profilesForLines } from './profiles-for-lines.js';
import { recordProducts } from './record-products.js';
import { recordSeenAtCheckout } from './record-seen-at-checkout.js';
import { upsertProfile } from './upsert-profile.js';

const NOT_FOUND = 'Packaging for that product';

export function createCatalog(options: CatalogOptions) {
  const ctx = createCatalogContext(options);
  const { store } = ctx;
  return {
    async getProfile(tenant: string, key: string): Promise<PackagingProfile> {
      const found = await ctx.findProfile(tenant, validKey(key));
      if (!found) throw rbError('RB_ERR_NOT_FOUND', NOT_FOUND);
      return found;
    },
    upsertProfile: (tenant: string, key: string, input: unknown) => upsertProfile(ctx, tenant, key, input),
    async deleteProfile(tenant: string, key: string): Promise<void> {
      if (!(await store.deleteDoc(ctx.profileRef(tenant, validKey(key))))) {
        throw rbError('RB_ERR_NOT_FOUND', NOT_FOUND);
      }
    },
    /** Sorted by key. */
    async listProfiles(
      tenant: string,
      page: { readonly offset: number; readonly limit: number },
    ): Promise<{ profiles: PackagingProfile[]; total: number }> {
      const profiles = await ctx.allProfiles(tenant);
      return { profiles: profiles.slice(page.offset, page.offset + page.limit), total: profiles.length };
    },
    getDefaultBox: ctx.getDefaultBox,
    async setDefaultBox(tenant: string, input: unknown): Promise<DefaultBox> {
      const box = parseInput(defaultBoxSchema, input);
      await store.putDoc({ tenant, ...DEFAULT_BOX_REF }, box);
      return box;
    },
    ...boxOperations(ctx),
    /** What the quote engine reads: each cart line's profile, by line index (profiles-for-lines.ts). */
    profilesFor: (tenant: string, lines: readonly CatalogLine[]) => profilesForLines(ctx, tenant, lines),
    recordProducts: (tenant: string, products: readonly ProductInput[]) =>
      recordProducts(ctx, tenant, products),
    forgetProducts: (tenant: string, keys: readonly string[]) => forgetProducts(ctx, tenant, keys),
    productRecords: (tenant: string) => productRecords(ctx, tenant),
    recordSeenAtCheckout: (tenant: string, line: CatalogLine & { readonly grams?: number }) =>
      recordSeenAtCheckout(ctx, tenant, line),
    missingDimensionsReport: (tenant: string) => missingDimensionsReport(ctx, tenant),
    importCsv: (tenant: string, text: string) => importCsv(ctx, tenant, text),
    async exportCsv(tenant: string): Promise<string> {
      const [profiles, locations] = await Promise.all([
        ctx.allProfiles(tenant),
        readTenantLocations(store, tenant),
      ]);
      return writePackagingCsv(profiles, locations);
    },
  };
}

export type Catalog = ReturnType<typeof createCatalog>;
