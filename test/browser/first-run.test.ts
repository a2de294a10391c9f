/**
 * A new merchant's first run, from the welcome page to the first live test rate (first-run-walk.ts), in at
 * most seven screens and with no copy-paste but the sandbox token. Its time goes into docs/performance.md
 * through `npm run measure:wizard`, never into an assertion.
 */
import { describe, expect, it } from 'vitest';
import { chromiumSkipReason } from './browser-support.js';
import { rateBridgeInChromium } from './browser-suite.js';
import { walkFirstRun } from './first-run-walk.js';

const skip = chromiumSkipReason();

describe.skipIf(skip !== undefined)("a new merchant's first run in Chromium", () => {
  const suite = rateBridgeInChromium();

  it(
    'goes from / through a sandbox token and the wizard to a live rate in at most seven screens, pasting only the token',
    { timeout: 120_000 },
    async () => {
      const { server, browser } = suite;
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const run = await walkFirstRun(context, server);
      await context.close();

      expect(run.screens).toEqual([
        'RateBridge',
        'Sandbox freight platform',
        'Sign in to RateBridge',
        'Connect your freight platform',
        'Add your pickup locations',
        'Describe your packaging',
        'Try a test quote',
      ]);
      expect(run.screens.length).toBeLessThanOrEqual(7);
      expect(run.token).toMatch(/^sbx_test_/);
      expect(run.pastes).toEqual([run.token]);
      expect(run.firstRate).toContain('Live rates');
      expect(run.firstRate).toMatch(/\$\d+\.\d\d/);
      expect(run.elapsedMs).toBeGreaterThan(0);
      expect(run.problems).toEqual([]);
    },
  );
});
