/**
 * The sandbox's price list: deterministic (same shipment, same prices, no clock or randomness) and
 * shaped like real Australian freight so checkout behaviour can be tried honestly: further and heavier
 * cost more, bulky light goods are charged by cubic weight, an overnight satchel exists only for small
 * parcels and a pallet service only for pallets or heavy consignments.
 *
 * Tariffs are in dollars; each price is rounded to whole cents once and GST is taken on those cents, so
 * ex-GST + GST = total exactly. The router writes the cents as decimal dollars.
 */
import type { PackageType, PackagingPackage } from '../../wire/admin-api-types.js';

/** One kind of item, `quantity` of them: a package as the core knows it (weight of one, kg). */
export type PricedItem = PackagingPackage;

export interface Shipment {
  readonly distanceKm: number;
  readonly items: readonly PricedItem[];
  /** Business deliveries skip the residential surcharge of the road services. */
  readonly toBusiness: boolean;
  /** A tail-lift truck (road and pallet services). */
  readonly tailLift?: boolean;
  /** Goods carried in by hand (road and pallet services). */
  readonly handUnload?: boolean;
  /** Left without a signature (every service). */
  readonly authorityToLeave?: boolean;
}

export interface PricedOption {
  readonly carrier: { readonly code: string; readonly name: string };
  readonly service: { readonly code: string; readonly name: string };
  readonly exGstCents: number;
  readonly gstCents: number;
  readonly totalCents: number;
  readonly transitDays: { readonly min: number; readonly max: number };
}

type Carrier = PricedOption['carrier'];
type Service = PricedOption['service'];

const ROAD: Carrier = { code: 'SRF', name: 'Sandbox Road Freight' };
const AIR: Carrier = { code: 'SAX', name: 'Sandbox Air Express' };
const PALLET: Carrier = { code: 'SPL', name: 'Sandbox Pallet Line' };
const ROAD_EXPRESS: Service = { code: 'RX', name: 'Road Express' };
const ROAD_ECONOMY: Service = { code: 'RE', name: 'Road Economy' };
const OVERNIGHT_SATCHEL: Service = { code: 'ONS', name: 'Overnight Satchel' };
const PALLET_SERVICE: Service = { code: 'PLT', name: 'Pallet' };

/** Dollars ex GST: a base, per chargeable kg, per km, and per kg-km (what makes heavy long hauls dear). */
interface Tariff {
  readonly base: number;
  readonly perKg: number;
  readonly perKm: number;
  readonly perKgKm: number;
}
const EXPRESS_TARIFF: Tariff = { base: 9.9, perKg: 0.65, perKm: 0.012, perKgKm: 0.00045 };
const ECONOMY_TARIFF: Tariff = { base: 7.9, perKg: 0.5, perKm: 0.009, perKgKm: 0.00035 };
/** Per pallet space for base and perKm; perKg and perKgKm on the whole consignment. */
const PALLET_TARIFF: Tariff = { base: 55, perKg: 0.08, perKm: 0.11, perKgKm: 0.00005 };
const tariffDollars = (tariff: Tariff, kg: number, km: number, spaces = 1): number =>
  spaces * (tariff.base + tariff.perKm * km) + tariff.perKg * kg + tariff.perKgKm * kg * km;

/** Business days: a fixed part, one more for every `kmPerDay`, and a spread between min and max. */
const transit = (fixed: number, spread: number, kmPerDay: number, km: number) => {
  const min = fixed + Math.floor(km / kmPerDay);
  return { min, max: min + spread };
};

// Australian road carriers charge 250 kg per cubic metre; air uses IATA's 6000 cm³/kg (about 167).
const ROAD_KG_PER_M3 = 250;
const AIR_KG_PER_M3 = 167;
const PALLET_TYPES: ReadonlySet<PackageType> = new Set(['pallet', 'skid']);
const ROAD_MAX_ITEM_KG = 500;
const SATCHEL_MAX_KG = 5;
const SATCHEL_MAX_SIDE_CM = 50;
const PALLET_MIN_CHARGEABLE_KG = 200;
const KG_PER_PALLET_SPACE = 600;
// Exported so tests can check a price moves by exactly the surcharge (test/e2e/woocommerce-delivery-answers).
export const RESIDENTIAL_SURCHARGE = 3.5;
// The delivery options (#15), priced so a demo checkout shows each one: dollars ex GST per consignment.
export const TAIL_LIFT_SURCHARGE = 45;
const HAND_UNLOAD_SURCHARGE = 25;
const AUTHORITY_TO_LEAVE_FEE = 1.5;
export const GST_RATE = 0.1;

