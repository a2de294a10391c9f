/**
 * docs/architecture.md walks a checkout and a token through the code by file name: each path it names
 * must exist, and each walk must stay within eight files, or the map has drifted from the territory.
 */
import { access, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

const root = new URL('../', import.meta.url);
const doc = await readFile(new URL('docs/architecture.md', root), 'utf8');

/** Backticked repository paths: a folder and a file, e.g. `core/quoting/quote-cart.ts` or `core/wire/`. */
function namedPaths(text: string): string[] {
  const paths = [...text.matchAll(/`([a-z-]+\/[\w./-]*)`/g)].map((match) => match[1] as string);
  return paths.filter((path) => !path.startsWith('../') && !path.includes('*'));
}

function walk(heading: string): string[] {
  const section = doc.split(/^## /m).find((part) => part.startsWith(heading)) ?? '';
  return [...section.matchAll(/^\d+\. `([^`]+)`/gm)].map((match) => match[1] as string);
}

describe('docs/architecture.md', () => {
  it('names only paths that exist', async () => {
    const missing: string[] = [];
    for (const path of namedPaths(doc)) {
      await access(new URL(path, root)).catch(() => missing.push(path));
    }
    expect(missing).toEqual([]);
  });

  it('walks a checkout and a token in at most eight files each', () => {
    for (const heading of ['One checkout', 'One token']) {
      const steps = walk(heading);
      expect(steps.length, heading).toBeGreaterThan(3);
      expect(steps.length, heading).toBeLessThanOrEqual(8);
    }
  });
});
