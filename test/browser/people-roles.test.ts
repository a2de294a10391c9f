/**
 * Each role in Chromium, signed in the way people are: the owner (the demo store's printed link) invites an
 * admin and a viewer with links shown once to copy; each joins in their own browser. The viewer sees the
 * settings without the controls that change tokens and keys (and the API refuses them with the coded 403),
 * the admin sees and uses them (but not connector keys' creation, an owner's), the owner reads who did what
 * in Activity, and a second owner, who cannot change their own row, removes the viewer after confirming;
 * the viewer's open admin is signed out on its next request. Real server (dist/), real UI build, Debian's Chromium.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { rateBridgeInChromium } from './browser-suite.js';
import {
  chromiumSkipReason,
  createSandboxToken,
  eventually,
  screenshots,
  signIn,
  watchForProblems,
} from './browser-support.js';

const skip = chromiumSkipReason();

describe.skipIf(skip !== undefined)('people and roles in Chromium', () => {
  const suite = rateBridgeInChromium();

  it(
    'shows each role only what it may do, records who did it, and signs a removed person out',
    { timeout: 120_000 },
    async () => {
      const { server, browser } = suite;
      const shot = await screenshots('people-roles');
      const ownerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const owner = await ownerContext.newPage();
      const problems = watchForProblems(owner);
      await signIn(owner, server.demoLink);
      const token = await createSandboxToken(server.url, 'roles-token', 'test');
      const connected = await owner.request.post(`${server.url}/admin/api/connections`, {
        headers: { origin: server.url },
        data: { platform: 'sandbox', environment: 'test', label: 'Roles sandbox', token },
      });
      expect(connected.status()).toBe(201);

      await nav(owner, 'People');
      await heading(owner, 'People');
      const adminLink = await invite(owner, 'admin@roles.test', 'admin');
      const viewerLink = await invite(owner, 'viewer@roles.test', 'viewer');
      await shot(owner, 'owner-invited');

      const viewerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const viewer = await join(viewerContext, viewerLink);
      await nav(viewer, 'Connections');
      await heading(viewer, 'Connections');
      await shot(viewer, 'viewer-connections');
      await eventually(() => viewer.getByRole('button', { name: 'Show activity' }).isVisible()).toBe(true);
      await eventually(() => viewer.getByText('You are signed in as a viewer').isVisible()).toBe(true);
      for (const name of [/^Replace the token/, /^Disconnect/, /^Check .* now$/, /^Connect a platform$/])
        expect(await viewer.getByRole('button', { name }).count(), String(name)).toBe(0);
      expect(await viewer.getByRole('link', { name: 'People', exact: true }).count()).toBe(0);
      expect(await viewer.getByRole('link', { name: 'Setup', exact: true }).count()).toBe(0);
      await nav(viewer, 'Connector keys');
      await heading(viewer, 'Connector keys');
      // The role is known once its note shows: before that every control is hidden, whatever the role.
      await eventually(() => viewer.getByText('You are signed in as a viewer').isVisible()).toBe(true);
      expect(await viewer.getByRole('button', { name: 'Create connector key' }).count()).toBe(0);
      await shot(viewer, 'viewer-connector-keys');
      // Connecting the WooCommerce store changes its keys: not a viewer's to do.
      await nav(viewer, 'WooCommerce store');
      await heading(viewer, 'WooCommerce store');
      await eventually(() => viewer.getByText('You are signed in as a viewer').isVisible()).toBe(true);
      expect(await viewer.getByLabel('Store address').count()).toBe(0);
      const refused = await viewer.request.post(`${server.url}/admin/api/connector-keys`, {
        headers: { origin: server.url },
        data: { name: 'not allowed' },
      });
      expect(refused.status()).toBe(403);
      expect(((await refused.json()) as { error: { code: string; message: string } }).error).toMatchObject({
        code: 'RB_ERR_ROLE_REQUIRED',
        message: expect.stringContaining('the owner role'),
      });

      const adminContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const admin = await join(adminContext, adminLink);
      await nav(admin, 'Connections');
      await heading(admin, 'Connections');
      expect(await admin.getByRole('link', { name: 'People', exact: true }).count()).toBe(0);
      await admin.getByRole('button', { name: 'Check Roles sandbox now' }).click();
      await admin.getByRole('button', { name: 'Show activity' }).click();
      const timeline = admin.getByRole('region', { name: 'Activity' });
      await eventually(() => timeline.innerText()).toMatch(
        /Token checked[\s\S]*by you · in the RateBridge admin/,
      );
      expect(
        await admin.getByRole('button', { name: 'Replace the token of Roles sandbox' }).isVisible(),
      ).toBe(true);
      await shot(admin, 'admin-connections');
      // Connector keys are owners': an admin sees the list, not the button (and the API refuses it).
      await nav(admin, 'Connector keys');
      await heading(admin, 'Connector keys');
      await eventually(() => admin.getByRole('link', { name: 'Setup', exact: true }).isVisible()).toBe(true);
      expect(await admin.getByRole('button', { name: 'Create connector key' }).count()).toBe(0);
      await nav(admin, 'WooCommerce store');
      await eventually(() => admin.getByLabel('Store address').isVisible()).toBe(true);

      await nav(owner, 'Activity');
      await heading(owner, 'Activity');
      await eventually(() => owner.getByRole('table').innerText()).toMatch(
        /Checked a token\s+admin@roles\.test\s+in the RateBridge admin/,
      );
      await shot(owner, 'owner-activity');

      // A second owner, who joined as people do: their own row has no role to change and no Remove.
      await nav(owner, 'People');
      const ownerLink = await invite(owner, 'owner@roles.test', 'owner');
      const secondContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const second = await join(secondContext, ownerLink);
      await nav(second, 'People');
      await heading(second, 'People');
      const removeViewer = second.getByRole('button', { name: 'Remove viewer@roles.test' });
      await eventually(() => removeViewer.isVisible()).toBe(true);
      expect(await second.getByRole('button', { name: 'Remove owner@roles.test' }).count()).toBe(0);
      expect(await second.getByLabel('Role of owner@roles.test').count()).toBe(0);
      await removeViewer.click();
      const confirm = second.getByRole('dialog', { name: 'Remove viewer@roles.test?' });
      await eventually(() => confirm.isVisible()).toBe(true);
      await shot(second, 'owner-confirms-removal');
      await confirm.getByRole('button', { name: 'Remove', exact: true }).click();
      await eventually(() => second.getByText('viewer@roles.test').count()).toBe(0);
      await viewer.reload();
      await heading(viewer, 'Sign in to RateBridge');
      await shot(viewer, 'viewer-removed');
      expect(problems()).toEqual([]);
      for (const context of [ownerContext, viewerContext, adminContext, secondContext]) await context.close();
    },
  );
});

/** Invites `email` as `role` with the link shown once; returns the link. */
async function invite(page: Page, email: string, role: 'admin' | 'viewer' | 'owner'): Promise<string> {
  // The last invitation's link, if one is shown, goes first: the new one must not be read for it.
  const shown = page.getByLabel('Invitation link', { exact: true });
  if ((await shown.count()) > 0) {
    await page
      .getByRole('button', { name: /dismiss/i })
      .first()
      .click();
    await eventually(() => shown.count()).toBe(0);
  }
  await page.getByLabel('Email address', { exact: true }).fill(email);
  await page.getByLabel('Role', { exact: true }).selectOption(role);
  await page.getByLabel('How to send the invitation', { exact: true }).selectOption('copy');
  await page.getByRole('button', { name: 'Invite', exact: true }).click();
  const field = page.getByLabel('Invitation link', { exact: true });
  await eventually(() => field.isVisible()).toBe(true);
  const link = await field.inputValue();
  expect(link).toMatch(/\/admin\/invitation\/[\w-]{43}$/);
  await eventually(() => page.getByText(email, { exact: true }).first().isVisible()).toBe(true);
  return link;
}

/** Opens an invitation in its own browser context and confirms it; resolves on the admin. */
async function join(context: BrowserContext, link: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(link);
  await page.getByRole('button', { name: /^Join / }).click();
  await page.waitForURL(/\/admin\/?/);
  return page;
}

async function nav(page: Page, name: string): Promise<void> {
  await eventually(() => page.getByRole('link', { name, exact: true }).isVisible()).toBe(true);
  await page.getByRole('link', { name, exact: true }).click();
}

async function heading(page: Page, name: string): Promise<void> {
  await eventually(() => page.getByRole('heading', { level: 1, name }).isVisible()).toBe(true);
}