interface Totals {
  readonly actualKg: number;
  readonly cubicM3: number;
  readonly palletCount: number;
  readonly heaviestItemKg: number;
  readonly longestSideCm: number;
}

function totalsOf(items: readonly PricedItem[]): Totals {
  let actualKg = 0;
  let cubicM3 = 0;
  let palletCount = 0;
  let heaviestItemKg = 0;
  let longestSideCm = 0;
  for (const item of items) {
    actualKg += item.weightKg * item.quantity;
    cubicM3 += ((item.lengthCm * item.widthCm * item.heightCm) / 1_000_000) * item.quantity;
    if (PALLET_TYPES.has(item.type)) palletCount += item.quantity;
    heaviestItemKg = Math.max(heaviestItemKg, item.weightKg);
    longestSideCm = Math.max(longestSideCm, item.lengthCm, item.widthCm, item.heightCm);
  }
  return { actualKg, cubicM3, palletCount, heaviestItemKg, longestSideCm };
}

/** Every service that can carry the shipment, in a fixed order: road express, economy, satchel, pallet. */
export function priceShipment(shipment: Shipment): PricedOption[] {
  const km = shipment.distanceKm;
  const totals = totalsOf(shipment.items);
  const roadKg = Math.max(totals.actualKg, totals.cubicM3 * ROAD_KG_PER_M3);
  const airKg = Math.max(totals.actualKg, totals.cubicM3 * AIR_KG_PER_M3);
  const leave = shipment.authorityToLeave === true ? AUTHORITY_TO_LEAVE_FEE : 0;
  const unloading =
    (shipment.tailLift === true ? TAIL_LIFT_SURCHARGE : 0) +
    (shipment.handUnload === true ? HAND_UNLOAD_SURCHARGE : 0) +
    leave;
  const residential = (shipment.toBusiness ? 0 : RESIDENTIAL_SURCHARGE) + unloading;
  const options: PricedOption[] = [];

  if (totals.palletCount === 0 && totals.heaviestItemKg <= ROAD_MAX_ITEM_KG) {
    const express = tariffDollars(EXPRESS_TARIFF, roadKg, km) + residential;
    const economy = tariffDollars(ECONOMY_TARIFF, roadKg, km) + residential;
    options.push(option(ROAD, ROAD_EXPRESS, express, transit(1, 1, 900, km)));
    options.push(option(ROAD, ROAD_ECONOMY, economy, transit(2, 2, 600, km)));
  }

  if (totals.palletCount === 0 && airKg <= SATCHEL_MAX_KG && totals.longestSideCm <= SATCHEL_MAX_SIDE_CM) {
    // Satchels are sold in weight bands and three distance zones, as the real ones are.
    const band = airKg <= 1 ? 14.5 : airKg <= 3 ? 18.9 : 24.5;
    const zone = km <= 1500 ? 0 : km <= 3000 ? 6 : 12;
    options.push(option(AIR, OVERNIGHT_SATCHEL, band + zone + leave, { min: 1, max: km <= 1500 ? 1 : 2 }));
  }

  const heavy = roadKg >= PALLET_MIN_CHARGEABLE_KG;
  const spaces =
    totals.palletCount > 0 ? totals.palletCount : heavy ? Math.ceil(roadKg / KG_PER_PALLET_SPACE) : 0;
  if (spaces > 0) {
    const pallet = tariffDollars(PALLET_TARIFF, roadKg, km, spaces) + unloading;
    options.push(option(PALLET, PALLET_SERVICE, pallet, transit(2, 2, 700, km)));
  }
  return options;
}

function option(
  carrier: Carrier,
  service: Service,
  exGstDollars: number,
  transitDays: PricedOption['transitDays'],
): PricedOption {
  const exGstCents = Math.round(exGstDollars * 100);
  const gstCents = Math.round(exGstCents * GST_RATE);
  return { carrier, service, exGstCents, gstCents, totalCents: exGstCents + gstCents, transitDays };
}
