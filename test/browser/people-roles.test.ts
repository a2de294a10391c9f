/**
 * Each role in Chromium, signed in the way people are: the owner (the demo store's printed link) invites an
 * admin and a viewer with links shown once to copy; each joins in their own browser. The viewer sees the
 * settings without the controls that change tokens and keys (and the API refuses them with the coded 403),
 * the admin sees and uses them (but not connector keys' creation, an owner's), the owner reads who did what
 * in Activity, and a second owner, who cannot change their own row, removes the viewer after confirming;
 * the viewer's open admin is signed out on its next request. On Rules, Pickup locations and Products and
 * packaging the admin adds a location, saves rules and a default box; the viewer then sees those values in
 * disabled fields with no Save, Add, Delete or Import, and still runs a test quote in the rules preview.
 * Real server (dist/), real UI build, Debian's Chromium.
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
      await adminChangesSettings(admin);
      await shot(admin, 'admin-packaging');
      await viewerReadsRules(viewer, server.url);
      await shot(viewer, 'viewer-rules');
      await viewerReadsLocations(viewer);
      await viewerReadsPackaging(viewer);
      await shot(viewer, 'viewer-packaging');

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

/** Buttons named so are not on the page (each name asserted on its own, for a readable failure). */
async function noButtons(page: Page, names: readonly (string | RegExp)[]): Promise<void> {
  for (const name of names) {
    const exact = typeof name === 'string';
    expect(await page.getByRole('button', { name, exact }).count(), `button ${String(name)}`).toBe(0);
  }
}

/**
 * The admin has the controls of the three settings pages and uses them: adds a pickup location (which the
 * viewer's test quote needs), names the cheapest rate, saves a default box.
 */
async function adminChangesSettings(admin: Page): Promise<void> {
  await nav(admin, 'Pickup locations');
  await heading(admin, 'Pickup locations');
  await eventually(() =>
    admin.getByRole('button', { name: 'Import warehouses from Roles sandbox' }).isVisible(),
  ).toBe(true);
  await admin.getByRole('button', { name: 'Add location' }).first().click();
  const form = admin.getByRole('form', { name: 'Add a pickup location' });
  await form.getByLabel('Location name').fill('Roles DC');
  await form.getByLabel('Suburb').fill('Melbourne');
  await form.getByLabel('Postcode').fill('3000');
  await form.getByLabel('State').selectOption('VIC');
  await form.getByRole('button', { name: 'Add location' }).click();
  await eventually(() => admin.getByRole('button', { name: 'Edit Roles DC' }).isVisible()).toBe(true);
  expect(await admin.getByRole('button', { name: 'Delete Roles DC' }).isVisible()).toBe(true);

  await nav(admin, 'Rules');
  await heading(admin, 'Rules');
  const cheapest = admin.getByLabel('Name of the cheapest rate', { exact: true });
  await eventually(() => cheapest.isEditable()).toBe(true);
  await cheapest.fill('Cheapest (roles)');
  expect(await admin.getByRole('button', { name: 'Add a destination rule' }).isVisible()).toBe(true);
  await admin.getByRole('button', { name: 'Save rules' }).click();
  await eventually(() => admin.getByText('Rules saved.', { exact: false }).isVisible()).toBe(true);

  await nav(admin, 'Products and packaging');
  await heading(admin, 'Products and packaging');
  const defaultBox = admin.getByRole('form', { name: 'Default box' });
  await eventually(() => defaultBox.getByLabel('Length').isEditable()).toBe(true);
  await defaultBox.getByLabel('Length').fill('45');
  await defaultBox.getByRole('button', { name: 'Save default box' }).click();
  await eventually(() => admin.getByText('Default box saved.').isVisible()).toBe(true);
  for (const name of ['Add packaging', 'Add a box', 'Save pallet settings'])
    expect(await admin.getByRole('button', { name, exact: true }).first().isVisible(), name).toBe(true);
  expect(await admin.locator('input[type="file"]').count()).toBe(1);
}

