/**
 * What Big Post accepts in a getquote body, field by field, from ../shared/reference/bigpost/api-notes.md:
 * types as Big Post's own plugin sends them, limits as a live integration records Big Post's Swagger page
 * ("2nd" in the notes). The fake Big Post refuses anything else, naming the field.
 */
import { z } from 'zod';

const text = (max: number) =>
  z.string().trim().min(1, 'is required').max(max, `must be ${max} characters or fewer`);

const locationSchema = z.strictObject({
  Name: text(255),
  Address: text(30),
  AddressLineTwo: z.string().max(30, 'must be 30 characters or fewer').optional(),
  LocalityId: z.number().int().positive(),
  Locality: z.strictObject({
    Id: z.number().int().positive(),
    Suburb: text(30),
    Postcode: z.string().regex(/^\d{4}$/, 'must be a four-digit postcode'),
    State: z.enum(['ACT', 'NSW', 'NT', 'QLD', 'SA', 'TAS', 'VIC', 'WA']),
  }),
});

const dimension = z.number().positive('must be greater than zero');

const itemSchema = z.strictObject({
  Description: text(50),
  Length: dimension,
  Width: dimension,
  Height: dimension,
  Weight: dimension,
  ItemType: z.number().int().min(0).max(9),
  Quantity: z.number().int().positive(),
  Consolidatable: z.boolean(),
  // The plugin always sends it, from the carton's "Add MHP" setting (SM:1449).
  isMHP: z.boolean(),
});

export const getQuoteBodySchema = z.strictObject({
  BuyerIsBusiness: z.boolean(),
  BuyerHasForklift: z.boolean(),
  ReturnAuthorityToLeaveOptions: z.boolean(),
  JobType: z.union([z.literal(''), z.number().int().min(1).max(3)]),
  DepotId: z.union([z.literal(''), z.number().int().positive()]).optional(),
  PickupLocation: locationSchema,
  BuyerLocation: locationSchema,
  Items: z.array(itemSchema).min(1, 'at least one item is required'),
});

/** Big Post-style messages ("BuyerLocation.Address: must be 30 characters or fewer."), empty when valid. */
export function getQuoteProblems(body: unknown): string[] {
  const parsed = getQuoteBodySchema.safeParse(body);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => {
    const field = issue.path
      .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
      .join('');
    return `${field.replace(/^\./, '').replace(/\.\[/g, '[') || 'Body'}: ${issue.message}.`;
  });
}
