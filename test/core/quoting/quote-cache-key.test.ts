/**
 * The cache key (also the single-flight key) and the lane key carry every resolved delivery option and
 * the depot collection asked for: a business price is never served to a home buyer, nor shared with one.
 */
import { describe, expect, it } from 'vitest';
import type { PlatformQuoteRequest } from '../../../core/platforms/freight-platform.js';
import { laneKey } from '../../../core/quoting/last-known-good.js';
import { quoteCacheKey } from '../../../core/quoting/quote-cache-key.js';
import { flightLock } from '../../../core/quoting/shared-flight.js';

const request: PlatformQuoteRequest = {
  pickup: { name: 'W', suburb: 'RICHMOND', postcode: '3121', state: 'VIC' },
  destination: { suburb: 'SYDNEY', postcode: '2000', state: 'NSW' },
  delivery: { isBusiness: false, tailLift: false, authorityToLeave: false, handUnload: false },
  packages: [
    { type: 'carton', lengthCm: 10, widthCm: 10, heightCm: 10, weightKg: 2, quantity: 1, description: 'x' },
  ],
};

const variants: readonly PlatformQuoteRequest[] = [
  request,
  { ...request, delivery: { ...request.delivery, isBusiness: true } },
  { ...request, delivery: { ...request.delivery, tailLift: true } },
  { ...request, delivery: { ...request.delivery, authorityToLeave: true } },
  { ...request, delivery: { ...request.delivery, handUnload: true } },
  { ...request, delivery: { ...request.delivery, depot: { bigpost: '501' } } },
  { ...request, depotCollection: { maxDepots: 2 } },
  { ...request, depotCollection: { maxDepots: 3 } },
];

describe('quote keys and delivery options', () => {
  it('gives every combination of delivery options its own cache, flight and lane key', () => {
    const cache = variants.map((variant) => quoteCacheKey('t', 'c', variant));
    expect(new Set(cache).size).toBe(variants.length);
    expect(new Set(cache.map((key) => flightLock({ cache: key, lane: '' }))).size).toBe(variants.length);
    expect(new Set(variants.map((variant) => laneKey('t', 'c', variant))).size).toBe(variants.length);
  });

  it('gives the same options the same key', () => {
    const again = { ...request, delivery: { ...request.delivery } };
    expect(quoteCacheKey('t', 'c', again)).toBe(quoteCacheKey('t', 'c', request));
  });
});
