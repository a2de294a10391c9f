/** Names are unique ignoring case, and a platform's warehouse is linked to at most one location. */
import type { ErrorDetail } from '../errors.js';
import { invalidInput } from '../catalog/input-error.js';
import type { PlatformName, PlatformRefs } from '../platforms/freight-platform.js';
import { nameKey, type LocationRecord } from './location-record.js';

export function refuseTaken(
  locations: readonly LocationRecord[],
  name: string,
  links: PlatformRefs,
  self: string | undefined,
  describe: (platform: PlatformName, id: string) => string,
): void {
  const problems: ErrorDetail[] = [];
  const key = nameKey(name);
  const twin = locations.find((location) => location.id !== self && nameKey(location.name) === key);
  if (twin)
    problems.push({
      path: 'name',
      message: `You already have a location named "${twin.name}". Choose another name.`,
    });
  for (const [platform, id] of Object.entries(links) as [PlatformName, string][]) {
    const linked = locations.find(
      (location) => location.id !== self && location.platformRefs?.[platform] === id,
    );
    if (linked) {
      problems.push({
        path: `platformRefs.${platform}`,
        message: `${describe(platform, id)} is already linked to "${linked.name}".`,
      });
    }
  }
  if (problems.length > 0) throw invalidInput(problems);
}
