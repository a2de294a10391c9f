import type { FreightPlatform, PlatformName } from './freight-platform.js';

/** The platforms this process can talk to, by name. Built from config in core/ratebridge.ts. */
export interface PlatformRegistry {
  get(name: PlatformName): FreightPlatform | undefined;
  list(): readonly FreightPlatform[];
}

export function createPlatformRegistry(platforms: readonly FreightPlatform[]): PlatformRegistry {
  const byName = new Map(platforms.map((platform) => [platform.name, platform]));
  return {
    get: (name) => byName.get(name),
    list: () => [...byName.values()],
  };
}
