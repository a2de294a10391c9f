/// <reference lib="dom" />
/**
 * The rules page's delivery options in Chromium on the real build (#15): it says plainly that Shopify
 * checkouts cannot ask, the merchant chooses how each option is known, the tail-lift weight and depot
 * collection, a bad weight is marked on its field, and what is saved is what the API holds.
 */
import { describe, expect, it } from 'vitest';
import type { QuoteSettings } from '../../core/wire/admin-api-types.js';
import { chromiumSkipReason, createSandboxToken, signIn, watchForProblems } from './browser-support.js';
import { rateBridgeInChromium } from './browser-suite.js';

const skip = chromiumSkipReason();

describe.skipIf(skip !== undefined)('delivery options on the rules page in Chromium', () => {
  const suite = rateBridgeInChromium();

  it(
    'saves ask / assume / derive, the tail-lift weight and depot collection',
    { timeout: 60_000 },
    async () => {
      const { server, browser } = suite;
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const problems = watchForProblems(page);
      await signIn(page, server.demoLink);
      await page.goto(`${server.url}/admin/settings/rules`);
      await page.getByText('Shopify checkouts cannot ask').waitFor();
      await page.getByText(/Shopify orders always use your assumptions/).waitFor();

      await page.getByLabel('Authority to leave (no signature)').selectOption('ask');
      await page.getByLabel(/Assume goods may be left without a signature until the buyer answers/).check();
      await page.getByLabel('Business or home address').selectOption('assume');
      const weight = page.getByLabel('Tail-lift when any one package weighs more than');
      await weight.fill('0');
      await page.getByRole('button', { name: 'Save rules' }).click();
      await page.getByText('Enter a weight in kg from 1 to 2000, like 30.').waitFor();

      await weight.fill('45');
      await page.getByLabel('Offer collection from the nearest depots (Big Post)').check();
      await page.getByLabel('At most this many depots').fill('3');
      await page.getByRole('button', { name: 'Save rules' }).click();
      await page.getByText('Rules saved.').waitFor();

      const response = await page.request.get(`${server.url}/admin/api/rules`);
      const { rules } = (await response.json()) as { rules: QuoteSettings };
      expect(rules.deliveryOptions).toEqual({
        isBusiness: { how: 'assume', assume: false },
        tailLift: { how: 'over_weight', assume: false, overKg: 45 },
        authorityToLeave: { how: 'ask', assume: true },
        handUnload: { how: 'assume', assume: false },
        depotCollection: { offer: true, maxDepots: 3 },
      });
      expect(problems()).toEqual([]);
    },
  );
});
