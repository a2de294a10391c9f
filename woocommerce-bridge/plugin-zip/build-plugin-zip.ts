/**
 * Builds the WordPress plugin into the zip WordPress's "Upload Plugin" takes: one top folder named for the
 * plugin's slug holding ratebridge-shipping.php and readme.txt, and nothing a shop does not run (tests,
 * test tooling, dotfiles). Debian's `zip` writes it: a well-kept tool already on the machine, rather than
 * a zip writer of our own.
 */
import { execFile } from 'node:child_process';
import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { checkPluginVersions, PLUGIN_SLUG, readPluginVersions } from './plugin-version.js';

const run = promisify(execFile);
const ZIP_TIMEOUT_MS = 30_000;
export const PLUGIN_ZIP_NAME = /^ratebridge-shipping-(\d+\.\d+\.\d+)\.zip$/;

/** Paths (inside the zip) that are development files, never shipped; `zip -x` patterns. */
export const DEV_FILE_PATTERNS = [
  '*/tests/*',
  '*/test/*',
  '*Test.php',
  '*/.*',
  '*/node_modules/*',
  '*/composer.json',
  '*/composer.lock',
  '*/phpunit*',
  '*/phpcs*',
  '*.dist',
  '*.md',
  '*.log',
] as const;

export type PluginZipResult =
  | { readonly ok: true; readonly file: string; readonly version: string }
  | { readonly ok: false; readonly problem: string };

/** Writes `<outDir>/ratebridge-shipping-<version>.zip`, replacing any older zip there. */
export async function buildPluginZip(root: string, outDir: string): Promise<PluginZipResult> {
  const versions = checkPluginVersions(await readPluginVersions(root));
  if (!versions.ok) return versions;
  const file = path.resolve(outDir, `${PLUGIN_SLUG}-${versions.version}.zip`);
  await mkdir(outDir, { recursive: true });
  // One zip in the folder: the admin serves whichever is there, so an old version must not linger.
  for (const name of await readdir(outDir))
    if (PLUGIN_ZIP_NAME.test(name)) await rm(path.join(outDir, name), { force: true });
  try {
    await run('zip', ['-r', '-X', '-q', file, PLUGIN_SLUG, '-x', ...DEV_FILE_PATTERNS], {
      cwd: path.join(root, 'woocommerce-bridge', 'wordpress-plugin'),
      timeout: ZIP_TIMEOUT_MS,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { ok: false, problem: 'the zip command is missing: apt-get install zip' };
    return { ok: false, problem: `zip failed: ${(error as Error).message.split('\n')[0] ?? ''}` };
  }
  return { ok: true, file, version: versions.version };
}
