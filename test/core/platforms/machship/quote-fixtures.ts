/** What the machship tests share: the fixture reader and the quote request the request fixtures were made from. */
import { readFileSync } from 'node:fs';
import type { PlatformQuoteRequest } from '../../../../core/platforms/freight-platform.js';

export const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

export const quoteRequest: PlatformQuoteRequest = {
  pickup: { name: 'Main warehouse', suburb: 'RICHMOND', postcode: '3121', state: 'VIC' },
  destination: {
    suburb: 'SYDNEY',
    postcode: '2000',
    state: 'NSW',
    addressLine1: '1 Sample Lane',
    addressLine2: 'Unit 4',
  },
  delivery: { isBusiness: true, tailLift: false, authorityToLeave: false, handUnload: false },
  packages: [
    {
      type: 'carton',
      lengthCm: 60,
      widthCm: 40.5,
      heightCm: 30,
      weightKg: 7.25,
      quantity: 2,
      description: 'SKU-CHAIR',
      sku: 'SKU-CHAIR',
    },
    {
      type: 'pallet',
      lengthCm: 120,
      widthCm: 120,
      heightCm: 150,
      weightKg: 310,
      quantity: 1,
      description: 'Pallet',
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
