import { describe, expect, it } from 'vitest';
import { type PricedItem, priceShipment, type Shipment } from '../../../../core/platforms/sandbox/pricing.js';

const carton = (weightKg: number, quantity = 1): PricedItem => ({
  type: 'carton',
  lengthCm: 30,
  widthCm: 20,
  heightCm: 15,
  weightKg,
  quantity,
});
const shipment = (distanceKm: number, items: PricedItem[], toBusiness = false): Shipment => ({
  distanceKm,
  items,
  toBusiness,
});
const priceOf = (options: ReturnType<typeof priceShipment>, service: string) =>
  options.find((option) => option.service.code === service)?.totalCents;

describe('sandbox pricing', () => {
  it('prices the same shipment the same way every time', () => {
    const input = shipment(713.4, [carton(4.2, 2)]);
    expect(priceShipment(input)).toEqual(priceShipment(input));
  });

  it('charges more for further and for heavier', () => {
    for (const service of ['RX', 'RE']) {
      expect(priceOf(priceShipment(shipment(3300, [carton(2)])), service)).toBeGreaterThan(
        priceOf(priceShipment(shipment(700, [carton(2)])), service)!,
      );
      expect(priceOf(priceShipment(shipment(700, [carton(20)])), service)).toBeGreaterThan(
        priceOf(priceShipment(shipment(700, [carton(2)])), service)!,
      );
    }
  });

  it('offers express dearer and faster than economy', () => {
    const options = priceShipment(shipment(700, [carton(5)]));
    const express = options.find((o) => o.service.code === 'RX')!;
    const economy = options.find((o) => o.service.code === 'RE')!;
    expect(express.totalCents).toBeGreaterThan(economy.totalCents);
    expect(express.transitDays.max).toBeLessThan(economy.transitDays.max);
  });

  it('charges bulky light goods by cubic weight', () => {
    const bulky: PricedItem = {
      type: 'carton',
      lengthCm: 100,
      widthCm: 100,
      heightCm: 100,
      weightKg: 5,
      quantity: 1,
    };
    const dense: PricedItem = { ...bulky, lengthCm: 20, widthCm: 20, heightCm: 20 };
    // 1 m³ at 250 kg/m³ is charged as 250 kg, far more than the same 5 kg in a small box.
    expect(priceOf(priceShipment(shipment(700, [bulky])), 'RX')).toBeGreaterThan(
      3 * priceOf(priceShipment(shipment(700, [dense])), 'RX')!,
    );
  });

  it('sells the overnight satchel only for small light parcels', () => {
    expect(priceOf(priceShipment(shipment(700, [carton(1)])), 'ONS')).toBeDefined();
    expect(priceOf(priceShipment(shipment(700, [carton(6)])), 'ONS')).toBeUndefined();
    expect(priceOf(priceShipment(shipment(700, [carton(2, 3)])), 'ONS')).toBeUndefined();
    const long: PricedItem = { ...carton(1), lengthCm: 90 };
    expect(priceOf(priceShipment(shipment(700, [long])), 'ONS')).toBeUndefined();
  });

  it('moves pallets only on the pallet service, and heavy freight on either', () => {
    const pallet: PricedItem = {
      type: 'pallet',
      lengthCm: 120,
      widthCm: 120,
      heightCm: 100,
      weightKg: 300,
      quantity: 2,
    };
    expect(priceShipment(shipment(700, [pallet])).map((o) => o.service.code)).toEqual(['PLT']);
    expect(priceShipment(shipment(700, [carton(60, 5)])).map((o) => o.service.code)).toEqual([
      'RX',
      'RE',
      'PLT',
    ]);
    expect(priceShipment(shipment(700, [carton(2)])).map((o) => o.carrier.code)).toEqual([
      'SRF',
      'SRF',
      'SAX',
    ]);
  });

  it('adds a residential surcharge on road services only', () => {
    const home = priceShipment(shipment(700, [carton(1)]));
    const business = priceShipment(shipment(700, [carton(1)], true));
    expect(priceOf(home, 'RX')! - priceOf(business, 'RX')!).toBe(385);
    expect(priceOf(home, 'ONS')).toBe(priceOf(business, 'ONS'));
  });

  it('prices each delivery option with its own surcharge, so a demo checkout shows the difference', () => {
    const base = shipment(700, [carton(40)]);
    const plain = priceShipment(base);
    const surcharge = (extra: Partial<Shipment>, service: string) =>
      priceOf(priceShipment({ ...base, ...extra }), service)! - priceOf(plain, service)!;
    // Dollars ex GST, plus 10 % GST: tail-lift $45, hand unload $25, authority to leave $1.50.
    expect(surcharge({ tailLift: true }, 'RX')).toBe(4950);
    expect(surcharge({ handUnload: true }, 'RE')).toBe(2750);
    expect(surcharge({ authorityToLeave: true }, 'RX')).toBe(165);
    expect(surcharge({ tailLift: true, handUnload: true, authorityToLeave: true }, 'RX')).toBe(7865);
    const small = shipment(700, [carton(0.5)]);
    // A satchel needs no tail-lift; it is left without a signature for the same fee.
    expect(priceOf(priceShipment({ ...small, tailLift: true }), 'ONS')).toBe(
      priceOf(priceShipment(small), 'ONS'),
    );
    expect(
      priceOf(priceShipment({ ...small, authorityToLeave: true }), 'ONS')! -
        priceOf(priceShipment(small), 'ONS')!,
    ).toBe(165);
  });

  it('states GST as 10% of the price before tax, in whole cents', () => {
    for (const option of priceShipment(shipment(1234.5, [carton(3.3, 2)]))) {
      expect(Number.isInteger(option.exGstCents)).toBe(true);
      expect(option.gstCents).toBe(Math.round(option.exGstCents / 10));
      expect(option.totalCents).toBe(option.exGstCents + option.gstCents);
    }
  });
});
