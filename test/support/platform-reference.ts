/**
 * The platforms' published references (../shared/reference/ beside the repository root, see its README),
 * for tests and fakes that hold RateBridge to them. A reference missing on a developer's machine skips
 * what needs it with a printed reason; under CI a missing reference is a failure.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: this file is test/support/platform-reference.ts. */
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const REFERENCE_DIR = path.resolve(REPO_ROOT, '..', 'shared', 'reference');

export type ReferenceFile =
  | { readonly ok: true; readonly path: string; readonly text: string }
  | { readonly ok: false; readonly path: string; readonly reason: string };

const warned = new Set<string>();

/** Reads `relative` (e.g. `machship/openapi.json`) from the reference directory. */
export function readReference(relative: string): ReferenceFile {
  const file = path.join(REFERENCE_DIR, relative);
  if (existsSync(file)) return { ok: true, path: file, text: readFileSync(file, 'utf8') };
  const reason = `the platform reference ${file} is not here`;
  if (process.env['CI']) throw new Error(`${reason}; CI requires ../shared/reference/ beside the repository`);
  if (!warned.has(file)) {
    warned.add(file);
    console.warn(`SKIPPING checks against ${relative}: ${reason}.`);
  }
  return { ok: false, path: file, reason };
}
