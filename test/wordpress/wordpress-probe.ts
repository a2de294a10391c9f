/**
 * Whether this machine can run a real WordPress: php-cli with mysqli, a MariaDB that answers, and the vendor
 * tarballs. Without them the suite skips with the reason printed, except under CI, where it fails.
 */
import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { DB_HOST, DB_PORT, DB_USER, VENDOR_DIR, sql } from './wordpress-site.js';

export interface WordPressProbe {
  readonly ok: boolean;
  readonly reason: string;
}

export async function probeWordPress(): Promise<WordPressProbe> {
  const reason = await missing();
  if (reason !== undefined && process.env.CI) {
    throw new Error(`${reason}; CI requires it for the real WordPress suite (see .ci/run)`);
  }
  if (reason !== undefined) console.warn(`SKIPPING the real WordPress + WooCommerce suite: ${reason}.`);
  return reason === undefined ? { ok: true, reason: 'ready' } : { ok: false, reason };
}

async function missing(): Promise<string | undefined> {
  const php = await new Promise<string | undefined>((resolve) => {
    execFile(
      'php',
      ['-r', 'echo PHP_VERSION_ID >= 80100 && extension_loaded("mysqli") ? "ok" : "old";'],
      (error, stdout) =>
        resolve(
          error
            ? 'php-cli is not installed'
            : stdout === 'ok'
              ? undefined
              : 'php-cli 8.1+ with php-mysql is required',
        ),
    );
  });
  if (php) return php;
  for (const tarball of ['wordpress-6.8.8.tar.xz', 'woocommerce-9.9.5.tar.xz']) {
    const file = path.join(VENDOR_DIR, tarball);
    if (
      !(await access(file).then(
        () => true,
        () => false,
      ))
    )
      return `${file} is missing (set WORDPRESS_VENDOR_DIR)`;
  }
  try {
    await sql('SELECT 1');
  } catch {
    return `no MariaDB answered as ${DB_USER}@${DB_HOST}:${DB_PORT} (set WORDPRESS_DB_HOST/PORT/USER/PASSWORD)`;
  }
  return undefined;
}
