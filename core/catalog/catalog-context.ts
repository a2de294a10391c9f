/**
 * What every catalog operation shares: its dependencies, the clock, and the reads they all make (a
 * profile, every profile, the default box, the boxes, the packing settings, a product record). Built once by packaging-catalog.ts; each
 * operation is a function of it in a file of its own.
 */
import type { JsonValue } from '../storage/store.js';
import { readParsedDoc } from '../storage/parsed-doc.js';
import type { CatalogOptions } from './catalog.js';
import { invalidInput } from './input-error.js';
import {
  parseProfileKey,
  skuKey,
  variantKey,
  type DefaultBox,
  type PackagingProfile,
  type ProfileKey,
} from './packaging-profile.js';
import type { Box, PackingSettings } from '../wire/admin-api-types.js';
import {
  boxRecordSchema,
  defaultBoxRecordSchema,
  packagingProfileSchema,
  packingSettingsRecordSchema,
} from '../wire/packaging-schema.js';
import { productRecordSchema, type ProductRecord } from './product-record.js';

export const PROFILE_KIND = 'packaging';
export const PRODUCT_KIND = 'products';
export const DEFAULT_BOX_REF = { kind: 'packaging-settings', id: 'default-box' } as const;
export const PACKING_SETTINGS_REF = { kind: 'packaging-settings', id: 'packing' } as const;
/** The merchant's boxes, one document each by id. */
export const BOX_KIND = 'packaging-boxes';
const WRITE_CONCURRENCY = 32;

type ProfileParse = ReturnType<typeof packagingProfileSchema.safeParse>;
const parseProfile = (raw: JsonValue | undefined): ProfileParse | undefined =>
  raw === undefined ? undefined : packagingProfileSchema.safeParse(raw);

export function createCatalogContext(options: CatalogOptions) {
  const { store, logger } = options;
  const now = options.now ?? Date.now;
  const profileRef = (tenant: string, key: string) => ({ tenant, kind: PROFILE_KIND, id: key });

  function readProfile(
    tenant: string,
    key: string,
    raw: JsonValue | undefined,
  ): PackagingProfile | undefined {
    if (raw === undefined) return undefined;
    return reported(tenant, key, packagingProfileSchema.safeParse(raw));
  }

  function reported(tenant: string, key: string, parsed: ProfileParse): PackagingProfile | undefined {
    if (parsed.success) return parsed.data;
    // A document this code cannot read is reported, and treated as absent rather than failing a checkout.
    logger.warn({ tenant, key, issues: parsed.error.issues.length }, 'unreadable packaging profile ignored');
    return undefined;
  }

  return {
    store,
    logger,
    iso: () => new Date(now()).toISOString(),
    seenResolution: options.seenResolutionMs ?? 60 * 60_000,
    profileRef,

    /** Parsed once per stored version (parsed-doc.ts): a checkout reads each line's profile. */
    async findProfile(tenant: string, key: string): Promise<PackagingProfile | undefined> {
      const parsed = await readParsedDoc(store, profileRef(tenant, key), parseProfile);
      return parsed && reported(tenant, key, parsed);
    },

    /** Sorted by key. */
    async allProfiles(tenant: string): Promise<PackagingProfile[]> {
      const docs = await store.listDocs(tenant, PROFILE_KIND);
      return [...docs]
        .flatMap(([key, raw]) => readProfile(tenant, key, raw) ?? [])
        .sort((a, b) => compare(a.key, b.key));
    },

    async getDefaultBox(tenant: string): Promise<DefaultBox | undefined> {
      const raw = await store.getDoc({ tenant, ...DEFAULT_BOX_REF });
      if (raw === undefined) return undefined;
      const parsed = defaultBoxRecordSchema.safeParse(raw);
      if (!parsed.success) logger.warn({ tenant }, 'unreadable default box ignored');
      return parsed.success ? parsed.data : undefined;
    },

    /** Smallest inside first, then by id: the order the admin lists them in. Unreadable ones are skipped. */
    async boxes(tenant: string): Promise<Box[]> {
      const docs = await store.listDocs(tenant, BOX_KIND);
      const boxes = [...docs].flatMap(([id, raw]) => {
        const parsed = boxRecordSchema.safeParse(raw);
        if (!parsed.success) logger.warn({ tenant, id }, 'unreadable box ignored');
        return parsed.success ? [parsed.data] : [];
      });
      return boxes.sort((a, b) => compare(a.id, b.id));
    },

    async packingSettings(tenant: string): Promise<PackingSettings> {
      const parsed = packingSettingsRecordSchema.safeParse(
        (await store.getDoc({ tenant, ...PACKING_SETTINGS_REF })) ?? {},
      );
      if (!parsed.success) logger.warn({ tenant }, 'unreadable packing settings ignored');
      return parsed.success ? parsed.data : packingSettingsRecordSchema.parse({});
    },
  };
}

export type CatalogContext = ReturnType<typeof createCatalogContext>;

export function validKey(key: string): ProfileKey {
  if (parseProfileKey(key) === undefined) {
    throw invalidInput([{ path: 'key', message: 'A packaging key is sku:<SKU> or variant:<variant id>.' }]);
  }
  return key as ProfileKey;
}

/** Writes a few dozen at a time, so a large import neither serialises nor floods the store. */
export async function writeAll<T>(items: readonly T[], write: (item: T) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < items.length; start += WRITE_CONCURRENCY) {
    await Promise.all(items.slice(start, start + WRITE_CONCURRENCY).map(write));
  }
}

export function productKey(product: { readonly sku?: string; readonly variantId?: string }): string {
  return product.variantId !== undefined ? variantKey(product.variantId) : skuKey(product.sku ?? '');
}

export function readProduct(raw: JsonValue | undefined): ProductRecord {
  const parsed = productRecordSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : {};
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
