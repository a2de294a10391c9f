/**
 * The WordPress plugin's version, as each place that states it says: the plugin header (what WordPress
 * shows), readme.txt's Stable tag (what the plugin directory serves), the PHP constant (what the plugin
 * reports about itself) and package.json (RateBridge's own release). A zip is built only when all agree.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export const PLUGIN_SLUG = 'ratebridge-shipping';

export interface PluginVersions {
  readonly header: string | undefined;
  readonly stableTag: string | undefined;
  readonly constant: string | undefined;
  readonly packageJson: string | undefined;
}

export type VersionCheck =
  { readonly ok: true; readonly version: string } | { readonly ok: false; readonly problem: string };

/** `root` is the repository: package.json and woocommerce-bridge/wordpress-plugin live under it. */
export async function readPluginVersions(root: string): Promise<PluginVersions> {
  const pluginDir = path.join(root, 'woocommerce-bridge', 'wordpress-plugin', PLUGIN_SLUG);
  const php = await readFile(path.join(pluginDir, `${PLUGIN_SLUG}.php`), 'utf8');
  const readme = await readFile(path.join(pluginDir, 'readme.txt'), 'utf8');
  const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { version?: unknown };
  return {
    header: /^\s*\*\s*Version:\s*(\S+)\s*$/m.exec(php)?.[1],
    stableTag: /^Stable tag:\s*(\S+)\s*$/m.exec(readme)?.[1],
    constant: /const RATEBRIDGE_SHIPPING_VERSION\s*=\s*'([^']+)'/.exec(php)?.[1],
    packageJson: typeof pkg.version === 'string' ? pkg.version : undefined,
  };
}

export function checkPluginVersions(versions: PluginVersions): VersionCheck {
  const stated = Object.entries(versions);
  const missing = stated.filter(([, value]) => value === undefined).map(([where]) => where);
  if (missing.length > 0) return { ok: false, problem: `no version found in: ${missing.join(', ')}` };
  const distinct = new Set(stated.map(([, value]) => value));
  if (distinct.size > 1) {
    const listed = stated.map(([where, value]) => `${where} ${value}`).join(', ');
    return { ok: false, problem: `the plugin's versions differ (${listed}): make them equal` };
  }
  const version = versions.header ?? '';
  if (!/^\d+\.\d+\.\d+$/.test(version)) return { ok: false, problem: `"${version}" is not x.y.z` };
  return { ok: true, version };
}
