/**
 * A newcomer signs in with the demo link, pastes a sandbox token, and goes through the wizard to live rates
 * and a connector key, in at most five screens, with the real server, the real UI build and Chromium.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  chromiumSkipReason,
  eventually,
  createSandboxToken,
  screenshots,
  watchForProblems,
  signIn,
} from './browser-support.js';
import { rateBridgeInChromium } from './browser-suite.js';

const skip = chromiumSkipReason();

describe.skipIf(skip !== undefined)('the onboarding wizard in Chromium', () => {
  const suite = rateBridgeInChromium();

  it(
    'takes a newcomer with a sandbox token to live rates in at most five screens',
    { timeout: 90_000 },
    async () => {
      const { server, browser } = suite;
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const problems = watchForProblems(page);
      const shot = await screenshots('onboarding-wizard');
      const screens: string[] = [];
      const screen = async (title: string) => {
        await eventually(() => page.getByRole('heading', { level: 1, name: title }).isVisible()).toBe(true);
        screens.push(title);
        await shot(page, `step-${screens.length}`);
      };
      const token = await createSandboxToken(server.url, 'newcomer-shop', 'test');

      // Screen 1: connect. The sign-in link lands straight on the first step.
      await signIn(page, server.demoLink);
      await screen('Connect your freight platform');
      expect(new URL(page.url()).pathname).toBe('/admin/');
      await eventually(() => page.getByText('Step 1 of 5').isVisible()).toBe(true);
      await page.getByLabel('Freight platform', { exact: true }).selectOption('sandbox');
      expect(await page.getByLabel('Environment', { exact: true }).inputValue()).toBe('test');
      const tokenField = page.getByLabel('API token', { exact: true });
      await tokenField.fill(token);
      expect(await tokenField.getAttribute('type')).toBe('password');
      await page.getByRole('button', { name: 'Show token' }).click();
      expect(await tokenField.getAttribute('type')).toBe('text');
      await page.getByRole('button', { name: 'Connect and verify' }).click();

      // Screen 2: pickup locations, imported from the sandbox account's warehouses.
      await screen('Add your pickup locations');
      await page.getByRole('button', { name: /^Import warehouses from .*Sandbox \(test\)$/ }).click();
      await eventually(() => textOf(page, 'role=status')).toMatch(
        /Imported from .*Sandbox \(test\): 3 added/,
      );
      for (const name of ['Sydney DC', 'Melbourne DC', 'Brisbane DC']) {
        await eventually(() => page.getByText(name, { exact: true }).isVisible()).toBe(true);
      }
      await page.getByRole('button', { name: 'Continue', exact: true }).click();

      // Screen 3: packaging: the suggested default box, saved.
      await screen('Describe your packaging');
      await eventually(() => page.getByRole('button', { name: 'Continue', exact: true }).isDisabled()).toBe(
        true,
      );
      await page.getByRole('button', { name: 'Save default box' }).click();
      await eventually(() => page.getByText('Default box saved.').isVisible()).toBe(true);
      await page.getByRole('button', { name: 'Continue', exact: true }).click();

      // Screen 4: a test quote to a suburb picked from the autocomplete.
      await screen('Try a test quote');
      // By keyboard, as a combobox is meant to be used: type, arrow down to the suggestion, Enter.
      await page.getByLabel('Destination suburb', { exact: true }).fill('Bondi Be');
      await eventually(() => page.getByRole('option', { name: 'Bondi Beach NSW 2026' }).isVisible()).toBe(
        true,
      );
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await eventually(() => page.getByLabel('Destination postcode', { exact: true }).inputValue()).toBe(
        '2026',
      );
      expect(await page.getByLabel('Destination postcode', { exact: true }).inputValue()).toBe('2026');
      expect(await page.getByLabel('Destination state', { exact: true }).inputValue()).toBe('NSW');
      await page.getByRole('button', { name: 'Get test rates' }).click();
      const rates = page.getByRole('region', { name: 'Rates checkout would show' });
      await eventually(() => rates.isVisible()).toBe(true);
      const ratesText = await rates.innerText();
      expect(ratesText).toContain('Live rates');
      expect(ratesText).toMatch(/\$\d+\.\d\d/);
      expect(ratesText).toMatch(/Answered in \d+ ms/);
      expect(ratesText).toContain('Platform calls');
      expect(ratesText).toMatch(/Sydney DC/);
      expect(await page.getByRole('img', { name: /Latency of each platform call/ }).isVisible()).toBe(true);
      await shot(page, 'step-4-rates');
      await page.getByRole('button', { name: 'Continue', exact: true }).click();

      // Screen 5: go live: a connector key, its secret shown once with where to paste it.
      await screen('Go live at checkout');
      await page.getByRole('button', { name: 'Create connector key' }).click();
      const unavailable = page.getByText('Connector keys are not available on this server');
      await eventually(
        async () =>
          (await unavailable.isVisible()) || (await page.getByText('Copy the secret now').isVisible()),
      ).toBe(true);
      if (await unavailable.isVisible()) {
        throw new Error(
          'POST /admin/api/connector-keys answered 404: server.ts must mount the WooCommerce bridge admin routes at /admin/api',
        );
      }
      expect(await page.getByLabel('Bridge URL', { exact: true }).inputValue()).toBe(server.url);
      expect(await page.getByLabel('Key id', { exact: true }).inputValue()).not.toBe('');
      expect((await page.getByLabel('Key secret', { exact: true }).inputValue()).length).toBeGreaterThan(16);
      expect(await page.getByText('WooCommerce → Settings → Shipping').isVisible()).toBe(true);
      await shot(page, 'step-5-key');
      await page.getByRole('button', { name: 'Finish setup' }).click();

      await eventually(() => page.getByRole('heading', { level: 1, name: 'Connections' }).isVisible()).toBe(
        true,
      );
      await eventually(() => page.getByText('Setup is complete').isVisible()).toBe(true);
      await shot(page, 'done');
      expect(screens).toEqual([
        'Connect your freight platform',
        'Add your pickup locations',
        'Describe your packaging',
        'Try a test quote',
        'Go live at checkout',
      ]);
      expect(screens.length).toBeLessThanOrEqual(5);

      // Resumable: signed in again later, the admin opens on settings, not on step 1.
      await page.goto(`${server.url}/admin/`);
      await eventually(() => page.getByRole('heading', { level: 1, name: 'Connections' }).isVisible()).toBe(
        true,
      );
      expect(problems()).toEqual([]);
    },
  );
});

async function textOf(page: Page, selector: string): Promise<string> {
  return (await page.locator(selector).allInnerTexts()).join('\n');
}
