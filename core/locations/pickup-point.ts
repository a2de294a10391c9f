import type { PickupPoint } from '../platforms/freight-platform.js';
import type { DespatchSettings } from '../wire/admin-api-types.js';
import type { LocationRecord } from './location-record.js';

/** What a platform adapter needs of a location: the address and the platforms' own references. */
export function pickupPointFor(location: LocationRecord): PickupPoint {
  const { platformRefs } = location;
  return {
    name: location.name,
    ...(location.addressLine1 === undefined ? {} : { addressLine1: location.addressLine1 }),
    suburb: location.suburb,
    postcode: location.postcode,
    state: location.state,
    ...(platformRefs === undefined || Object.keys(platformRefs).length === 0 ? {} : { platformRefs }),
  };
}

/** A pickup point with the identity the quote engine groups lines by, and when it despatches. */
export interface PickupLocation extends PickupPoint {
  readonly id: string;
  readonly isDefault: boolean;
  readonly despatch: DespatchSettings;
}

export function pickupLocationFor(location: LocationRecord): PickupLocation {
  return {
    id: location.id,
    isDefault: location.isDefault,
    despatch: location.despatch,
    ...pickupPointFor(location),
  };
}
