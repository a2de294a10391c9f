/**
 * Reading rules stored before #15: they carry `deliveryDefaults` (isBusiness / hasForklift /
 * authorityToLeave, sent as they were with every quote) instead of `deliveryOptions`. Every stored document
 * has it, since saving filled the defaults in, so a `false` says nothing about the merchant's intent: it
 * was the default, and reads as the new default (business from the company name, a tail-lift over 30 kg,
 * no authority to leave). A `true` was the merchant's choice and becomes an assumption that keeps it:
 * business assumed, no tail-lift needed (a forklift is on site), authority to leave assumed. A document
 * that already has `deliveryOptions` keeps them; the old field is dropped either way.
 */
import { z } from 'zod';
import { quoteSettingsSchema } from '../wire/quoting-schema.js';

const legacyDefaultsSchema = z.looseObject({
  isBusiness: z.boolean().optional(),
  hasForklift: z.boolean().optional(),
  authorityToLeave: z.boolean().optional(),
});

export function migrateDeliveryDefaults(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || !('deliveryDefaults' in raw)) return raw;
  const { deliveryDefaults, ...rest } = raw as Record<string, unknown>;
  if ('deliveryOptions' in rest) return rest;
  const legacy = legacyDefaultsSchema.safeParse(deliveryDefaults);
  if (!legacy.success) return rest;
  const { isBusiness, hasForklift, authorityToLeave } = legacy.data;
  return {
    ...rest,
    deliveryOptions: {
      ...(isBusiness === true ? { isBusiness: { how: 'assume', assume: true } } : {}),
      ...(hasForklift === true ? { tailLift: { how: 'assume', assume: false, overKg: 30 } } : {}),
      ...(authorityToLeave === true ? { authorityToLeave: { how: 'assume', assume: true } } : {}),
    },
  };
}

/** The rules as stored (or sent by an admin page from before #15), read into today's shape. */
export const storedQuoteSettingsSchema = z.preprocess(migrateDeliveryDefaults, quoteSettingsSchema);
