import type { PickupPoint } from '../platforms/freight-platform.js';
import type { LocationRecord } from './location-record.js';

/** What a platform adapter needs of a location: the address and the platform's own references. */
export function pickupPointFor(location: LocationRecord): PickupPoint {
  return {
    name: location.name,
    ...(location.addressLine1 === undefined ? {} : { addressLine1: location.addressLine1 }),
    suburb: location.suburb,
    postcode: location.postcode,
    state: location.state,
    ...(location.machshipCompanyLocationId === undefined
      ? {}
      : { machshipCompanyLocationId: location.machshipCompanyLocationId }),
    ...(location.bigpostLocalityId === undefined ? {} : { bigpostLocalityId: location.bigpostLocalityId }),
  };
}

/** A pickup point with the identity the quote engine groups lines by. */
export interface PickupLocation extends PickupPoint {
  readonly id: string;
  readonly isDefault: boolean;
}

export function pickupLocationFor(location: LocationRecord): PickupLocation {
  return { id: location.id, isDefault: location.isDefault, ...pickupPointFor(location) };
}
