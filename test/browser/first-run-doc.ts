/**
 * The first-run figures in docs/performance.md: measure-wizard.ts walks the first run a few times
 * (first-run-walk.ts) and rewrites the section between the two markers below with what it measured.
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { startRateBridge } from './browser-support.js';
import { walkFirstRun } from './first-run-walk.js';

const START = '<!-- first-run:start (npm run measure:wizard rewrites this section) -->';
const END = '<!-- first-run:end -->';

export interface FirstRunFigures {
  readonly runsMs: readonly number[];
  readonly medianMs: number;
  readonly screens: readonly string[];
  readonly pastes: number;
  readonly chromium: string;
  readonly node: string;
  readonly at: string;
}

/**
 * `runs` walks, each as a new merchant: a fresh server (its own data folder and its own printed sign-in
 * link, which is single use) and a fresh browser context.
 */
export async function measureFirstRun(browser: Browser, runs: number): Promise<FirstRunFigures> {
  const times: number[] = [];
  let last: Awaited<ReturnType<typeof walkFirstRun>> | undefined;
  for (let run = 0; run < runs; run += 1) {
    const server = await startRateBridge();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      last = await walkFirstRun(context, server);
    } finally {
      await context.close();
      await server.stop();
    }
    if (last.problems.length > 0) throw new Error(`first run saw problems: ${last.problems.join('; ')}`);
    times.push(last.elapsedMs);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return {
    runsMs: times,
    medianMs: sorted[Math.floor(sorted.length / 2)] ?? 0,
    screens: last?.screens ?? [],
    pastes: last?.pastes.length ?? 0,
    chromium: browser.version(),
    node: process.version,
    at: new Date().toISOString().slice(0, 10),
  };
}

/** The section's text for `figures`. */
export function firstRunSection(figures: FirstRunFigures): string {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return `${START}
## A new merchant's first run

From the welcome page at \`/\` to the first live test rate: ${figures.screens.length} screens (goal: at most 7), one paste
(the sandbox token, copied with the sandbox page's copy button; goal: nothing else pasted), measured by
\`npm run measure:wizard\` (test/browser/first-run-walk.ts; test/browser/first-run.test.ts asserts the screens
and the paste, not the time).

| Measure | Result |
| --- | --- |
| Screens | ${figures.screens.length}: ${figures.screens.join(' → ')} |
| Pastes | ${figures.pastes} (the token) |
| Machine time, median of ${figures.runsMs.length} | ${seconds(figures.medianMs)} (runs: ${figures.runsMs.map(seconds).join(', ')}) |

Run of ${figures.at}, headless Chromium ${figures.chromium}, Node ${figures.node}, \`node dist/server.js\` with the
embedded store on this machine. The time is Chromium's and the server's alone, with no reading: it shows
that nothing on the way waits. A person reading each screen for about 15 s needs some 7 × 15 s more, which is
still inside the goal of two minutes.
${END}`;
}

/** Replaces the section in `file`, or appends it when the markers are not there yet. */
export async function writeFirstRunSection(file: string, figures: FirstRunFigures): Promise<void> {
  const document = await readFile(file, 'utf8');
  const section = firstRunSection(figures);
  const start = document.indexOf(START);
  const end = document.indexOf(END);
  const next =
    start >= 0 && end > start
      ? `${document.slice(0, start)}${section}${document.slice(end + END.length)}`
      : `${document.trimEnd()}\n\n${section}\n`;
  await writeFile(file, next);
}
