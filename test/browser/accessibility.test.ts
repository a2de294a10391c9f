/// <reference lib="dom" />
/**
 * Every control on every admin page has an accessible name and can be reached with the keyboard: checked in
 * Chromium on the real build, with data on the pages (a connection, a location, a packaging profile, a
 * quote in the rate log), so tables, forms and their buttons are all there.
 */
import { describe, expect, it } from 'vitest';
import { chromiumSkipReason, createSandboxToken, signIn, watchForProblems } from './browser-support.js';
import { unlabelledOrUnreachable } from './accessibility-check.js';
import { rateBridgeInChromium } from './browser-suite.js';

const skip = chromiumSkipReason();
const PAGES = [
  '/settings/connections',
  '/settings/locations',
  '/settings/packaging',
  '/settings/rules',
  '/settings/rate-log',
  '/settings/connector-keys',
  '/settings/woocommerce',
  '/setup',
];

describe.skipIf(skip !== undefined)('accessibility of every admin page in Chromium', () => {
  const suite = rateBridgeInChromium();

  it('labels every control and lets the keyboard reach it, on every page', { timeout: 90_000 }, async () => {
    const { server, browser } = suite;
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = watchForProblems(page);
    await signIn(page, server.demoLink);
    await page.getByRole('heading', { name: 'Connect your freight platform' }).waitFor();

    // Data on every page, through the same API the UI uses (the page's session cookie).
    const api = (method: string, path: string, data?: unknown) =>
      page.request.fetch(`${server.url}/admin/api${path}`, {
        method,
        // As the admin's own fetch calls do: writes must name our origin.
        headers: {
          origin: server.url,
          ...(data === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(data === undefined ? {} : { data }),
      });
    const token = await createSandboxToken(server.url, 'a11y', 'test');
    expect(
      (
        await api('POST', '/connections', { platform: 'sandbox', environment: 'test', label: 'A11y', token })
      ).status(),
    ).toBe(201);
    expect(
      (
        await api('POST', '/locations', {
          name: 'Sydney DC',
          suburb: 'Sydney',
          postcode: '2000',
          state: 'NSW',
        })
      ).status(),
    ).toBe(201);
    expect(
      (
        await api('PUT', `/packaging/${encodeURIComponent('sku:CHAIR')}`, {
          packages: [{ type: 'carton', lengthCm: 60, widthCm: 50, heightCm: 90, weightKg: 12 }],
        })
      ).status(),
    ).toBe(200);
    expect(
      (
        await api('POST', '/quotes/test', {
          destination: { country: 'AU', postcode: '3000', state: 'VIC' },
          lines: [{ sku: 'CHAIR', quantity: 1 }],
        })
      ).status(),
    ).toBe(200);

    for (const path of PAGES) {
      await page.goto(`${server.url}/admin${path}`);
      await page.waitForLoadState('networkidle');
      await page.locator('h1').first().waitFor();
      expect(await unlabelledOrUnreachable(page), path).toEqual([]);
      // Tab moves focus onto the page's controls (focus is not trapped or lost).
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.tagName ?? 'BODY'), path).not.toBe('BODY');
    }
    expect(problems()).toEqual([]);
  });
});
