/**
 * Reads the whole file first; any problem on any line and nothing is written. Then each product's
 * profile is replaced by the file's. Products not in the file keep theirs. One import per tenant at a
 * time. (Profiles are separate documents: if the store fails half-way through writing, the rows
 * already written stay; importing the same file again completes it.)
 */
import { rbError } from '../errors.js';
import { readTenantLocations } from '../locations/location-record.js';
import type { JsonValue } from '../storage/store.js';
import { writeAll, type CatalogContext } from './catalog-context.js';
import type { CsvImportResult } from './catalog.js';
import { readPackagingCsv } from './packaging-csv/read-packaging-csv.js';
import type { PackagingProfile } from './packaging-profile.js';

const IMPORT_LOCK_MS = 5 * 60_000;

export async function importCsv(ctx: CatalogContext, tenant: string, text: string): Promise<CsvImportResult> {
  const { store } = ctx;
  const locations = await readTenantLocations(store, tenant);
  const read = readPackagingCsv(text, locations);
  if (!read.ok) return { ok: false, errors: read.problems, moreErrors: read.moreProblems };
  const lock = await store.acquireLock(`packaging-import:${tenant}`, IMPORT_LOCK_MS);
  if (!lock) {
    throw rbError('RB_ERR_IMPORT_IN_PROGRESS');
  }
  try {
    const at = ctx.iso();
    await writeAll(read.profiles, (draft) => {
      const profile: PackagingProfile = { ...draft, updatedAt: at };
      return store.putDoc(ctx.profileRef(tenant, draft.key), profile as unknown as JsonValue);
    });
  } finally {
    await store.releaseLock(lock);
  }
  ctx.logger.info({ tenant, profiles: read.profiles.length, rows: read.rows }, 'packaging CSV imported');
  return {
    ok: true,
    imported: read.profiles.length,
    rows: read.rows,
    profiles: read.profiles.map((profile) => profile.key),
  };
}
