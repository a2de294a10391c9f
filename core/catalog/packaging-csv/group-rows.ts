/** Rows of one product become one profile; its rows must not contradict each other. */
import type { ProfileDraft } from '../packaging-csv.js';
import { MAX_PACKAGE_KINDS, type PackagingPackage, type ProfileKey } from '../packaging-profile.js';
import type { ProblemList } from './problem-list.js';
import type { RowDraft } from './read-row.js';

interface Group {
  readonly key: ProfileKey;
  readonly firstLine: number;
  sku?: { value: string; line: number };
  variantId?: string;
  locations?: { ids: readonly string[]; line: number };
  consolidatable?: { value: boolean; line: number };
  shipsAlone?: { value: boolean; line: number };
  readonly packages: PackagingPackage[];
}

export function groupRows(drafts: readonly RowDraft[], problems: ProblemList): ProfileDraft[] {
  const groups = new Map<ProfileKey, Group>();
  for (const draft of drafts) {
    let group = groups.get(draft.key);
    if (!group) {
      group = { key: draft.key, firstLine: draft.line, packages: [] };
      if (draft.variantId !== undefined) group.variantId = draft.variantId;
      groups.set(draft.key, group);
    }
    absorbShared(group, draft, problems);
    if (draft.package) {
      group.packages.push(draft.package);
      if (group.packages.length === MAX_PACKAGE_KINDS + 1) {
        problems.add({
          line: draft.line,
          message: `More than ${MAX_PACKAGE_KINDS} package rows for one product (from line ${group.firstLine}). Use the quantity column for identical packages.`,
        });
      }
    }
  }
  return [...groups.values()].map((group) => ({
    key: group.key,
    ...(group.sku === undefined ? {} : { sku: group.sku.value }),
    ...(group.variantId === undefined ? {} : { variantId: group.variantId }),
    packages: group.packages,
    locationIds: group.locations?.ids ?? [],
    consolidatable: group.consolidatable?.value ?? false,
    // Stored only when set, as the packaging editor stores it (upsert-profile.ts): a file without the
    // column imports exactly as it did before the column existed.
    ...(group.shipsAlone?.value ? { shipsAlone: true } : {}),
  }));
}

/** The product-wide cells (SKU, locations, consolidation, ships alone): the first row to say one sets it. */
function absorbShared(group: Group, draft: RowDraft, problems: ProblemList): void {
  if (draft.sku !== undefined) {
    if (group.sku === undefined) group.sku = { value: draft.sku, line: draft.line };
    else if (group.sku.value !== draft.sku) {
      problems.add({
        line: draft.line,
        column: 'sku',
        message: `This variant has the SKU "${group.sku.value}" on line ${group.sku.line}; a variant has one SKU.`,
      });
    }
  }
  if (draft.locationIds !== undefined) {
    if (group.locations === undefined) group.locations = { ids: draft.locationIds, line: draft.line };
    else if (!sameSet(group.locations.ids, draft.locationIds)) {
      problems.add({
        line: draft.line,
        column: 'locations',
        message: `Different locations from line ${group.locations.line} for the same product. Give all its rows the same locations, or leave them empty after the first.`,
      });
    }
  }
  absorbFlag(group, 'consolidatable', draft, problems);
  absorbFlag(group, 'shipsAlone', draft, problems);
}

const FLAG_COLUMNS = { consolidatable: 'consolidatable', shipsAlone: 'ships_alone' } as const;

/** A yes/no that belongs to the product: the first row to give it sets it, later rows must agree. */
function absorbFlag(
  group: Group,
  flag: keyof typeof FLAG_COLUMNS,
  draft: RowDraft,
  problems: ProblemList,
): void {
  const value = draft[flag];
  if (value === undefined) return;
  const earlier = group[flag];
  if (earlier === undefined) group[flag] = { value, line: draft.line };
  else if (earlier.value !== value) {
    problems.add({
      line: draft.line,
      column: FLAG_COLUMNS[flag],
      message: `Differs from line ${earlier.line} for the same product. Give all its rows the same value, or leave it empty after the first.`,
    });
  }
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value) => b.includes(value));
}
