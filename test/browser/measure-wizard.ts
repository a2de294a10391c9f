/**
 * Two measures for docs/performance.md. A new merchant's whole first run (first-run-walk.ts: / → sandbox
 * token → sign-in → wizard → first live rate), whose screens, pastes and times it writes into the doc's
 * first-run section itself (first-run-doc.ts). And time to an interactive wizard: from navigation start to the moment the first wizard control (the
 * platform picker) can be used, as marked by the app itself (`rb:wizard-interactive`). Real server, real
 * build, Chromium, on this machine: a cold visit (empty cache, through the sign-in link's redirect) and
 * repeat visits with a warm cache. Not a test: it asserts nothing and prints figures for docs/performance.md.
 *
 *   npx tsx test/browser/measure-wizard.ts            (UPDATE_DOCS_SCREENSHOT=1 also writes docs/screenshot-wizard.png)
 */
import { writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { chromiumSkipReason, launchChromium, signIn, startRateBridge } from './browser-support.js';
import { measureFirstRun, writeFirstRunSection } from './first-run-doc.js';

const RUNS = 7;
const FIRST_RUNS = 3;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

async function interactiveAt(page: Page): Promise<number> {
  const picker = page.getByLabel('Freight platform', { exact: true });
  await picker.waitFor({ state: 'visible', timeout: 30_000 });
  await page.waitForFunction(
    () => performance.getEntriesByName('rb:wizard-interactive').length > 0,
    undefined,
    {
      timeout: 30_000,
    },
  );
  if (await picker.isDisabled()) throw new Error('the platform picker is marked interactive but disabled');
  return page.evaluate(() => performance.getEntriesByName('rb:wizard-interactive')[0]!.startTime);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

async function main(): Promise<void> {
  const skip = chromiumSkipReason();
  if (skip) return;
  const server = await startRateBridge();
  const browser = await launchChromium();
  try {
    const first = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await first.newPage();
    await signIn(page, server.demoLink);
    const viaLink = await interactiveAt(page);
    if (process.env.UPDATE_DOCS_SCREENSHOT === '1') {
      await page.screenshot({ path: path.join(ROOT, 'docs', 'screenshot-wizard.png') });
    }
    const state = await first.storageState();

    const cold: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const context: BrowserContext = await browser.newContext({ storageState: state });
      const fresh = await context.newPage();
      await fresh.goto(`${server.url}/admin/`);
      cold.push(await interactiveAt(fresh));
      await context.close();
    }
    const warm: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      await page.goto(`${server.url}/admin/`);
      warm.push(await interactiveAt(page));
    }
    const figures = {
      at: new Date().toISOString(),
      node: process.version,
      chromium: browser.version(),
      firstVisitViaSignInLinkMs: Math.round(viaLink),
      coldCacheMedianMs: Math.round(median(cold)),
      coldCacheRunsMs: cold.map(Math.round),
      warmCacheMedianMs: Math.round(median(warm)),
      warmCacheRunsMs: warm.map(Math.round),
    };
    await mkdir(path.join(ROOT, 'test-artifacts'), { recursive: true });
    await writeFile(
      path.join(ROOT, 'test-artifacts', 'wizard-performance.json'),
      `${JSON.stringify(figures, null, 2)}\n`,
    );
    const firstRun = await measureFirstRun(browser, FIRST_RUNS);
    await writeFirstRunSection(path.join(ROOT, 'docs', 'performance.md'), firstRun);
    console.log(
      `first run: ${firstRun.screens.length} screens, ${firstRun.pastes} paste, median ${firstRun.medianMs} ms (docs/performance.md updated)`,
    );
    console.log(
      `time to interactive wizard: first visit via sign-in link ${figures.firstVisitViaSignInLinkMs} ms; ` +
        `cold cache median ${figures.coldCacheMedianMs} ms (${RUNS} runs); warm cache median ${figures.warmCacheMedianMs} ms`,
    );
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
