/**
 * A packaging CSV with a bad row: nothing is imported and the problem is shown with its line; the fixed
 * file then imports. Real server, real UI build, Chromium.
 */
import { describe, expect, it } from 'vitest';
import { chromiumSkipReason, eventually, screenshots, signIn, watchForProblems } from './browser-support.js';
import { rateBridgeInChromium } from './browser-suite.js';

const skip = chromiumSkipReason();
const HEADER = 'sku,package_type,length_cm,width_cm,height_cm,weight_kg,quantity';

describe.skipIf(skip !== undefined)('the packaging CSV import in Chromium', () => {
  const suite = rateBridgeInChromium();

  it(
    'reports a bad row with its line and imports nothing, then imports the fixed file',
    { timeout: 60_000 },
    async () => {
      const { server, browser } = suite;
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const problems = watchForProblems(page);
      const shot = await screenshots('packaging-csv');
      await signIn(page, server.demoLink);
      await eventually(() => page.getByRole('heading', { level: 1 }).first().isVisible()).toBe(true);
      await page.getByRole('link', { name: 'Products and packaging', exact: true }).click();
      await eventually(() =>
        page.getByRole('heading', { level: 1, name: 'Products and packaging' }).isVisible(),
      ).toBe(true);
      const profiles = page.getByRole('region', { name: 'Packaging per product' });
      await eventually(() => profiles.innerText()).toContain('No product has packaging of its own yet');

      // Line 1 is the header: the 1,200 kg carton (weighed in grams) is on line 3.
      const bad = [
        HEADER,
        'CHAIR,carton,60,50,90,12,1',
        'DESK,carton,120,60,10,1200,1',
        'LAMP,satchel,30,20,10,1.5,1',
      ].join('\n');
      const input = page.locator('input[type="file"]');
      await input.setInputFiles({ name: 'catalogue.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
      const problemsTable = page.getByRole('region', { name: 'Problems in catalogue.csv' });
      await eventually(() => problemsTable.isVisible()).toBe(true);
      const tableText = await problemsTable.innerText();
      expect(tableText).toContain('Line 3');
      expect(tableText).toMatch(/weight_kg: A carton of 1200 kg is heavier than 1000 kg/);
      expect(tableText).not.toContain('Line 2');
      expect(await page.getByText(/Nothing was imported: the file has 1 problem/).isVisible()).toBe(true);
      await shot(page, 'bad-row');
      await page.reload();
      await eventually(() => profiles.innerText()).toContain('No product has packaging of its own yet');

      const good = bad.replace('1200,1', '12,1');
      await page
        .locator('input[type="file"]')
        .setInputFiles({ name: 'catalogue-fixed.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
      await eventually(() => page.getByText('Imported catalogue-fixed.csv').isVisible()).toBe(true);
      expect(await page.getByText('3 rows read; packaging saved for 3 products.').isVisible()).toBe(true);
      await eventually(() => profiles.innerText()).toContain('DESK');
      const listed = await profiles.innerText();
      expect(listed).toContain('1 × carton 120×60×10 cm, 12 kg');
      expect(listed).toContain('LAMP');
      await shot(page, 'imported');
      expect(problems()).toEqual([]);
    },
  );
});
