import type { PackageLine } from '../platforms/freight-platform.js';

/** Identical packages travel as one item line with a quantity: smaller requests, better cache hits. */
export function mergeIdentical(packages: readonly PackageLine[]): PackageLine[] {
  const merged = new Map<string, PackageLine>();
  for (const p of packages) {
    const key = JSON.stringify([
      p.type,
      p.lengthCm,
      p.widthCm,
      p.heightCm,
      p.weightKg,
      p.sku ?? '',
      p.consolidatable ?? false,
    ]);
    const existing = merged.get(key);
    merged.set(key, existing ? { ...existing, quantity: existing.quantity + p.quantity } : p);
  }
  return [...merged.values()];
}
