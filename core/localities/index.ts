export {
  coordinatesOf,
  findLocality,
  localitiesInPostcode,
  postcodeMatchesState,
  searchLocalities,
} from './au-localities.js';
export { distanceKm } from './distance.js';
export { postcodeInStateRange, STATE_POSTCODE_RANGES } from './postcode-ranges.js';
export { suburbKey, toTitleCase } from './suburb-name.js';
