/**
 * The packaging catalog of each tenant: profiles by SKU or variant id (one document each at
 * (tenant, 'packaging', key)), the default box, the products RateBridge has heard of, the CSV import and
 * export, and the missing-dimensions report. The quote engine reads it through `profilesFor` and tells it
 * about unprofiled products through `recordSeenAtCheckout`.
 */
import { RateBridgeError, rbError } from '../errors.js';
import type { Logger } from '../logger.js';
import { readTenantLocations } from '../locations/location-record.js';
import type { JsonValue, Store } from '../storage/store.js';
import { invalidInput, parseInput } from './input-error.js';
import { missingDimensions, type MissingDimensionsItem } from './missing-dimensions.js';
import { readPackagingCsv, writePackagingCsv, type CsvProblem } from './packaging-csv.js';
import {
  defaultBoxSchema,
  parseProfileKey,
  profileInputSchema,
  skuKey,
  variantKey,
  type DefaultBox,
  type PackagingProfile,
  type ProfileKey,
} from './packaging-profile.js';
import { defaultBoxRecordSchema, packagingProfileSchema } from '../wire/packaging-schema.js';
import {
  cleanProduct,
  productRecordSchema,
  type ProductInput,
  type ProductRecord,
} from './product-record.js';

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

const PROFILE_KIND = 'packaging';
const PRODUCT_KIND = 'products';
const DEFAULT_BOX_REF = { kind: 'packaging-settings', id: 'default-box' } as const;
const WRITE_CONCURRENCY = 32;
const IMPORT_LOCK_MS = 5 * 60_000;

