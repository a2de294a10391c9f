/**
 * The error catalogue (core/errors.ts) is the one source: docs/admin-api.md's table is rendered from it,
 * and the admin UI's help map names no code it does not have.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ERROR_HELP } from '../admin-ui/src/api/error-help.js';
import { ERRORS } from '../core/errors.js';
import { ADMIN_API_DOC, withErrorTable } from '../scripts/error-catalogue-doc.js';

describe('the error catalogue', () => {
  it('is what docs/admin-api.md lists (run npm run docs:errors after changing core/errors.ts)', async () => {
    const document = await readFile(ADMIN_API_DOC, 'utf8');
    expect(withErrorTable(document)).toBe(document);
    for (const code of Object.keys(ERRORS)) expect(document).toContain(`| \`${code}\` |`);
  });

  it('gives every code a meaning and a fix, and the UI help map only codes it has', () => {
    for (const [code, entry] of Object.entries(ERRORS)) {
      expect(entry.meaning.length, code).toBeGreaterThan(10);
      expect(entry.fix.length, code).toBeGreaterThan(10);
    }
    // RB_UI_ codes are the UI's own (network down, …); every RB_ERR_ one must be the server's.
    const unknown = Object.keys(ERROR_HELP).filter((code) => code.startsWith('RB_ERR_') && !(code in ERRORS));
    expect(unknown).toEqual([]);
  });
});
