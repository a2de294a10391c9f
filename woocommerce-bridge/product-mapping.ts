/**
 * A WooCommerce product or variation as the catalog records it. Keys follow what the plugin sends at
 * checkout: a simple product is `variant:<product id>`, a variation `variant:<variation id>` (WordPress
 * ids are unique across products and variations, so the two never collide).
 *
 * Not shipped, so not recorded: variable parents (their variations are), grouped and external products,
 * and virtual products. A variation without its own weight or dimensions takes its parent's, as
 * WooCommerce itself does.
 */
import type { ProductInput } from '../core/index.js';
import type { PackagingPackage } from '../core/wire/admin-api-types.js';
import {
  isSet,
  toDimensionsCm,
  toGrams,
  toWeightKg,
  type Dimensions,
  type StoreUnits,
} from './store-units.js';
import type { WooProduct } from './woocommerce-resources.js';

/** What a synced profile states: one carton of the product's own size and weight. */
export type ShippingBox = Omit<PackagingPackage, 'type' | 'quantity'>;

export interface MappedProduct {
  /** `variant:<id>`, the catalog and packaging key. */
  readonly key: `variant:${number}`;
  readonly id: number;
  /** The variable product a variation belongs to; undefined for a simple product. */
  readonly parentId?: number;
  readonly record: ProductInput;
  /** Present when the store knows the weight and all three dimensions. */
  readonly box?: ShippingBox;
}

const NOT_SHIPPED_TYPES = new Set(['variable', 'grouped', 'external']);

export function isVariation(product: WooProduct): boolean {
  return product.type === 'variation' || product.parent_id > 0;
}

/** Whether a product's variations must be fetched to know what ships. */
export function hasVariations(product: WooProduct): boolean {
  return product.type === 'variable';
}

/** A simple (or other shippable) product; undefined for products that never ship by themselves. */
export function mapProduct(product: WooProduct, units: StoreUnits): MappedProduct | undefined {
  if (isVariation(product)) return mapVariation(product, undefined, units);
  if (NOT_SHIPPED_TYPES.has(product.type) || product.virtual) return undefined;
  return mapped(product, product.name, undefined, units);
}

export function mapVariation(
  variation: WooProduct,
  parent: WooProduct | undefined,
  units: StoreUnits,
): MappedProduct | undefined {
  if (variation.virtual) return undefined;
  const options = variation.attributes
    .map((attribute) => attribute.option)
    .filter((option): option is string => Boolean(option));
  const baseName = variation.name || parent?.name || '';
  const title = options.length > 0 && parent ? `${parent.name} – ${options.join(', ')}` : baseName;
  const inherited: WooProduct = {
    ...variation,
    sku: variation.sku || parent?.sku || null,
    weight: isSet(variation.weight) ? variation.weight : parent?.weight,
    dimensions: inheritDimensions(variation.dimensions, parent?.dimensions),
  };
  const parentId = variation.parent_id > 0 ? variation.parent_id : parent?.id;
  return mapped(inherited, title, parentId, units);
}

function mapped(
  product: WooProduct,
  title: string,
  parentId: number | undefined,
  units: StoreUnits,
): MappedProduct {
  const grams = toGrams(product.weight, units.weight);
  const weightKg = toWeightKg(product.weight, units.weight);
  const dimensions = toDimensionsCm(product.dimensions, units.dimension);
  const sku = product.sku?.trim() || undefined;
  return {
    key: `variant:${product.id}`,
    id: product.id,
    ...(parentId === undefined ? {} : { parentId }),
    record: {
      variantId: String(product.id),
      ...(sku === undefined ? {} : { sku }),
      ...(title ? { title } : {}),
      ...(grams === undefined ? {} : { grams }),
    },
    ...(dimensions && weightKg !== undefined && weightKg > 0
      ? {
          box: {
            lengthCm: dimensions.length,
            widthCm: dimensions.width,
            heightCm: dimensions.height,
            weightKg,
          },
        }
      : {}),
  };
}

function inheritDimensions(
  own: WooProduct['dimensions'],
  parent: WooProduct['dimensions'],
): Partial<Dimensions<string | number | null | undefined>> | undefined {
  if (!parent) return own ?? undefined;
  if (!own) return parent;
  return {
    length: isSet(own.length) ? own.length : parent.length,
    width: isSet(own.width) ? own.width : parent.width,
    height: isSet(own.height) ? own.height : parent.height,
  };
}
