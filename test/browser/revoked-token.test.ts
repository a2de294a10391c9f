/**
 * A token revoked in the platform: after a check, every page shows the revoked banner with its fix, and
 * following the fix (replace the token) clears it. Real server, real UI build, Chromium.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  chromiumSkipReason,
  eventually,
  createSandboxToken,
  revokeSandboxToken,
  screenshots,
  watchForProblems,
  signIn,
} from './browser-support.js';
import { rateBridgeInChromium } from './browser-suite.js';

const skip = chromiumSkipReason();
const REVOKED_TITLE = /RateBridge Sandbox no longer accepts the token of “Shop sandbox”/;

describe.skipIf(skip !== undefined)('a revoked token in Chromium', () => {
  const suite = rateBridgeInChromium();

  it(
    'shows the revoked banner with its fix on every page after a check, and clears it once replaced',
    { timeout: 90_000 },
    async () => {
      const { server, browser } = suite;
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const problems = watchForProblems(page);
      const shot = await screenshots('revoked-token');
      const token = await createSandboxToken(server.url, 'soon-revoked', 'test');

      // Without a session the admin explains how to sign in.
      await page.goto(`${server.url}/admin/`);
      await heading(page, 'Sign in to RateBridge');
      expect(await page.getByText('Open the sign-in link printed by npm start').isVisible()).toBe(true);
      await shot(page, 'signed-out');

      await signIn(page, server.demoLink);
      await heading(page, 'Connect your freight platform');
      await page.getByLabel('Freight platform', { exact: true }).selectOption('sandbox');
      await page.getByLabel('Connection name', { exact: true }).fill('Shop sandbox');
      await page.getByLabel('API token', { exact: true }).fill(token);
      await page.getByRole('button', { name: 'Connect and verify' }).click();
      await heading(page, 'Add your pickup locations');
      expect(await alerts(page)).toBe('');

      await revokeSandboxToken(server.url, 'soon-revoked');
      await page.getByRole('link', { name: 'Connections', exact: true }).click();
      await heading(page, 'Connections');
      await page.getByRole('button', { name: 'Check Shop sandbox now' }).click();
      await eventually(() => alerts(page)).toMatch(REVOKED_TITLE);
      const alertText = await alerts(page);
      expect(alertText).toContain('Checkout is showing your fallback rates instead of live ones');
      expect(alertText).toContain('Create a new token in RateBridge Sandbox and replace it here.');
      expect(await page.getByText('Token revoked', { exact: true }).isVisible()).toBe(true);
      await shot(page, 'connections-revoked');

      // Every page carries the banner, with its fix one click away.
      for (const [link, title] of [
        ['Rules', 'Rules'],
        ['Setup', 'Add your pickup locations'],
        ['Rate log', 'Rate log'],
      ] as const) {
        await page.getByRole('link', { name: link, exact: true }).click();
        await heading(page, title);
        await eventually(() => alerts(page)).toMatch(REVOKED_TITLE);
      }
      await shot(page, 'rate-log-with-banner');
      await page.getByTestId('connection-alert').getByRole('link', { name: 'Replace token' }).click();
      const dialog = page.getByRole('dialog', { name: 'Replace the token of “Shop sandbox”' });
      await eventually(() => dialog.isVisible()).toBe(true);
      await shot(page, 'replace-dialog');

      // The revoked token again is refused with its guidance; the connection stays as it was.
      await dialog.getByLabel('New API token', { exact: true }).fill(token);
      await dialog.getByRole('button', { name: 'Verify and replace' }).click();
      await eventually(() => dialog.innerText()).toContain('The freight platform did not accept this token');
      expect(await dialog.innerText()).toContain('POST /sandbox/api-tokens');

      const fresh = await createSandboxToken(server.url, 'replacement', 'test');
      await dialog.getByLabel('New API token', { exact: true }).fill(fresh);
      await dialog.getByRole('button', { name: 'Verify and replace' }).click();
      await eventually(() => dialog.isVisible()).toBe(false);
      await eventually(() => alerts(page)).toBe('');
      expect(await page.getByText('Active', { exact: true }).isVisible()).toBe(true);
      await shot(page, 'replaced');
      expect(problems()).toEqual([]);
    },
  );
});

async function heading(page: Page, name: string): Promise<void> {
  await eventually(() => page.getByRole('heading', { level: 1, name }).isVisible()).toBe(true);
}

/** The text of the connection banners shown on the current page ('' when none). */
async function alerts(page: Page): Promise<string> {
  return (await page.getByTestId('connection-alert').allInnerTexts()).join('\n');
}
