/**
 * Where `npm run plugin:zip` writes the plugin zip and the admin serves it from: dist/plugin in the
 * repository, found from this file both as source (woocommerce-bridge/plugin-zip) and compiled
 * (dist/woocommerce-bridge/plugin-zip).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function repositoryRoot(): string {
  const source = fileURLToPath(new URL('../../', import.meta.url));
  // The compiled tree (dist/) has no package.json of its own.
  return existsSync(path.join(source, 'package.json'))
    ? source
    : fileURLToPath(new URL('../../../', import.meta.url));
}

export function defaultPluginZipDir(): string {
  return path.join(repositoryRoot(), 'dist', 'plugin');
}
