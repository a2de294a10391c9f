/**
 * Incidents in the admin UI: an open incident shows as a banner with what to do on every page, and goes
 * once it is resolved. RateBridge runs in this process (so the test can open and resolve incidents the
 * way the checks do) on a real socket, serving the real UI build to Chromium.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../support/app-harness.js';
import {
  assertAdminUiBuilt,
  chromiumSkipReason,
  eventually,
  launchChromium,
  signIn,
  watchForProblems,
} from './browser-support.js';
import { freePort } from '../support/listen.js';
import { unlabelledOrUnreachable } from './accessibility-check.js';

const skip = chromiumSkipReason();
const TENANT = 'shop-incident-banner';
const KEY_TITLE = "Your WooCommerce store no longer accepts RateBridge's REST API key";

describe.skipIf(skip !== undefined)('incident banners in Chromium', () => {
  let app: AppHarness;
  let browser: Browser;
  let publicUrl: string;

  beforeAll(async () => {
    assertAdminUiBuilt();
    const port = await freePort();
    publicUrl = `http://localhost:${port}`;
    app = await startAppHarness({ env: { PORT: String(port), PUBLIC_URL: publicUrl } });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it(
    'shows an open incident with what to do on every page, and drops it once resolved',
    { timeout: 60_000 },
    async () => {
      const { core } = app.running.serverApp;
      await core.alerts.open(TENANT, { kind: 'store_key_revoked' });
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const problems = watchForProblems(page);
      await signIn(page, core.sessions.loginLink(TENANT));

      await eventually(() => incidents(page)).toContain(KEY_TITLE);
      expect(await incidents(page)).toContain('Product and packaging sync has stopped');
      for (const link of ['Rules', 'Rate log', 'Connections']) {
        await page.getByRole('link', { name: link, exact: true }).click();
        await eventually(() => page.getByRole('heading', { level: 1, name: link }).isVisible()).toBe(true);
        await eventually(() => incidents(page)).toContain(KEY_TITLE);
      }
      const whatToDo = page.getByTestId('incident-alert').getByRole('link', { name: 'What to do' });
      expect(await whatToDo.getAttribute('href')).toMatch(/\/settings\/connector-keys$/);
      // The banner keeps the admin's keyboard and label rule.
      expect(await unlabelledOrUnreachable(page)).toEqual([]);

      // A second condition appears beside the first on the next page change; resolving one removes only it.
      await core.alerts.open(TENANT, { kind: 'fallback_share_high', percent: 80, minutes: 15 });
      await page.getByRole('link', { name: 'Rules', exact: true }).click();
      await eventually(() => incidents(page)).toContain(
        '80% of checkouts showed fallback rates for 15 minutes',
      );
      await core.alerts.resolve(TENANT, 'store_key_revoked', 'woocommerce');
      await page.getByRole('link', { name: 'Rate log', exact: true }).click();
      await eventually(() => incidents(page)).not.toContain(KEY_TITLE);
      expect(await incidents(page)).toContain('80% of checkouts');
      expect(problems()).toEqual([]);
    },
  );
});

/** The text of the incident banners on the current page ('' when none). */
async function incidents(page: Page): Promise<string> {
  return (await page.getByTestId('incident-alert').allInnerTexts()).join('\n');
}
