/// <reference lib="dom" />
/**
 * The server's own pages in Chromium against `node dist/server.js`: the welcome page at / (what this is,
 * where to go, live health) and the sandbox platform's token page at /sandbox, driven as a newcomer does —
 * create a named token, copy it, see it listed, use it, revoke it (with a confirmation) and flip the
 * behaviour switches — with the admin's keyboard and label rule on both. JSON clients keep coded answers.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { unlabelledOrUnreachable } from './accessibility-check.js';
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
const run = promisify(execFile);

/** What the sandbox answers a platform call made with `token` (its adapter's view of it). */
async function ping(url: string, token: string): Promise<{ status: number; code?: string }> {
  const response = await fetch(`${url}/sandbox/v1/ping`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'x-sandbox-environment': 'test' },
  });
  const body = (await response.json()) as { error?: { code: string } };
  return { status: response.status, ...(body.error ? { code: body.error.code } : {}) };
}

async function expectKeyboardAndLabels(page: Page, where: string): Promise<void> {
  expect(await unlabelledOrUnreachable(page), where).toEqual([]);
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.tagName ?? 'BODY'), where).not.toBe('BODY');
}

describe.skipIf(skip !== undefined)('the front door and the sandbox page in Chromium', () => {
  const suite = rateBridgeInChromium();

  it(
    '/ is a page saying what RateBridge is, with the admin, the sandbox, health and docs',
    { timeout: 60_000 },
    async () => {
      const { server, browser } = suite;
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const problems = watchForProblems(page);
      const shot = await screenshots('front-door');
      await page.goto(`${server.url}/`);
      await page.getByRole('heading', { level: 1, name: 'RateBridge' }).waitFor();
      await page.getByText('Ready (store: embedded)').waitFor();
      await page.getByRole('heading', { name: 'Documentation' }).waitFor();
      expect(await page.getByRole('link', { name: 'Open the admin' }).getAttribute('href')).toBe('/admin/');
      expect(await page.getByRole('link', { name: '/readyz' }).getAttribute('href')).toBe('/readyz');
      await shot(page, 'welcome');
      await expectKeyboardAndLabels(page, '/');

      await page.getByRole('link', { name: 'Open the sandbox' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sandbox freight platform' }).waitFor();
      expect(problems()).toEqual([]);

      // A JSON client is not sent HTML: / keeps its coded answer, /sandbox the platform's own.
      const json = await fetch(`${server.url}/`, { headers: { accept: 'application/json' } });
      expect(json.status).toBe(404);
      expect(await json.json()).toMatchObject({ error: { code: 'RB_ERR_ROUTE_NOT_FOUND' } });
      const sandboxJson = await fetch(`${server.url}/sandbox`, { headers: { accept: 'application/json' } });
      expect(await sandboxJson.json()).toMatchObject({ error: { code: 'route_not_found' } });
    },
  );

  it(
    'creates a named token shown once, copies it, lists it, revokes it with a confirmation',
    { timeout: 90_000 },
    async () => {
      const { server, browser } = suite;
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
      const page = await context.newPage();
      const problems = watchForProblems(page);
      const shot = await screenshots('sandbox-page');
      await page.goto(`${server.url}/sandbox`);
      await page.getByText('No API tokens yet').waitFor();
      await expectKeyboardAndLabels(page, '/sandbox');

      // Keyboard only: type the name and press Enter.
      await page.getByLabel('Token name').fill('My shop');
      await page.getByLabel('Token name').press('Enter');
      const field = page.getByLabel('API token', { exact: true });
      await field.waitFor();
      const token = await field.inputValue();
      expect(token).toMatch(/^sbx_test_[A-Za-z0-9_-]{32}$/);
      await page.getByText('Copy the token now: it is shown only this once').waitFor();
      await shot(page, 'token-shown-once');
      await page.getByRole('button', { name: 'Copy api token' }).click();
      await page.getByRole('status').filter({ hasText: 'API token copied' }).waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
      expect(await ping(server.url, token)).toEqual({ status: 200 });

      // Done: the value is gone from the page for good, and the list shows the token without it.
      await page.getByRole('button', { name: 'Done' }).click();
      const row = page.getByRole('row').filter({ hasText: 'My shop' });
      await eventually(() => row.count()).toBe(1);
      await page.reload();
      await eventually(() => row.textContent()).toMatch(/My shop.*…\S{4}.*Test.*Active/);
      expect(await row.textContent()).not.toMatch(/Never/);
      expect(await page.content()).not.toContain(token);
      await expectKeyboardAndLabels(page, '/sandbox with a token');

      // Unique names: a second "My shop" is refused under the field.
      await page.getByLabel('Token name').fill('My shop');
      await page.getByRole('button', { name: 'Create token' }).click();
      await page.getByText('A token with this name already exists. Choose another name.').waitFor();

      await page.getByRole('button', { name: 'Revoke My shop' }).click();
      const dialog = page.getByRole('dialog', { name: 'Revoke “My shop”?' });
      await dialog.getByRole('button', { name: 'Keep it' }).click();
      await eventually(() => dialog.count()).toBe(0);
      expect(await ping(server.url, token)).toEqual({ status: 200 });
      await page.getByRole('button', { name: 'Revoke My shop' }).click();
      await shot(page, 'revoke-confirm');
      await dialog.getByRole('button', { name: 'Revoke token' }).click();
      await eventually(() => row.textContent()).toMatch(/Revoked/);
      expect(await ping(server.url, token)).toEqual({ status: 401, code: 'invalid_token' });
      await shot(page, 'revoked');
      expect(problems()).toEqual([]);
      await context.close();
    },
  );

  it(
    'flips the behaviour switches: an error status, a hang, and back to normal',
    { timeout: 60_000 },
    async () => {
      const { server, browser } = suite;
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const problems = watchForProblems(page);
      const token = await createSandboxToken(server.url, 'switches', 'test');
      await page.goto(`${server.url}/sandbox`);
      await page.getByText('Normal: every call answers at once.').waitFor();

      await page.getByLabel('Error status').selectOption('503');
      await page.getByRole('button', { name: 'Save behaviour' }).click();
      await page.getByText('Every platform call answers 503.').waitFor();
      expect(await ping(server.url, token)).toEqual({ status: 503, code: 'injected_status' });

      await page.getByLabel('Error status').selectOption('');
      await page.getByLabel('Latency').fill('250');
      await page.getByLabel('Hang: never answer').check();
      await page.getByRole('button', { name: 'Save behaviour' }).click();
      await page.getByText('Every platform call waits 250 ms, never answers.').waitFor();
      const behaviour = await fetch(`${server.url}/sandbox/behaviour`).then((r) => r.json());
      expect(behaviour).toEqual({
        behaviour: { latencyMs: 250, failRate: 0, hang: true, status: null, retryAfterSeconds: 1 },
      });

      await page.getByRole('button', { name: 'Back to normal' }).click();
      await page.getByText('Normal: every call answers at once.').waitFor();
      expect(await page.getByLabel('Hang: never answer').isChecked()).toBe(false);
      expect(await ping(server.url, token)).toEqual({ status: 200 });
      expect(problems()).toEqual([]);
    },
  );
  it('the connector keys page downloads the WordPress plugin as its zip', { timeout: 60_000 }, async () => {
    const { server, browser } = suite;
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, server.demoLink);
    await page.goto(`${server.url}/admin/settings/connector-keys`);
    const button = page.getByRole('link', { name: 'Download the plugin (zip)' });
    await eventually(() => button.getAttribute('aria-disabled')).not.toBe('true');
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toMatch(/^ratebridge-shipping-\d+\.\d+\.\d+\.zip$/);
    const saved = await download.path();
    const { stdout } = await run('unzip', ['-Z1', saved]);
    expect(stdout.split('\n')).toContain('ratebridge-shipping/ratebridge-shipping.php');
    await context.close();
  });
});
