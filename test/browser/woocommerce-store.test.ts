/**
 * The WooCommerce store screen in Chromium, on the real build against the fake WooCommerce (plain http on
 * this machine, so WOOCOMMERCE_ALLOW_LOCAL_STORES): what the key grant needs is checked and explained
 * before the merchant leaves, pasted keys connect the store with the keyboard alone, and the link's
 * health (key, units, webhooks) is shown.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeWooCommerce, type FakeWooCommerce } from '../fakes/woocommerce/index.js';
import { chromiumSkipReason, eventually, screenshots, signIn, watchForProblems } from './browser-support.js';
import { rateBridgeInChromium } from './browser-suite.js';

const skip = chromiumSkipReason();

describe.skipIf(skip !== undefined)('the WooCommerce store screen in Chromium', () => {
  const suite = rateBridgeInChromium({ WOOCOMMERCE_ALLOW_LOCAL_STORES: 'true' });
  let fake: FakeWooCommerce;
  beforeAll(async () => {
    // The screen shows the webhooks as WooCommerce lists them; no delivery has to reach the server here.
    fake = await startFakeWooCommerce({ protocol: 'http', products: 4 });
  });
  afterAll(async () => {
    await fake.close();
  });

  it(
    'explains the key grant before the merchant leaves, connects pasted keys and shows the link',
    { timeout: 90_000 },
    async () => {
      const { server, browser } = suite;
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const problems = watchForProblems(page);
      const shot = await screenshots('woocommerce-store');
      await signIn(page, server.demoLink);
      await page.goto(`${server.url}/admin/settings/woocommerce`);
      await heading(page, 'WooCommerce store');
      await eventually(() => page.getByRole('heading', { name: 'Connect your store' }).isVisible()).toBe(
        true,
      );

      // The grant's needs, told before any link to the store is offered.
      expect(await page.getByRole('link', { name: /your store|key grant anyway/ }).count()).toBe(0);
      await page.getByLabel('Store address', { exact: true }).fill(fake.url);
      await page.getByLabel('Store address', { exact: true }).press('Enter');
      const needs = page.getByRole('region', { name: 'What the key grant needs' });
      await eventually(() => needs.innerText()).toContain('The key grant will probably fail');
      const explained = await needs.innerText();
      expect(explained).toContain('WooCommerce sends the keys only to an https address');
      expect(explained).toContain('WordPress calls only ports 80, 443 and 8080');
      expect(explained).toContain("OK: WooCommerce's REST API answers (pretty permalinks are on).");
      const grant = needs.getByRole('link', { name: 'Try the key grant anyway' });
      expect(await grant.getAttribute('href')).toBe(
        `${server.url}/woocommerce/connect?store_url=${encodeURIComponent(fake.url)}`,
      );
      await shot(page, 'grant-needs');

      // Pasted keys, with the keyboard: Tab between the fields, Enter submits.
      const key = fake.issueKey();
      await page.getByLabel('Consumer key', { exact: true }).fill(key.consumerKey);
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('password');
      await page.keyboard.type(key.consumerSecret);
      await page.keyboard.press('Enter');

      const health = page.getByRole('region', { name: 'Link health' });
      await eventually(() => health.isVisible()).toBe(true);
      await eventually(() => health.innerText()).toContain('Accepted');
      const shown = await health.innerText();
      expect(shown).toContain(fake.url);
      expect(shown).toContain('Connected');
      expect(shown).toContain('kg and cm');
      expect(shown).not.toContain(key.consumerSecret);
      expect(await page.getByRole('heading', { name: 'Connect again' }).isVisible()).toBe(true);
      // The webhooks' state, once the check after their registration ran.
      await eventually(async () => {
        await page.getByRole('button', { name: 'Refresh' }).click();
        return health.innerText();
      }).toMatch(/product\.updated:\s*(Success\s*)?Active/);
      await shot(page, 'connected');
      expect(problems()).toEqual([]);
    },
  );
});

async function heading(page: Page, name: string): Promise<void> {
  await eventually(() => page.getByRole('heading', { level: 1, name }).isVisible()).toBe(true);
}
