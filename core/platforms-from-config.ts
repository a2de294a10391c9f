/** The real freight platforms, pointed where config says (the sandbox only when it is enabled). */
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { createBigPostPlatform } from './platforms/bigpost/index.js';
import type { FreightPlatform } from './platforms/freight-platform.js';
import { createMachShipPlatform } from './platforms/machship/index.js';
import { createSandboxPlatform } from './platforms/sandbox/index.js';

export function platformsFromConfig(config: Config, logger?: Logger): FreightPlatform[] {
  const { timeoutMs } = config.platforms;
  const platforms = [
    createMachShipPlatform({
      baseUrl: config.platforms.machshipBaseUrl,
      timeoutMs,
      ...(logger ? { logger } : {}),
    }),
    createBigPostPlatform({
      liveBaseUrl: config.platforms.bigpostLiveUrl,
      testBaseUrl: config.platforms.bigpostTestUrl,
      timeoutMs,
    }),
  ];
  if (config.sandboxEnabled)
    platforms.push(createSandboxPlatform({ baseUrl: config.platforms.sandboxUrl, timeoutMs }));
  return platforms;
}
