/** The one default location: while any location exists exactly one is the default. */
import type { LocationRecord } from './location-record.js';

export function withoutDefault(locations: readonly LocationRecord[], at: string): LocationRecord[] {
  return locations.map((location) =>
    location.isDefault ? { ...location, isDefault: false, updatedAt: at } : location,
  );
}

/** Exactly one default while any location exists: the first flagged, else the oldest. */
export function withOneDefault(locations: readonly LocationRecord[], at: string): LocationRecord[] {
  const chosen = locations.find((location) => location.isDefault) ?? locations[0];
  return locations.map((location) => {
    const isDefault = location === chosen;
    return location.isDefault === isDefault ? location : { ...location, isDefault, updatedAt: at };
  });
}
