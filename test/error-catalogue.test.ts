/**
 * The error catalogue (core/errors.ts) is the one source: docs/admin-api.md's table is rendered from it,
 * and every code says what it means and what fixes it.
 */
import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ERRORS } from '../core/errors.js';
import { ADMIN_API_DOC, withErrorTable } from '../scripts/error-catalogue-doc.js';

describe('the error catalogue', () => {
  it('is what docs/admin-api.md lists (run npm run docs:errors after changing core/errors.ts)', async () => {
    const document = await readFile(ADMIN_API_DOC, 'utf8');
    expect(withErrorTable(document)).toBe(document);
    for (const code of Object.keys(ERRORS)) expect(document).toContain(`| \`${code}\` |`);
  });

  it('gives every code a meaning and a fix (the UI help map is held to it in test/browser/error-help.test.ts)', () => {
    for (const [code, entry] of Object.entries(ERRORS)) {
      expect(entry.meaning.length, code).toBeGreaterThan(10);
      expect(entry.fix.length, code).toBeGreaterThan(10);
    }
  });

  it('is where every error is made: no code outside core/errors.ts builds one by hand', async () => {
    const root = new URL('../', import.meta.url);
    const byHand: string[] = [];
    for (const folder of ['core', 'shopify-app', 'woocommerce-bridge']) {
      const files = await readdir(new URL(`${folder}/`, root), { recursive: true });
      for (const file of files.filter((name) => name.endsWith('.ts'))) {
        const path = `${folder}/${file}`;
        if (path === 'core/errors.ts') continue;
        if ((await readFile(new URL(path, root), 'utf8')).includes('new RateBridgeError(')) byHand.push(path);
      }
    }
    expect(byHand).toEqual([]);
  });
});
