/// <reference lib="dom" />
/**
 * The rules page's delivery options in Chromium on the real build (#15): it says plainly that Shopify
 * checkouts cannot ask, the merchant chooses how each option is known, the tail-lift weight and depot
 * collection, a bad weight is marked on its field, and what is saved is what the API holds; a quote's
 * rate-log entry shows what was asked for, and each pickup group's own options when the groups differed.
 */
import { describe, expect, it } from 'vitest';
import type { LocationsResponse, QuoteSettings } from '../../core/wire/admin-api-types.js';
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
      // The cost of depots is said where they are offered: each one is a Big Post call against its budget.
      await page
        .getByText(/Each depot costs one more Big Post call .* 60 calls a minute and 2,000 a day/)
        .waitFor();
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

      // A quote with these rules: its rate-log entry says what was asked for and how each was known.
      const api = (path: string, data: unknown) =>
        page.request.fetch(`${server.url}/admin/api${path}`, {
          method: path === '/packaging-settings/default-box' ? 'PUT' : 'POST',
          headers: { origin: server.url, 'content-type': 'application/json' },
          data,
        });
      const token = await createSandboxToken(server.url, 'rules-delivery', 'test');
      await api('/connections', { platform: 'sandbox', environment: 'test', label: 'Sandbox', token });
      await api('/locations', { name: 'Sydney DC', suburb: 'Sydney', postcode: '2000', state: 'NSW' });
      await api('/packaging-settings/default-box', {
        type: 'carton',
        lengthCm: 40,
        widthCm: 30,
        heightCm: 20,
        tareWeightKg: 0,
      });
      const quoted = await api('/quotes/test', {
        destination: { country: 'AU', postcode: '3000', state: 'VIC' },
        lines: [{ sku: 'HEAVY', quantity: 1, grams: 50_000 }],
      });
      const { diagnostics } = (await quoted.json()) as { diagnostics: { id: string } };
      await page.goto(`${server.url}/admin/settings/rate-log/${encodeURIComponent(diagnostics.id)}`);
      const asked = page.getByRole('region', { name: 'Delivery asked for' });
      await asked.getByText('Tail-lift truck').waitFor();
      await asked.getByText('Derived (company name or package weight)').waitFor();
      await asked.getByText('Home address').waitFor();

      // Two consignments: a 50 kg crate from Sydney (over 45 kg: a tail-lift), a 2 kg parcel from Melbourne
      // (none). Each group's own options show in its row; the summary says they differed.
      await api('/locations', { name: 'Melbourne DC', suburb: 'Melbourne', postcode: '3000', state: 'VIC' });
      const listed = await page.request.get(`${server.url}/admin/api/locations`);
      const { locations } = (await listed.json()) as LocationsResponse;
      const idOf = (name: string) => locations.find((l) => l.name === name)?.id ?? name;
      const carton = (weightKg: number, location: string) =>
        page.request.put(`${server.url}/admin/api/packaging/sku:${weightKg}KG`, {
          headers: { origin: server.url, 'content-type': 'application/json' },
          data: {
            packages: [{ type: 'carton', lengthCm: 40, widthCm: 40, heightCm: 40, weightKg }],
            locationIds: [idOf(location)],
          },
        });
      expect((await carton(50, 'Sydney DC')).status()).toBe(200);
      expect((await carton(2, 'Melbourne DC')).status()).toBe(200);
      const split = await api('/quotes/test', {
        destination: { country: 'AU', postcode: '2000', state: 'NSW' },
        lines: [
          { sku: '50KG', quantity: 1 },
          { sku: '2KG', quantity: 1 },
        ],
      });
      const splitId = ((await split.json()) as { diagnostics: { id: string } }).diagnostics.id;
      await page.goto(`${server.url}/admin/settings/rate-log/${encodeURIComponent(splitId)}`);
      const groups = page.getByRole('region', { name: 'Packages per pickup location' });
      const row = (name: string) => groups.getByRole('row').filter({ hasText: name });
      await groups.getByRole('columnheader', { name: 'Delivery asked for' }).waitFor();
      await row('Sydney DC').getByText('Tail-lift truck: Derived (company name or package weight)').waitFor();
      await row('Melbourne DC').getByText('No tail-lift: Derived (company name or package weight)').waitFor();
      expect(await row('Melbourne DC').getByText('Tail-lift truck').count()).toBe(0);
      await row('Sydney DC').getByText('Home address: Your assumption').waitFor();
      const summary = page.getByRole('region', { name: 'Delivery asked for' });
      await summary.getByText(/were asked with different options/).waitFor();
      await summary.getByText('Tail-lift truck').waitFor();
      expect(problems()).toEqual([]);
    },
  );
});
