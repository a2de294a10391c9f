/** Records the products and writes or refreshes their profiles, unless the merchant's; counts what happened. */
import { isRateBridgeError } from '../../core/index.js';
import type { PackagingPackage } from '../../core/wire/admin-api-types.js';
import type { MappedProduct, ShippingBox } from '../product-mapping.js';
import { emptyCounts, type ApplyCounts } from './apply-counts.js';
import type { ProfilesContext } from './ownership.js';

const WRITE_CONCURRENCY = 16;

export async function applyProducts(
  ctx: ProfilesContext,
  tenant: string,
  products: readonly MappedProduct[],
): Promise<ApplyCounts> {
  const counts = emptyCounts();
  if (products.length === 0) return counts;
  counts.recorded = await ctx.catalog.recordProducts(
    tenant,
    products.map((product) => product.record),
  );
  await noteVariations(ctx, tenant, products);
  const boxed = products.filter((product) => product.box !== undefined);
  for (let start = 0; start < boxed.length; start += WRITE_CONCURRENCY) {
    await Promise.all(
      boxed
        .slice(start, start + WRITE_CONCURRENCY)
        .map((product) => applyBox(ctx, tenant, product, product.box as ShippingBox, counts)),
    );
  }
  if (counts.implausible > 0) {
    ctx.logger.info(
      { tenant, implausible: counts.implausible },
      'store sizes no carrier takes were not profiled',
    );
  }
  return counts;
}

async function noteVariations(
  ctx: ProfilesContext,
  tenant: string,
  products: readonly MappedProduct[],
): Promise<void> {
  const byParent = new Map<number, number[]>();
  for (const product of products) {
    if (product.parentId !== undefined)
      byParent.set(product.parentId, [...(byParent.get(product.parentId) ?? []), product.id]);
  }
  for (const [parentId, ids] of byParent) await ctx.noteVariations(tenant, parentId, ids);
}

async function applyBox(
  ctx: ProfilesContext,
  tenant: string,
  product: MappedProduct,
  box: ShippingBox,
  counts: ApplyCounts,
): Promise<void> {
  const [existing, ownership] = await Promise.all([
    ctx.currentProfile(tenant, product.key),
    ctx.read(tenant, product.key),
  ]);
  if (existing && existing.updatedAt !== ownership?.updatedAt) {
    counts.kept += 1;
    return;
  }
  const pkg = { type: 'carton' as const, ...box, quantity: 1 };
  const [current] = existing?.packages ?? [];
  if (existing && existing.packages.length === 1 && current && sameBox(current, pkg)) {
    counts.unchanged += 1;
    return;
  }
  try {
    const written = await ctx.catalog.upsertProfile(tenant, product.key, {
      packages: [pkg],
      locationIds: [],
      consolidatable: false,
    });
    await ctx.write(tenant, product.key, {
      updatedAt: written.updatedAt,
      parentId: product.parentId ?? null,
    });
    if (existing) counts.updated += 1;
    else counts.created += 1;
  } catch (error) {
    if (isRateBridgeError(error) && error.code === 'RB_ERR_VALIDATION') {
      counts.implausible += 1;
      return;
    }
    throw error;
  }
}

type Carton = PackagingPackage;

function sameBox(a: Carton, b: Carton): boolean {
  return (
    a.type === b.type &&
    a.lengthCm === b.lengthCm &&
    a.widthCm === b.widthCm &&
    a.heightCm === b.heightCm &&
    a.weightKg === b.weightKg &&
    a.quantity === b.quantity
  );
}
