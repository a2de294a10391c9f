/**
 * The shape of `au-localities.json`, written by scripts/build-localities.ts and read by locality-table.ts.
 * Columns instead of row objects keep the file small (no repeated keys): row i is
 * (suburb[i], postcode[i], states[state[i]], lat[i], lng[i]).
 */
import { z } from 'zod';
import { AU_STATES } from '../platforms/freight-platform.js';

export const LOCALITY_FILE_FORMAT = 'au-localities/1';

export const localityFileSchema = z.object({
  format: z.literal(LOCALITY_FILE_FORMAT),
  /** Where the rows came from (package and version), for whoever regenerates the file. */
  source: z.string(),
  /** Legend of the `state` column. */
  states: z.array(z.enum(AU_STATES)),
  /** Title Case, e.g. "Mount Kuring-Gai". */
  suburb: z.array(z.string().min(1)),
  /** Four digits, leading zero kept ("0800"). */
  postcode: z.array(z.string().regex(/^\d{4}$/)),
  /** Index into `states`. */
  state: z.array(z.number().int().nonnegative()),
  /** Degrees, 3 decimals (about 100 m: plenty for distance pricing). */
  lat: z.array(z.number()),
  lng: z.array(z.number()),
  /** Rows that are PO boxes or large-volume receivers: valid postal addresses, not street delivery areas. */
  postalOnly: z.array(z.number().int().nonnegative()),
});

export type LocalityFile = z.infer<typeof localityFileSchema>;
