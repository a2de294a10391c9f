/**
 * Writes docs/admin-api.md's error table from the catalogue in core/errors.ts, so the two cannot drift:
 *
 *   npm run docs:errors          rewrite the table
 *
 * test/error-catalogue.test.ts fails when the committed table differs from what this renders.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ERRORS } from '../core/errors.js';

export const ADMIN_API_DOC = fileURLToPath(new URL('../docs/admin-api.md', import.meta.url));
const START = '<!-- error-catalogue:start (npm run docs:errors writes this table) -->';
const END = '<!-- error-catalogue:end -->';

export function renderErrorTable(): string {
  const rows = Object.entries(ERRORS).map(
    ([code, { status, meaning, fix }]) => `| \`${code}\` | ${status} | ${cell(meaning)} | ${cell(fix)} |`,
  );
  return [START, '', '| Code | Status | Meaning | Fix |', '| --- | --- | --- | --- |', ...rows, '', END].join(
    '\n',
  );
}

/** The document with its table section replaced (appended under "## Error codes" when absent). */
export function withErrorTable(document: string): string {
  const start = document.indexOf(START);
  const end = document.indexOf(END);
  if (start === -1 || end === -1) return `${document.trimEnd()}\n\n## Error codes\n\n${renderErrorTable()}\n`;
  return document.slice(0, start) + renderErrorTable() + document.slice(end + END.length);
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const document = await readFile(ADMIN_API_DOC, 'utf8');
  await writeFile(ADMIN_API_DOC, withErrorTable(document));
}
