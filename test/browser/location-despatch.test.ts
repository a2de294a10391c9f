/**
 * The location form's despatch settings in Chromium on the real build: a merchant adds a location with
 * handling days, a cut-off (the form names the location's time zone from its state), despatch days and a
 * Christmas shutdown; the API then holds exactly that; a range that ends before it starts is refused at the
 * field; and every new control is labelled and reachable by keyboard.
 */
import { describe, expect, it } from 'vitest';
import { unlabelledOrUnreachable } from './accessibility-check.js';
import { chromiumSkipReason, signIn, watchForProblems } from './browser-support.js';
import { rateBridgeInChromium } from './browser-suite.js';

const skip = chromiumSkipReason();

describe.skipIf(skip !== undefined)('despatch settings in the location form (Chromium)', () => {
  const suite = rateBridgeInChromium();

  it(
    'saves handling days, cut-off, despatch days and closed dates, and refuses a bad range',
    { timeout: 90_000 },
    async () => {
      const { server, browser } = suite;
      const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
      const problems = watchForProblems(page);
      await signIn(page, server.demoLink);
      await page.goto(`${server.url}/admin/settings/locations`);
      await page.getByRole('button', { name: 'Add location' }).first().click();

      const form = page.getByRole('form', { name: 'Add a pickup location' });
      await form.getByLabel('Location name').fill('Perth DC');
      await form.getByLabel('Suburb').fill('Perth');
      await form.getByLabel('Postcode').fill('6000');
      await form.getByLabel('State').selectOption('WA');
      await expect.poll(() => form.getByText('Australia/Perth').count()).toBeGreaterThan(0);
      await form.getByLabel('Handling days').fill('1');
      await form.getByLabel('Daily cut-off').fill('11:30');
      await form.getByRole('checkbox', { name: 'Fri' }).uncheck({ force: true });
      await form.getByRole('checkbox', { name: 'Sat' }).check({ force: true });
      await form.getByRole('button', { name: 'Add closed dates' }).click();
      await form.getByLabel('From').fill('2026-12-24');
      await form.getByLabel('To').fill('2027-01-04');
      await form.getByLabel('Note (optional)').fill('Christmas shutdown');
      expect(await unlabelledOrUnreachable(page)).toEqual([]);
      await form.getByRole('button', { name: 'Add location' }).click();
      await page.getByRole('button', { name: 'Edit Perth DC' }).waitFor();

      const listed = await page.request.get(`${server.url}/admin/api/locations`);
      const { locations } = (await listed.json()) as { locations: { name: string; despatch: unknown }[] };
      expect(locations.find((location) => location.name === 'Perth DC')?.despatch).toEqual({
        handlingDays: 1,
        cutoff: '11:30',
        weekdays: ['mon', 'tue', 'wed', 'thu', 'sat'],
        closedDates: [{ from: '2026-12-24', to: '2027-01-04', note: 'Christmas shutdown' }],
      });

      // Editing: the saved settings are in the form; a range ending before it starts is refused at "To".
      await page.getByRole('button', { name: 'Edit Perth DC' }).click();
      const edit = page.getByRole('form', { name: 'Edit Perth DC' });
      await expect.poll(() => edit.getByLabel('Daily cut-off').inputValue()).toBe('11:30');
      await edit.getByLabel('To').fill('2026-12-01');
      await edit.getByRole('button', { name: 'Save location' }).click();
      await edit.getByText('The range ends before it starts.', { exact: true }).waitFor();
      expect(problems().filter((problem) => !problem.includes('400'))).toEqual([]);
    },
  );
});
