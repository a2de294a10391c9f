/**
 * The merchant's boxes and the packing picture in Chromium: a box added on the packaging page appears in
 * its table, and a test quote of six books draws that box (an SVG with one block per book) with the list
 * of what is inside. Real server, real UI build, the sandbox platform.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  chromiumSkipReason,
  createSandboxToken,
  eventually,
  screenshots,
  signIn,
  watchForProblems,
} from './browser-support.js';
import { rateBridgeInChromium } from './browser-suite.js';

const skip = chromiumSkipReason();

/** The admin API from inside the signed-in page (same origin, its session cookie). */
async function api(page: Page, method: string, path: string, body?: unknown): Promise<number> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const response = await fetch(`/admin/api${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return response.status;
    },
    { method, path, body },
  );
}

describe.skipIf(skip !== undefined)('boxes and the packing picture in Chromium', () => {
  const suite = rateBridgeInChromium();

  it(
    'adds a box on the packaging page, then draws six books packed into it',
    { timeout: 90_000 },
    async () => {
      const { server, browser } = suite;
      const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
      const problems = watchForProblems(page);
      const shot = await screenshots('packing-picture');
      await signIn(page, server.demoLink);
      const token = await createSandboxToken(server.url, 'packing');
      const connection = { platform: 'sandbox', environment: 'test', label: 'Sandbox', token };
      expect(await api(page, 'POST', '/connections', connection)).toBe(201);
      const warehouse = { name: 'Richmond', suburb: 'Richmond', postcode: '3121', state: 'VIC' };
      expect(await api(page, 'POST', '/locations', warehouse)).toBe(201);
      const book = { type: 'carton', lengthCm: 20, widthCm: 15, heightCm: 3, weightKg: 0.5 };
      expect(
        await api(page, 'PUT', `/packaging/${encodeURIComponent('sku:BOOK')}`, { packages: [book] }),
      ).toBe(200);

      await page.getByRole('link', { name: 'Products and packaging', exact: true }).click();
      const boxes = page.getByRole('region', { name: 'Your boxes' });
      await eventually(() => boxes.innerText()).toContain('No boxes yet');
      await boxes.getByRole('button', { name: 'Add a box' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Name', { exact: true }).fill('Book box');
      // The outside measured smaller than the inside: refused, the error under the field.
      await dialog.getByLabel('I measured the outside').check();
      await dialog.getByLabel('Outside length', { exact: true }).fill('39');
      await dialog.getByLabel('Outside width', { exact: true }).fill('31');
      await dialog.getByLabel('Outside height', { exact: true }).fill('21');
      await dialog.getByRole('button', { name: 'Save box' }).click();
      await eventually(() =>
        dialog.getByText('The outside cannot be smaller than the inside.', { exact: true }).isVisible(),
      ).toBe(true);
      await dialog.getByLabel('Outside length', { exact: true }).fill('41');
      await dialog.getByRole('button', { name: 'Save box' }).click();
      await eventually(() => boxes.innerText()).toContain('Book box');
      expect(await boxes.innerText()).toContain('40 × 30 × 20 cm');
      await shot(page, 'boxes');

      await page.goto(`${server.url}/admin/setup?step=test-quote`);
      await eventually(() => page.getByLabel('Quantity', { exact: true }).isVisible()).toBe(true);
      await page.getByLabel('Quantity', { exact: true }).fill('6');
      await page.getByLabel('Destination postcode', { exact: true }).fill('3000');
      await page.getByRole('button', { name: 'Get test rates' }).click();
      const packing = page.getByRole('region', { name: 'How the cart was packed' });
      await eventually(() => packing.isVisible()).toBe(true);
      const picture = packing.getByRole('img', { name: 'Box 1: Book box' });
      expect(await picture.isVisible()).toBe(true);
      // One block of three faces per book, all inside the drawing.
      expect(await picture.locator('polygon').count()).toBe(18);
      const text = await packing.innerText();
      expect(text).toContain('6 × BOOK');
      expect(text).toContain('41 × 31 × 21 cm');
      expect(text).toContain('3.4 kg of 20 kg');
      await shot(page, 'packing-picture');
      expect(problems()).toEqual([]);
    },
  );
});
