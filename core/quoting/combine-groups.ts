/**
 * Combining per-warehouse results into shop-level options. A cart shipped from three warehouses is three
 * consignments; the shopper sees one price per way of shipping, so an option exists only when every group
 * can be shipped that way, and its price is the sum of the groups' prices, to the cent.
 */
import { cents, type Cents } from '../money.js';
import { latestWindow, type DeliveryWindow } from './delivery-dates/delivery-window.js';
import type { QuoteSettings } from './quote-settings.js';

export interface GroupOption {
  /** Stable service key from the adapter (`machship:<carrier>:<service>`). */
  readonly key: string;
  readonly carrierId: string;
  readonly carrierName: string;
  readonly serviceName: string;
  /** The whole name when the platform gave one (depot collection); else carrier and service make it. */
  readonly name?: string;
  readonly totalCents: Cents;
  /** The GST inside `totalCents`, as the platform stated it (0 or absent: none stated). */
  readonly taxCents?: Cents;
  readonly minDays?: number;
  readonly maxDays?: number;
  /** The delivery window (`YYYY-MM-DD`) from this group's location (delivery-dates/). */
  readonly minDate?: string;
  readonly maxDate?: string;
  readonly connectionId: string;
}

export interface GroupResult {
  readonly groupId: string;
  readonly options: readonly GroupOption[];
}

export interface CombinedOption {
  readonly code: string;
  readonly name: string;
  readonly totalCents: Cents;
  /** The GST inside `totalCents`: the groups' platform GST, summed (absent: none stated). */
  readonly taxCents?: Cents;
  readonly minDays?: number;
  readonly maxDays?: number;
  readonly minDate?: string;
  readonly maxDate?: string;
  /** Which option of each group makes up this one (the rate log's breakdown). */
  readonly parts: readonly { readonly groupId: string; readonly key: string; readonly totalCents: Cents }[];
}

export type Combination =
  | { readonly ok: true; readonly options: readonly CombinedOption[] }
  | { readonly ok: false; readonly uncoveredGroupId: string };

type Strategy = Pick<
  QuoteSettings,
  'strategy' | 'cheapestWhenNoCommonService' | 'cheapestName' | 'fastestName'
>;

export function combineGroups(groups: readonly GroupResult[], settings: Strategy): Combination {
  const uncovered = groups.find((group) => group.options.length === 0);
  if (uncovered) return { ok: false, uncoveredGroupId: uncovered.groupId };
  if (groups.length === 0) return { ok: true, options: [] };
  const deduplicated = groups.map((group) => ({
    groupId: group.groupId,
    options: cheapestPerKey(group.options),
  }));

  switch (settings.strategy) {
    case 'cheapest':
      return { ok: true, options: [pickPerGroup(deduplicated, byPrice, 'cheapest', settings.cheapestName)] };
    case 'fastest':
      return { ok: true, options: [pickPerGroup(deduplicated, bySpeed, 'fastest', settings.fastestName)] };
    case 'common_services': {
      const common = commonServices(deduplicated);
      if (common.length > 0 || !settings.cheapestWhenNoCommonService) return { ok: true, options: common };
      return { ok: true, options: [pickPerGroup(deduplicated, byPrice, 'cheapest', settings.cheapestName)] };
    }
  }
}

function commonServices(groups: readonly GroupResult[]): CombinedOption[] {
  const [first, ...rest] = groups as [GroupResult, ...GroupResult[]];
  const combined: CombinedOption[] = [];
  for (const option of first.options) {
    const chosen = [option];
    for (const group of rest) {
      const match = group.options.find((candidate) => candidate.key === option.key);
      if (!match) break;
      chosen.push(match);
    }
    if (chosen.length !== groups.length) continue;
    combined.push(
      build(option.key, option.name ?? `${option.carrierName} ${option.serviceName}`, groups, chosen),
    );
  }
  return combined;
}

function pickPerGroup(
  groups: readonly GroupResult[],
  order: (a: GroupOption, b: GroupOption) => number,
  code: string,
  name: string,
): CombinedOption {
  const chosen = groups.map((group) => [...group.options].sort(order)[0] as GroupOption);
  // One group: the shopper may as well see which carrier it is.
  const label = groups.length === 1 && chosen[0] ? `${name} (${chosen[0].carrierName})` : name;
  return build(code, label, groups, chosen);
}

function build(
  code: string,
  name: string,
  groups: readonly GroupResult[],
  chosen: readonly GroupOption[],
): CombinedOption {
  const total = chosen.reduce((sum, option) => sum + option.totalCents, 0);
  const everyEta = chosen.every((option) => option.minDays !== undefined && option.maxDays !== undefined);
  return {
    code,
    name,
    totalCents: cents(total),
    taxCents: cents(chosen.reduce((sum, option) => sum + (option.taxCents ?? 0), 0)),
    // The order arrives when its slowest consignment does.
    ...(everyEta
      ? {
          minDays: Math.max(...chosen.map((option) => option.minDays as number)),
          maxDays: Math.max(...chosen.map((option) => option.maxDays as number)),
        }
      : {}),
    ...latestWindow(chosen.map(windowOf)),
    parts: chosen.map((option, index) => ({
      groupId: (groups[index] as GroupResult).groupId,
      key: option.key,
      totalCents: option.totalCents,
    })),
  };
}

function cheapestPerKey(options: readonly GroupOption[]): GroupOption[] {
  const best = new Map<string, GroupOption>();
  for (const option of options) {
    const current = best.get(option.key);
    if (!current || option.totalCents < current.totalCents) best.set(option.key, option);
  }
  return [...best.values()].sort(byPrice);
}

function byPrice(a: GroupOption, b: GroupOption): number {
  return a.totalCents - b.totalCents || a.key.localeCompare(b.key);
}

function bySpeed(a: GroupOption, b: GroupOption): number {
  // Dates first: they include the location's handling days and the holidays on the way.
  const date = (option: GroupOption) => option.maxDate ?? '9999-12-31';
  const days = (option: GroupOption) => option.maxDays ?? Number.POSITIVE_INFINITY;
  return date(a).localeCompare(date(b)) || days(a) - days(b) || byPrice(a, b);
}

function windowOf(option: GroupOption): DeliveryWindow | undefined {
  return option.minDate !== undefined && option.maxDate !== undefined
    ? { minDate: option.minDate, maxDate: option.maxDate }
    : undefined;
}
