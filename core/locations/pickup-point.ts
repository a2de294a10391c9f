import type { PickupPoint, PlatformRefs } from '../platforms/freight-platform.js';
import type { LocationRecord } from './location-record.js';

/** The platforms' own references of a location, as the opaque strings the platform contract carries. */
export function platformRefsOf(location: LocationRecord): PlatformRefs {
  return {
    ...(location.machshipCompanyLocationId === undefined
      ? {}
      : { machship: String(location.machshipCompanyLocationId) }),
    ...(location.bigpostLocalityId === undefined ? {} : { bigpost: String(location.bigpostLocalityId) }),
  };
}

/** What a platform adapter needs of a location: the address and the platforms' own references. */
export function pickupPointFor(location: LocationRecord): PickupPoint {
  const platformRefs = platformRefsOf(location);
  return {
    name: location.name,
    ...(location.addressLine1 === undefined ? {} : { addressLine1: location.addressLine1 }),
    suburb: location.suburb,
    postcode: location.postcode,
    state: location.state,
    ...(Object.keys(platformRefs).length === 0 ? {} : { platformRefs }),
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
