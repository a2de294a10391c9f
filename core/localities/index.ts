export {
  coordinatesOf,
  DEFAULT_SEARCH_LIMIT,
  findLocality,
  localitiesInPostcode,
  MAX_SEARCH_LIMIT,
  postcodeMatchesState,
  searchLocalities,
} from './au-localities.js';
export { type Coordinates, distanceKm } from './distance.js';
export type { AuLocality } from './locality-table.js';
export { postcodeInStateRange, STATE_POSTCODE_RANGES } from './postcode-ranges.js';
export { suburbKey, toTitleCase } from './suburb-name.js';
