/**
 * The rules page's GST setting and destination rules, seen in the live preview: a merchant past the first
 * run (live sandbox rates to Melbourne 3000) adds a postcode-range rule with a fixed price and watches every
 * previewed rate become that price with its GST beside it, then switches prices to ex GST and watches them
 * lose that GST, all before saving. Real server, real UI build, Chromium.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumSkipReason, eventually, screenshots, watchForProblems } from './browser-support.js';
import { rateBridgeInChromium } from './browser-suite.js';
import { walkFirstRun } from './first-run-walk.js';

const skip = chromiumSkipReason();

/** The previewed rates as [price, GST] cells. */
async function previewPrices(page: Page): Promise<string[][]> {
  const preview = page.getByRole('region', { name: 'Live preview' });
  const rows = await preview.locator('tbody tr').all();
  return Promise.all(
    rows.map(async (row) => (await row.locator('td').allInnerTexts()).slice(0, 2).map((text) => text.trim())),
  );
}

describe.skipIf(skip !== undefined)('GST and destination rules on the rules page in Chromium', () => {
  const suite = rateBridgeInChromium();

  it(
    'previews a fixed price for a postcode range with its GST, then the same ex GST, before saving',
    { timeout: 150_000 },
    async () => {
      const { server, browser } = suite;
      const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
      const run = await walkFirstRun(context, server);
      expect(run.firstRate).toContain('Live rates');
      const page = await context.newPage();
      const problems = watchForProblems(page);
      const shot = await screenshots('rules-prices');

      await page.goto(`${server.url}/admin/settings/rules`);
      await page.getByRole('heading', { level: 1, name: 'Rules' }).waitFor();
      // The preview quotes Melbourne 3000 at once, with each rate's GST inside its price.
      await eventually(async () => (await previewPrices(page)).length).toBeGreaterThan(0);
      await eventually(async () =>
        (await previewPrices(page)).every(([, gst]) => /^incl\. \$/.test(gst ?? '')),
      ).toBe(true);

      await page.getByRole('button', { name: 'Add a destination rule' }).click();
      await page.getByLabel('Rule 1 applies to', { exact: true }).selectOption('range');
      await page.getByLabel('Rule 1 from postcode', { exact: true }).fill('3000');
      await page.getByLabel('Rule 1 to postcode', { exact: true }).fill('3099');
      await page.getByLabel('Rule 1 action', { exact: true }).selectOption('fixed');
      await page.getByLabel('Rule 1 amount', { exact: true }).fill('9.90');
      await eventually(async () => (await previewPrices(page)).every(([price]) => price === '$9.90')).toBe(
        true,
      );
      expect((await previewPrices(page)).map(([, gst]) => gst)).toEqual(
        (await previewPrices(page)).map(() => 'incl. $0.90'),
      );
      const preview = page.getByRole('region', { name: 'Live preview' });
      expect(await preview.innerText()).toContain('postcode rule 1 (3000-3099): fixed 990c');
      await shot(page, 'fixed-price-inclusive');

      await page.getByLabel('Show shipping prices', { exact: true }).selectOption('exclusive');
      await eventually(async () =>
        (await previewPrices(page)).every(([price, gst]) => price === '$9.00' && gst === '+ $0.90'),
      ).toBe(true);
      await shot(page, 'fixed-price-exclusive');

      // A backwards range is caught before it is sent, on its own field.
      await page.getByLabel('Rule 1 from postcode', { exact: true }).fill('3100');
      await page.getByRole('button', { name: 'Save rules' }).click();
      await eventually(() => page.getByText('The range ends before it starts.').isVisible()).toBe(true);

      await page.getByLabel('Rule 1 from postcode', { exact: true }).fill('3000');
      await page.getByRole('button', { name: 'Save rules' }).click();
      await eventually(() => page.getByText('Rules saved.', { exact: false }).isVisible()).toBe(true);
      const saved = await page.request.fetch(`${server.url}/admin/api/rules`);
      expect(((await saved.json()) as { rules: unknown }).rules).toMatchObject({
        gst: { display: 'exclusive' },
        postcodeRules: [
          { match: { kind: 'range', from: '3000', to: '3099' }, action: { kind: 'fixed', priceCents: 990 } },
        ],
      });
      expect(problems()).toEqual([]);
      await context.close();
    },
  );
});