export function createCatalog(options: CatalogOptions) {
  const { store, logger } = options;
  const now = options.now ?? Date.now;
  const iso = () => new Date(now()).toISOString();
  const seenResolution = options.seenResolutionMs ?? 60 * 60_000;
  const profileRef = (tenant: string, key: string) => ({ tenant, kind: PROFILE_KIND, id: key });

  function readProfile(
    tenant: string,
    key: string,
    raw: JsonValue | undefined,
  ): PackagingProfile | undefined {
    if (raw === undefined) return undefined;
    const parsed = packagingProfileSchema.safeParse(raw);
    if (parsed.success) return parsed.data;
    // A document this code cannot read is reported, and treated as absent rather than failing a checkout.
    logger.warn({ tenant, key, issues: parsed.error.issues.length }, 'unreadable packaging profile ignored');
    return undefined;
  }

  function validKey(key: string): ProfileKey {
    if (parseProfileKey(key) === undefined) {
      throw invalidInput([{ path: 'key', message: 'A packaging key is sku:<SKU> or variant:<variant id>.' }]);
    }
    return key as ProfileKey;
  }

  async function allProfiles(tenant: string): Promise<PackagingProfile[]> {
    const docs = await store.listDocs(tenant, PROFILE_KIND);
    return [...docs]
      .flatMap(([key, raw]) => readProfile(tenant, key, raw) ?? [])
      .sort((a, b) => compare(a.key, b.key));
  }

  async function findProfile(tenant: string, key: string): Promise<PackagingProfile | undefined> {
    return readProfile(tenant, key, await store.getDoc(profileRef(tenant, key)));
  }

  async function writeAll<T>(items: readonly T[], write: (item: T) => Promise<unknown>): Promise<void> {
    for (let start = 0; start < items.length; start += WRITE_CONCURRENCY) {
      await Promise.all(items.slice(start, start + WRITE_CONCURRENCY).map(write));
    }
  }

  async function getDefaultBox(tenant: string): Promise<DefaultBox | undefined> {
    const raw = await store.getDoc({ tenant, ...DEFAULT_BOX_REF });
    if (raw === undefined) return undefined;
    const parsed = defaultBoxRecordSchema.safeParse(raw);
    if (!parsed.success) logger.warn({ tenant }, 'unreadable default box ignored');
    return parsed.success ? parsed.data : undefined;
  }

  return {
    async getProfile(tenant: string, key: string): Promise<PackagingProfile> {
      const found = await findProfile(tenant, validKey(key));
      if (!found) throw rbError('RB_ERR_NOT_FOUND', 'Packaging for that product');
      return found;
    },

    /** Replaces the profile at `key` (packages, locations, consolidation) with `input`. */
    async upsertProfile(tenant: string, key: string, input: unknown): Promise<PackagingProfile> {
      const profileKey = validKey(key);
      const body = parseInput(profileInputSchema, input);
      const known = new Set((await readTenantLocations(store, tenant)).map((location) => location.id));
      const unknown = body.locationIds.flatMap((id, index) =>
        known.has(id)
          ? []
          : [{ path: `locationIds.${index}`, message: `There is no pickup location ${id}.` }],
      );
      if (unknown.length > 0) throw invalidInput(unknown);
      const parsed = parseProfileKey(profileKey);
      const existing = await findProfile(tenant, profileKey);
      const profile: PackagingProfile = {
        key: profileKey,
        // A variant profile keeps the SKU it was imported with, for the export.
        ...(parsed?.kind === 'sku' ? { sku: parsed.sku } : existing?.sku ? { sku: existing.sku } : {}),
        ...(parsed?.kind === 'variant' ? { variantId: parsed.variantId } : {}),
        packages: body.packages,
        locationIds: [...new Set(body.locationIds)],
        consolidatable: body.consolidatable,
        updatedAt: iso(),
      };
      await store.putDoc(profileRef(tenant, profileKey), profile as unknown as JsonValue);
      return profile;
    },

    async deleteProfile(tenant: string, key: string): Promise<void> {
      if (!(await store.deleteDoc(profileRef(tenant, validKey(key))))) {
        throw rbError('RB_ERR_NOT_FOUND', 'Packaging for that product');
      }
    },

    /** Sorted by key. */
    async listProfiles(
      tenant: string,
      page: { readonly offset: number; readonly limit: number },
    ): Promise<{ profiles: PackagingProfile[]; total: number }> {
      const profiles = await allProfiles(tenant);
      return { profiles: profiles.slice(page.offset, page.offset + page.limit), total: profiles.length };
    },

    getDefaultBox,

    async setDefaultBox(tenant: string, input: unknown): Promise<DefaultBox> {
      const box = parseInput(defaultBoxSchema, input);
      await store.putDoc({ tenant, ...DEFAULT_BOX_REF }, box);
      return box;
    },

    /**
     * The profile of each cart line that has one, by line index: the variant's profile, else the SKU's.
     * Location ids of deleted locations are dropped (empty then means the default location).
     */
    async profilesFor(tenant: string, lines: readonly CatalogLine[]): Promise<Map<number, PackagingProfile>> {
      const candidates = lines.map((line) => lineKeys(line));
      const keys = [...new Set(candidates.flat())];
      const found = new Map<string, PackagingProfile>();
      await Promise.all(
        keys.map(async (key) => {
          const profile = await findProfile(tenant, key);
          if (profile) found.set(key, profile);
        }),
      );
      const result = new Map<number, PackagingProfile>();
      if (found.size === 0) return result;
      const needsLocations = [...found.values()].some((profile) => profile.locationIds.length > 0);
      const existing = needsLocations
        ? new Set((await readTenantLocations(store, tenant)).map((location) => location.id))
        : new Set<string>();
      for (const [index, lineCandidates] of candidates.entries()) {
        const profile = lineCandidates.map((key) => found.get(key)).find(Boolean);
        if (!profile) continue;
        const locationIds = profile.locationIds.filter((id) => existing.has(id));
        result.set(
          index,
          locationIds.length === profile.locationIds.length ? profile : { ...profile, locationIds },
        );
      }
      return result;
    },

    /** From the front ends' product sync: what the shop says each product is. Returns how many were kept. */
    async recordProducts(tenant: string, products: readonly ProductInput[]): Promise<number> {
      const at = iso();
      const cleaned = products.flatMap((input) => cleanProduct(input) ?? []);
      await writeAll(cleaned, (product) =>
        store.updateDoc({ tenant, kind: PRODUCT_KIND, id: productKey(product) }, (raw) => {
          const current = readProduct(raw);
          return { ...current, ...product, syncedAt: at } as JsonValue;
        }),
      );
      return cleaned.length;
    },

    /**
     * The shop no longer has these products (deleted, trashed, or gone at a full sync): their records go,
     * so the missing-dimensions report stops listing them. Profiles are the caller's to remove. Returns
     * how many records there were.
     */
    async forgetProducts(tenant: string, keys: readonly string[]): Promise<number> {
      let removed = 0;
      await writeAll(keys, async (key) => {
        if (await store.deleteDoc({ tenant, kind: PRODUCT_KIND, id: key })) removed += 1;
      });
      return removed;
    },

    /** Every product record, by key (what a front end's full sync compares with the shop). */
    async productRecords(tenant: string): Promise<Map<string, ProductRecord>> {
      const docs = await store.listDocs(tenant, PRODUCT_KIND);
      return new Map([...docs].map(([key, raw]) => [key, readProduct(raw)]));
    },

    /**
     * The quote engine met a line without a profile. Cheap and idempotent: one write per product per
     * `seenResolutionMs`; never throws (a checkout must not fail for bookkeeping).
     */
    async recordSeenAtCheckout(
      tenant: string,
      line: CatalogLine & { readonly grams?: number },
    ): Promise<void> {
      const product = cleanProduct(line);
      if (!product) return;
      const key = productKey(product);
      try {
        if (!(await store.cacheSetIfAbsent(`catalog-seen:${tenant}:${key}`, 1, seenResolution))) return;
        const at = iso();
        await store.updateDoc({ tenant, kind: PRODUCT_KIND, id: key }, (raw) => {
          const current = readProduct(raw);
          // The product sync's facts win over a checkout's; a checkout only fills gaps.
          return { ...product, ...current, lastSeenAtCheckout: at } as JsonValue;
        });
      } catch (error) {
        logger.warn({ err: error, tenant, key }, 'recording a product seen at checkout failed');
      }
    },

    async missingDimensionsReport(
      tenant: string,
    ): Promise<{ items: MissingDimensionsItem[]; total: number }> {
      const [productDocs, profiles, defaultBox] = await Promise.all([
        store.listDocs(tenant, PRODUCT_KIND),
        allProfiles(tenant),
        getDefaultBox(tenant),
      ]);
      const products = new Map<string, ProductRecord>();
      for (const [key, raw] of productDocs) products.set(key, readProduct(raw));
      const items = missingDimensions(
        products,
        new Map(profiles.map((profile) => [profile.key, profile])),
        defaultBox,
      );
      return { items, total: items.length };
    },

    /**
     * Reads the whole file first; any problem on any line and nothing is written. Then each product's
     * profile is replaced by the file's. Products not in the file keep theirs. One import per tenant at a
     * time. (Profiles are separate documents: if the store fails half-way through writing, the rows
     * already written stay; importing the same file again completes it.)
     */
    async importCsv(tenant: string, text: string): Promise<CsvImportResult> {
      const locations = await readTenantLocations(store, tenant);
      const read = readPackagingCsv(text, locations);
      if (!read.ok) return { ok: false, errors: read.problems, moreErrors: read.moreProblems };
      const lock = await store.acquireLock(`packaging-import:${tenant}`, IMPORT_LOCK_MS);
      if (!lock) {
        throw new RateBridgeError(
          'RB_ERR_CONFLICT',
          'Another packaging import for this store is still running. Wait for it to finish, then try again.',
        );
      }
      try {
        const at = iso();
        await writeAll(read.profiles, (draft) => {
          const profile: PackagingProfile = { ...draft, updatedAt: at };
          return store.putDoc(profileRef(tenant, draft.key), profile as unknown as JsonValue);
        });
      } finally {
        await store.releaseLock(lock);
      }
      logger.info({ tenant, profiles: read.profiles.length, rows: read.rows }, 'packaging CSV imported');
      return {
        ok: true,
        imported: read.profiles.length,
        rows: read.rows,
        profiles: read.profiles.map((profile) => profile.key),
      };
    },

    async exportCsv(tenant: string): Promise<string> {
      const [profiles, locations] = await Promise.all([
        allProfiles(tenant),
        readTenantLocations(store, tenant),
      ]);
      return writePackagingCsv(profiles, locations);
    },
  };
}

export type Catalog = ReturnType<typeof createCatalog>;

function lineKeys(line: CatalogLine): ProfileKey[] {
  const keys: ProfileKey[] = [];
  const variantId = line.variantId?.trim();
  const sku = line.sku?.trim();
  if (variantId) keys.push(variantKey(variantId));
  if (sku) keys.push(skuKey(sku));
  return keys;
}

function productKey(product: { readonly sku?: string; readonly variantId?: string }): string {
  return product.variantId !== undefined ? variantKey(product.variantId) : skuKey(product.sku ?? '');
}

function readProduct(raw: JsonValue | undefined): ProductRecord {
  const parsed = productRecordSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : {};
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
