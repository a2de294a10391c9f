export {
  AUSTRALIA_POST_LOCALITIES,
  checkAddress,
  type AddressCheck,
  type CheckedAddress,
  type LocalityReference,
} from './address-check.js';
export { readTenantLocations, type LocationRecord } from './location-record.js';
export {
  createLocations,
  createLocationSchema,
  updateLocationSchema,
  type LocationResult,
  type Locations,
  type LocationsOptions,
  type WarehouseImport,
} from './locations.js';
export { pickupLocationFor, pickupPointFor, type PickupLocation } from './pickup-point.js';
