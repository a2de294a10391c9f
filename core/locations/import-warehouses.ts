/**
 * Imports the warehouses of a connection's account in one call (MachShip company locations; the
 * sandbox's demo warehouses too). Safe to repeat: a warehouse already linked is left as the merchant
 * has it; one at the address of an existing location is linked to it rather than duplicated. Only a
 * platform whose pickup reference is its warehouse (`pickupRef.kind`) links; the others just create.
 */
import type { FreightPlatform, PlatformWarehouse } from '../platforms/freight-platform.js';
import { connectionFor, warehousesOf } from './account-warehouses.js';
import { checkAddress, type LocalityReference } from './address-check.js';
import { applyWarehouseImport, classify, type ImportCandidate } from './apply-warehouse-import.js';
import type { LocationContext } from './location-context.js';
import { MAX_LOCATIONS } from './location-record.js';
import type { WarehouseImport } from '../wire/admin-api-types.js';
import { confirmWithPlatforms } from './platform-check.js';

const IMPORT_CHECK_CONCURRENCY = 4;

type Skipped = { platformId: string; name: string; reason: string };

export async function importWarehouses(
  ctx: LocationContext,
  tenant: string,
  connectionId: string,
): Promise<WarehouseImport> {
  const usable = await connectionFor(ctx, tenant, connectionId);
  const warehouses = await warehousesOf(ctx, tenant, usable);
  const source = usable.platform;
  const { candidates, skipped, warnings } = importCandidates(warehouses, ctx.reference, source);
  warnings.push(...(await confirmNewSuburbs(ctx, tenant, connectionId, source, candidates)));
  const { after, outcome, overLimit } = await applyWarehouseImport(ctx, tenant, source, candidates);
  const pick = (kind: 'created' | 'linked' | 'unchanged') =>
    after.filter((location) => outcome.get(location.id) === kind);
  const created = pick('created');
  for (const candidate of overLimit) {
    skipped.push({
      platformId: candidate.warehouse.platformId,
      name: candidate.warehouse.name,
      reason: `A store can have at most ${MAX_LOCATIONS} pickup locations.`,
    });
  }
  ctx.logger.info(
    { tenant, connectionId, created: created.length, skipped: skipped.length },
    'warehouses imported',
  );
  return { created, linked: pick('linked'), unchanged: pick('unchanged'), skipped, warnings };
}

/** The warehouses whose address checks out; the others skipped with the reason. */
function importCandidates(
  warehouses: readonly PlatformWarehouse[],
  reference: LocalityReference,
  source: FreightPlatform,
): { candidates: ImportCandidate[]; skipped: Skipped[]; warnings: string[] } {
  const linksWarehouses = source.pickupRef.kind === 'warehouse';
  const skipped: Skipped[] = [];
  const warnings: string[] = [];
  const candidates: ImportCandidate[] = [];
  for (const warehouse of warehouses) {
    const result = checkAddress(warehouse, reference);
    if (!result.ok) {
      skipped.push({
        platformId: warehouse.platformId,
        name: warehouse.name,
        reason: result.problems.map((problem) => problem.message).join(' '),
      });
      continue;
    }
    warnings.push(...result.warnings.map((warning) => `${warehouse.name}: ${warning}`));
    candidates.push({
      warehouse,
      address: result.address,
      ...(linksWarehouses && warehouse.platformId ? { link: warehouse.platformId } : {}),
    });
  }
  return { candidates, skipped, warnings };
}

/**
 * Other connections (Big Post) are asked only about warehouses that are not here yet; their suburb
 * references are kept on the candidate. Returns their warnings.
 */
async function confirmNewSuburbs(
  ctx: LocationContext,
  tenant: string,
  connectionId: string,
  source: FreightPlatform,
  candidates: readonly ImportCandidate[],
): Promise<string[]> {
  const warnings: string[] = [];
  const before = (await ctx.load(tenant)).locations;
  const fresh = candidates.filter(
    (candidate) => classify(before, candidate.address, source, candidate.link).kind === 'create',
  );
  // A few at a time: each may wait out the platform timeout, and Big Post allows 60 calls a minute.
  for (let start = 0; start < fresh.length; start += IMPORT_CHECK_CONCURRENCY) {
    const batch = fresh.slice(start, start + IMPORT_CHECK_CONCURRENCY);
    const checks = await Promise.all(
      batch.map((candidate) =>
        confirmWithPlatforms(
          ctx.checkDeps,
          tenant,
          candidate.address,
          (other) => other.connection.id === connectionId,
        ),
      ),
    );
    for (const [index, candidate] of batch.entries()) {
      const platform = checks[index];
      if (!platform) continue;
      candidate.suburbRefs = platform.platformRefs;
      warnings.push(...platform.warnings.map((warning) => `${candidate.warehouse.name}: ${warning}`));
    }
  }
  return warnings;
}