/** The rules as the admin saved them, in disabled fields; the preview still quotes, and the API agrees. */
async function viewerReadsRules(viewer: Page, url: string): Promise<void> {
  await nav(viewer, 'Rules');
  await heading(viewer, 'Rules');
  const cheapest = viewer.getByLabel('Name of the cheapest rate', { exact: true });
  await eventually(() => cheapest.inputValue()).toBe('Cheapest (roles)');
  expect(await cheapest.isDisabled()).toBe(true);
  expect(await viewer.getByLabel('Show shipping prices', { exact: true }).isDisabled()).toBe(true);
  await noButtons(viewer, [
    'Save rules',
    'Discard changes',
    'Add a destination rule',
    'Add a fallback rate',
    'Rename a service',
    /^Remove /,
  ]);

  // The test quote: the preview quotes the sample cart, and quotes it again when the viewer changes it.
  const preview = viewer.getByRole('region', { name: 'Live preview' });
  await eventually(() => preview.locator('tbody tr').count()).toBeGreaterThan(0);
  const weight = preview.getByLabel('Weight', { exact: true });
  expect(await weight.isEditable()).toBe(true);
  const requoted = viewer.waitForResponse(
    (response) => response.url().endsWith('/admin/api/quotes/test') && response.request().method() === 'POST',
  );
  await weight.fill('5');
  expect((await requoted).status()).toBe(200);
  await eventually(() => preview.locator('tbody tr').count()).toBeGreaterThan(0);

  const refused = await viewer.request.put(`${url}/admin/api/rules`, {
    headers: { origin: url },
    data: {},
  });
  expect(refused.status()).toBe(403);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('RB_ERR_ROLE_REQUIRED');
}

/** The locations listed, each viewable and nothing changeable. */
async function viewerReadsLocations(viewer: Page): Promise<void> {
  await nav(viewer, 'Pickup locations');
  await heading(viewer, 'Pickup locations');
  await eventually(() => viewer.getByRole('button', { name: 'View Roles DC' }).isVisible()).toBe(true);
  await noButtons(viewer, ['Add location', 'Edit Roles DC', 'Delete Roles DC', /^Import warehouses/]);
  await viewer.getByRole('button', { name: 'View Roles DC' }).click();
  const dialog = viewer.getByRole('dialog', { name: 'Roles DC' });
  const name = dialog.getByLabel('Location name');
  await eventually(() => name.inputValue()).toBe('Roles DC');
  expect(await name.isDisabled()).toBe(true);
  expect(await dialog.getByLabel('Postcode').inputValue()).toBe('3000');
  await noButtons(viewer, ['Save location', 'Add closed dates']);
  // The form's own Close (the dialog's corner has one too).
  await dialog.getByRole('form', { name: 'Roles DC' }).getByRole('button', { name: 'Close' }).click();
  await eventually(() => dialog.count()).toBe(0);
}

/** The boxes, default box and packaging read-only; the CSV download still offered, the import not. */
async function viewerReadsPackaging(viewer: Page): Promise<void> {
  await nav(viewer, 'Products and packaging');
  await heading(viewer, 'Products and packaging');
  const length = viewer.getByRole('form', { name: 'Default box' }).getByLabel('Length');
  await eventually(() => length.inputValue()).toBe('45');
  expect(await length.isDisabled()).toBe(true);
  expect(await viewer.getByLabel('Pack at most', { exact: true }).isDisabled()).toBe(true);
  await noButtons(viewer, [
    'Add packaging',
    'Add a box',
    'Save default box',
    'Save pallet settings',
    /^Sync products/,
  ]);
  expect(await viewer.locator('input[type="file"]').count()).toBe(0);
  expect(await viewer.getByRole('button', { name: 'Download current packaging (CSV)' }).isVisible()).toBe(
    true,
  );
}
