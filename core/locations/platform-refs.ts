/**
 * A location's platform references split by kind (freight-platform.ts `pickupRef`): warehouse links the
 * merchant sets, and suburb ids a platform looks up (kept with them, those of platforms this process
 * does not run).
 */
import type { PlatformName, PlatformRefs } from '../platforms/freight-platform.js';
import type { PlatformRegistry } from '../platforms/registry.js';

/**
 * The references of `refs` that are not warehouse links: suburb ids, and those of platforms this
 * process does not run (kept, not lost, when a location is saved while such a platform is off).
 */
export function suburbRefsOf(platforms: PlatformRegistry, refs: PlatformRefs | undefined): PlatformRefs {
  return Object.fromEntries(
    Object.entries(refs ?? {}).filter(
      ([name]) => platforms.get(name as PlatformName)?.pickupRef.kind !== 'warehouse',
    ),
  );
}

/** The references of `refs` that are warehouse links. */
export function linkRefs(platforms: PlatformRegistry, refs: PlatformRefs | undefined): PlatformRefs {
  return Object.fromEntries(
    Object.entries(refs ?? {}).filter(
      ([name]) => platforms.get(name as PlatformName)?.pickupRef.kind === 'warehouse',
    ),
  );
}

/** The references that are set, as a record field (left out when there are none). */
export function withRefs(refs: Partial<Record<PlatformName, string | undefined>>): {
  platformRefs?: PlatformRefs;
} {
  const set = withoutNulls(refs);
  return Object.keys(set).length === 0 ? {} : { platformRefs: set };
}

export function withoutNulls(refs: Partial<Record<PlatformName, string | null | undefined>>): PlatformRefs {
  return Object.fromEntries(
    Object.entries(refs).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}
