/**
 * A price as the platform split it: what the buyer pays with GST in, and the GST inside it. The rules
 * change prices through these functions only, so the platform's own GST (MachShip's totalTaxSellPrice,
 * Big Post's Tax, the sandbox's gst) is carried through and never re-derived by dividing by 11.
 *
 * The merchant's amounts (markup, fees, rule prices, fallback rates) are GST-inclusive. Added to a price
 * that bears GST, one eleventh of the amount is GST (Australia's 10 % rate); added to a price the platform
 * quoted GST-free (GST 0, e.g. a service outside the GST net), the amount is GST-free too.
 * docs/prices-and-gst.md has the whole story.
 */
import { cents, type Cents } from '../money.js';
import type { GstDisplay } from '../wire/vocabulary.js';

export interface GstPrice {
  /** GST-inclusive cents: what the buyer pays. */
  readonly inc: number;
  /** The GST inside `inc`. */
  readonly gst: number;
  /** The platform charged no GST on it, so the merchant's amounts on it carry none either. */
  readonly gstFree: boolean;
}

export function platformPrice(totalCents: number, taxCents: number | undefined): GstPrice {
  const gst = Math.min(Math.max(taxCents ?? 0, 0), totalCents);
  return { inc: totalCents, gst, gstFree: gst === 0 };
}

/** A merchant amount (GST-inclusive), as a price of its own: e.g. a fallback rate. */
export function merchantPrice(amountCents: number): GstPrice {
  return { inc: amountCents, gst: roundHalfUp(amountCents / 11), gstFree: false };
}

/** Adds (or with a negative amount removes) GST-inclusive cents; the price never goes below zero. */
export function addInclusive(price: GstPrice, amountCents: number): GstPrice {
  const inc = Math.max(0, price.inc + amountCents);
  const gst = price.gstFree ? 0 : clamp(price.gst + roundHalfUp(amountCents / 11), inc);
  return { ...price, inc, gst };
}

/** Adds cents to the price before GST; GST grows by a tenth of them unless the price is GST-free. */
function addExclusive(price: GstPrice, amountCents: number): GstPrice {
  const gstDelta = price.gstFree ? 0 : roundHalfUp(amountCents / 10);
  const inc = Math.max(0, price.inc + amountCents + gstDelta);
  return { ...price, inc, gst: clamp(price.gst + gstDelta, inc) };
}

/** Scales both parts by basis points (1250 = +12.5 %), each rounded half up once. */
export function scale(price: GstPrice, basisPoints: number): GstPrice {
  const inc = Math.max(0, price.inc + roundHalfUp((price.inc * basisPoints) / 10_000));
  const gst = clamp(price.gst + roundHalfUp((price.gst * basisPoints) / 10_000), inc);
  return { ...price, inc, gst };
}

/** Sets the price to a merchant amount (GST-inclusive), keeping whether it bears GST. */
export function setInclusive(price: GstPrice, amountCents: number): GstPrice {
  return addInclusive({ ...price, inc: 0, gst: 0 }, amountCents);
}

/** The price as the store shows it. */
export function shown(price: GstPrice, display: GstDisplay): number {
  return display === 'inclusive' ? price.inc : price.inc - price.gst;
}

/** Moves the shown price to `target` (rounding), adjusting the GST in step. */
export function withShown(price: GstPrice, display: GstDisplay, target: number): GstPrice {
  const delta = target - shown(price, display);
  const moved = display === 'inclusive' ? addInclusive(price, delta) : addExclusive(price, delta);
  // The GST share of a rounding step is itself rounded: keep the shown figure exactly on target.
  const gap = target - shown(moved, display);
  return gap === 0 ? moved : { ...moved, inc: moved.inc + gap };
}

/** The rate's fields for the front ends: `totalCents` as shown, and its GST. */
export function rateMoney(
  price: GstPrice,
  display: GstDisplay,
): { totalCents: Cents; gstCents: Cents; gstIncluded: boolean } {
  return {
    totalCents: cents(shown(price, display)),
    gstCents: cents(price.gst),
    gstIncluded: display === 'inclusive',
  };
}

export function roundHalfUp(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value));
}

const clamp = (gst: number, inc: number): number => Math.min(Math.max(gst, 0), inc);
