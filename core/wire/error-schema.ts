/** Every failed admin API call answers with this body: a catalogued code (core/errors.ts), a message, details. */
import { z } from 'zod';

export const errorDetailSchema = z.object({
  /** Dotted path of the offending field, e.g. `lines.2.quantity`; empty for the whole input. */
  path: z.string(),
  message: z.string(),
});

export const errorBodySchema = z.object({
  error: z.object({
    /** `RB_ERR_…` */
    code: z.string(),
    message: z.string(),
    details: z.array(errorDetailSchema).optional(),
  }),
});
