/**
 * The store's products: generated in the store's own units, and shown as REST v3 shows them
 * (includes/rest-api/Controllers/Version3/class-wc-rest-products-controller.php, `get_product_data()`, in
 * the "view" context, where a variation's unset weight, size and SKU are its parent's).
 */
import type { FakeDimensionUnit, FakeProduct, FakeWeightUnit, FakeWooOptions } from './types.js';

/** Weights and sizes that make sense in each unit (a 0.25–4.25 kg parcel, 10–60 cm a side). */
export function generateProducts(
  options: FakeWooOptions,
  weightUnit: FakeWeightUnit,
  dimensionUnit: FakeDimensionUnit,
): Map<number, FakeProduct> {
  const count = options.products ?? 0;
  const variableEvery = options.variableEvery ?? 10;
  const missingEvery = options.missingDimensionsEvery ?? 7;
  const virtualEvery = options.virtualEvery ?? 50;
  const weightStep: Record<FakeWeightUnit, number> = { kg: 0.25, g: 250, lbs: 0.5, oz: 8 };
  const sizeScale: Record<FakeDimensionUnit, number> = { cm: 1, mm: 10, m: 0.01, in: 0.5, yd: 0.02 };
  const products = new Map<number, FakeProduct>();
  let id = 101;
  for (let index = 0; index < count; index += 1) {
    const variable = index % variableEvery === variableEvery - 1;
    const missing = index % missingEvery === missingEvery - 1;
    const scale = sizeScale[dimensionUnit];
    const product: FakeProduct = {
      id: id++,
      name: `Product ${index + 1}`,
      type: variable ? 'variable' : 'simple',
      sku: `WOO-${index + 1}`,
      weight: decimal(((index % 17) + 1) * weightStep[weightUnit]),
      dimensions: missing
        ? { length: '', width: '', height: '' }
        : {
            length: decimal((10 + (index % 50)) * scale),
            width: decimal((10 + (index % 30)) * scale),
            height: decimal((5 + (index % 20)) * scale),
          },
      virtual: !variable && index % virtualEvery === Math.floor(virtualEvery / 2) - 1,
      status: 'publish',
      parentId: 0,
      variationIds: [],
    };
    products.set(product.id, product);
    if (variable) id = addVariations(products, product, index, options, weightStep[weightUnit], id);
  }
  return products;
}

function addVariations(
  products: Map<number, FakeProduct>,
  parent: FakeProduct,
  index: number,
  options: FakeWooOptions,
  weightStep: number,
  firstId: number,
): number {
  let id = firstId;
  const labels = ['Small', 'Medium', 'Large', 'X-Large', 'XX-Large'].slice(
    0,
    options.variationsPerProduct ?? 3,
  );
  for (const [position, option] of labels.entries()) {
    const variation: FakeProduct = {
      id: id++,
      name: '',
      type: 'variation',
      // The first variation has its own SKU and weight; the others inherit the parent's.
      sku: position === 0 ? `WOO-${index + 1}-${option.toUpperCase()}` : '',
      weight: position === 0 ? decimal(((index % 17) + 2) * weightStep) : '',
      dimensions: { length: '', width: '', height: '' },
      virtual: false,
      status: 'publish',
      parentId: parent.id,
      variationIds: [],
      option,
    };
    parent.variationIds.push(variation.id);
    products.set(variation.id, variation);
  }
  return id;
}

const decimal = (value: number) => String(Number(value.toFixed(6)));

/** The product as GET /wc/v3/products/<id> answers it (a variation's id gives the variation). */
export function restProduct(
  products: ReadonlyMap<number, FakeProduct>,
  id: number,
  homeUrl: string,
): Record<string, unknown> {
  const product = products.get(id);
  if (!product) throw new Error(`no product ${id}`);
  const parent = product.parentId ? products.get(product.parentId) : undefined;
  const inherited = (own: string, fromParent: string | undefined) => own || fromParent || '';
  return {
    id: product.id,
    name: parent ? `${parent.name} - ${product.option}` : product.name,
    slug: `product-${product.id}`,
    permalink: `${homeUrl}/?product=product-${product.id}`,
    date_created: '2024-05-01T20:00:00',
    date_created_gmt: '2024-05-01T10:00:00',
    date_modified: '2024-05-01T20:00:00',
    date_modified_gmt: '2024-05-01T10:00:00',
    type: product.type,
    status: product.status,
    sku: inherited(product.sku, parent?.sku),
    price: '19.95',
    regular_price: '19.95',
    sale_price: '',
    virtual: product.virtual,
    downloadable: false,
    manage_stock: false,
    stock_status: 'instock',
    weight: inherited(product.weight, parent?.weight),
    dimensions: {
      length: inherited(product.dimensions.length, parent?.dimensions.length),
      width: inherited(product.dimensions.width, parent?.dimensions.width),
      height: inherited(product.dimensions.height, parent?.dimensions.height),
    },
    shipping_required: !product.virtual,
    shipping_taxable: !product.virtual,
    shipping_class: '',
    shipping_class_id: 0,
    parent_id: product.parentId,
    variations: product.variationIds,
    attributes: attributes(product),
    meta_data: [],
  };
}

function attributes(product: FakeProduct): Record<string, unknown>[] {
  if (product.option) return [{ id: 1, name: 'Size', slug: 'pa_size', option: product.option }];
  if (product.type !== 'variable') return [];
  return [
    {
      id: 1,
      name: 'Size',
      slug: 'pa_size',
      position: 0,
      visible: true,
      variation: true,
      options: ['Small', 'Medium', 'Large'],
    },
  ];
}
