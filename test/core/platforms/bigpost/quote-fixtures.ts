/** What the bigpost tests share: the fixture reader and the quote request the request fixtures were made from. */
import { readFileSync } from 'node:fs';
import type { PlatformQuoteRequest } from '../../../../core/platforms/freight-platform.js';

export const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

export const quoteRequest: PlatformQuoteRequest = {
  pickup: {
    name: 'Main warehouse',
    addressLine1: '12 Example Street',
    suburb: 'RICHMOND',
    postcode: '3121',
    state: 'VIC',
  },
  destination: {
    suburb: 'SYDNEY',
    postcode: '2000',
    state: 'NSW',
    addressLine1: '1 Sample Lane',
    addressLine2: 'Unit 4',
  },
  delivery: { isBusiness: false, tailLift: true, authorityToLeave: false, handUnload: false },
  packages: [
    {
      type: 'carton',
      lengthCm: 220,
      widthCm: 95.5,
      heightCm: 80,
      weightKg: 62.5,
      quantity: 1,
      description: 'Three-seater modular sofa, charcoal fabric, left-hand chaise',
    },
    {
      type: 'pallet',
      lengthCm: 120,
      widthCm: 120,
      heightCm: 150,
      weightKg: 310,
      quantity: 2,
      description: 'Pallet',
      consolidatable: true,
    },
    {
      type: 'pack',
      lengthCm: 10,
      widthCm: 10,
      heightCm: 10,
      weightKg: 0.4,
      quantity: 3,
      description: 'Pack',
    },
  ],
};
