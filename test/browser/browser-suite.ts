/**
 * The set-up every browser suite shares: `node dist/server.js` (startRateBridge) and Debian's Chromium,
 * started before the suite's tests and stopped after them. Read `server` and `browser` inside a test.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium, startRateBridge, type RunningRateBridge } from './browser-support.js';

export interface RateBridgeInChromium {
  readonly server: RunningRateBridge;
  readonly browser: Browser;
}

/** `env`: configuration on top of the suite defaults (startRateBridge's `extraEnv`). */
export function rateBridgeInChromium(env: Record<string, string> = {}): RateBridgeInChromium {
  let server: RunningRateBridge | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startRateBridge(env);
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not running: read it inside a test`);
    return value;
  };
  return {
    get server() {
      return started(server, 'RateBridge');
    },
    get browser() {
      return started(browser, 'Chromium');
    },
  };
}
