/// <reference lib="dom" />
/**
 * A new merchant's whole first run, as one walk through the real pages in Chromium: the welcome page at /,
 * the sandbox's token page (create a named token, copy it with the page's copy button), the sign-in link the
 * server printed, then the wizard: paste the token, import the pickup locations, save the default box, and
 * get the first live test rate. It counts the screens seen (each page with its own heading) and every paste
 * into the page, and times the walk. first-run.test.ts asserts on it; measure-wizard.ts writes its figures
 * into docs/performance.md. The timing is the machine's alone: a person reading each screen takes longer.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { watchForProblems, type RunningRateBridge } from './browser-support.js';

export interface FirstRun {
  /** The heading of every screen, in order. */
  readonly screens: readonly string[];
  /** What was pasted into the pages, in order (only the token, the test asserts). */
  readonly pastes: readonly string[];
  /** The sandbox token the merchant created (to compare with what was pasted). */
  readonly token: string;
  /** From opening / to the first live rate on screen. */
  readonly elapsedMs: number;
  readonly firstRate: string;
  /** Page errors, console errors and CSP violations seen on the way. */
  readonly problems: readonly string[];
}

const STEP_TIMEOUT_MS = 20_000;

export async function walkFirstRun(context: BrowserContext, server: RunningRateBridge): Promise<FirstRun> {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  const pastes: string[] = [];
  // Every paste event on every page of the walk, whatever its target: copy-paste is what we count.
  await context.exposeFunction('rbRecordPaste', (text: string) => pastes.push(text));
  await context.addInitScript(() => {
    document.addEventListener('paste', (event) => {
      const record = (window as unknown as { rbRecordPaste: (text: string) => void }).rbRecordPaste;
      record(event.clipboardData?.getData('text/plain') ?? '');
    });
  });
  const page = await context.newPage();
  const problems = watchForProblems(page);
  const screens: string[] = [];
  const screen = async (title: string) => {
    await page
      .getByRole('heading', { level: 1, name: title, exact: true })
      .waitFor({ timeout: STEP_TIMEOUT_MS });
    screens.push(title);
  };

  const started = performance.now();
  const token = await sandboxToken(page, server, screen);
  await signInWithPrintedLink(page, server, screen);
  await connectWithPastedToken(page, screen);
  await importLocations(page, screen);
  await saveDefaultBox(page, screen);
  const firstRate = await firstLiveRate(page, screen);
  const elapsedMs = Math.round(performance.now() - started);
  await page.close();
  return { screens, pastes, token, elapsedMs, firstRate, problems: problems() };
}

type Screen = (title: string) => Promise<void>;

/** Screens 1–2: the welcome page leads to the sandbox, where a named token is created and copied. */
async function sandboxToken(page: Page, server: RunningRateBridge, screen: Screen): Promise<string> {
  await page.goto(`${server.url}/`);
  await screen('RateBridge');
  await page.getByRole('link', { name: 'Open the sandbox' }).click();
  await screen('Sandbox freight platform');
  await page.getByLabel('Token name').fill('My first shop');
  await page.getByLabel('Token name').press('Enter');
  const field = page.getByLabel('API token', { exact: true });
  await field.waitFor({ timeout: STEP_TIMEOUT_MS });
  const token = await field.inputValue();
  await page.getByRole('button', { name: 'Copy api token' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: 'API token copied' })
    .waitFor({ timeout: STEP_TIMEOUT_MS });
  await page.getByRole('button', { name: 'Done' }).click();
  return token;
}

/** Screen 3: the one-time sign-in link `npm start` printed, opened and confirmed. */
async function signInWithPrintedLink(page: Page, server: RunningRateBridge, screen: Screen): Promise<void> {
  await page.goto(server.demoLink);
  await screen('Sign in to RateBridge');
  await page.getByRole('button', { name: /^Sign in to / }).click();
  await page.waitForURL(/\/admin\/?$/, { timeout: STEP_TIMEOUT_MS });
}

/** Screen 4: the wizard's first step, the token pasted from the clipboard (the run's only paste). */
async function connectWithPastedToken(page: Page, screen: Screen): Promise<void> {
  await screen('Connect your freight platform');
  await page.getByLabel('Freight platform', { exact: true }).selectOption('sandbox');
  const tokenField = page.getByLabel('API token', { exact: true });
  await tokenField.focus();
  await page.keyboard.press('ControlOrMeta+V');
  await page.getByRole('button', { name: 'Connect and verify' }).click();
}

/** Screen 5: pickup locations, imported from the sandbox account's warehouses. */
async function importLocations(page: Page, screen: Screen): Promise<void> {
  await screen('Add your pickup locations');
  await page.getByRole('button', { name: /^Import warehouses from / }).click();
  await page.getByText('Sydney DC', { exact: true }).waitFor({ timeout: STEP_TIMEOUT_MS });
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
}

/** Screen 6: packaging, the suggested default box saved as it is. */
async function saveDefaultBox(page: Page, screen: Screen): Promise<void> {
  await screen('Describe your packaging');
  await page.getByRole('button', { name: 'Save default box' }).click();
  await page.getByText('Default box saved.').waitFor({ timeout: STEP_TIMEOUT_MS });
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
}

/** Screen 7: a test quote to a suburb picked by keyboard; resolves to the first rate's text. */
async function firstLiveRate(page: Page, screen: Screen): Promise<string> {
  await screen('Try a test quote');
  await page.getByLabel('Destination suburb', { exact: true }).pressSequentially('Bondi Be');
  await page.getByRole('option', { name: 'Bondi Beach NSW 2026' }).waitFor({ timeout: STEP_TIMEOUT_MS });
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Get test rates' }).click();
  const rates = page.getByRole('region', { name: 'Rates checkout would show' });
  await rates
    .getByText(/\$\d+\.\d\d/)
    .first()
    .waitFor({ timeout: STEP_TIMEOUT_MS });
  return rates.innerText();
}
