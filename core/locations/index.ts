export {
  AUSTRALIA_POST_LOCALITIES,
  checkAddress,
  type AddressCheck,
  type CheckedAddress,
  type LocalityReference,
} from './address-check.js';
export { readTenantLocations, type LocationRecord } from './location-record.js';
export { createLocations, type Locations, type LocationsOptions } from './locations.js';
export { createLocationSchema, updateLocationSchema } from '../wire/locations-schema.js';
export type { LocationResult, WarehouseImport } from '../wire/admin-api-types.js';
export { pickupLocationFor, pickupPointFor, type PickupLocation } from './pickup-point.js';
