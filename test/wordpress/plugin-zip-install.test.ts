/**
 * The plugin zip in a real WordPress 6.8 + WooCommerce 9.9: installed by WordPress's own Plugin_Upgrader
 * (the code behind Plugins → Add New Plugin → Upload Plugin) from the zip `npm run plugin:zip` builds, then
 * activated, its shipping method added to a zone, and listed on wp-admin's Plugins page as active with the
 * version the zip's name carries. No folder is copied: what works here is what a merchant's upload gets.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPluginZip } from '../../woocommerce-bridge/plugin-zip/build-plugin-zip.js';
import { repositoryRoot } from '../../woocommerce-bridge/plugin-zip/plugin-zip-dir.js';
import { tempDir } from '../support/temp-dir.js';
import { probeWordPress } from './wordpress-probe.js';
import { startWordPressSite, type WordPressSite } from './wordpress-site.js';
import { WpAdmin, SETTINGS_PATH } from './wp-admin.js';

const wordpress = await probeWordPress();
const PLUGIN_FILE = 'ratebridge-shipping/ratebridge-shipping.php';

describe.skipIf(!wordpress.ok)('the plugin zip uploaded to a real WordPress + WooCommerce', () => {
  let site: WordPressSite;
  let out: Awaited<ReturnType<typeof tempDir>>;
  let version: string;

  beforeAll(async () => {
    out = await tempDir('plugin-zip-wp');
    const built = await buildPluginZip(repositoryRoot(), out.dir);
    if (!built.ok) throw new Error(built.problem);
    version = built.version;
    // Install, activation and the zone's RateBridge method all fail the start if the zip is wrong.
    site = await startWordPressSite({
      hpos: true,
      fallbackLabel: 'Standard freight',
      fallbackCost: '19.95',
      products: [],
      pluginZip: built.file,
    });
  }, 180_000);
  afterAll(async () => {
    await site?.close();
    await out?.remove();
  }, 60_000);

  it('is listed active on the Plugins page, with the version of package.json', async () => {
    const pkg = JSON.parse(await readFile(path.join(repositoryRoot(), 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(version).toBe(pkg.version);
    const admin = await WpAdmin.signIn(site);
    const plugins = await admin.session.request('/wp-admin/plugins.php');
    expect(plugins.status).toBe(200);
    const row = new RegExp(
      `<tr class="active[^"]*" data-slug="ratebridge-shipping" data-plugin="${PLUGIN_FILE}"`,
    );
    expect(plugins.text).toMatch(row);
    expect(plugins.text).toContain(`Version ${version}`);
    expect((await admin.session.request(SETTINGS_PATH)).status).toBe(200);
  });

  it('wrote no PHP warning, notice or deprecation from the plugin to debug.log', async () => {
    const lines = await site.debugLog();
    expect(lines.filter((entry) => /ratebridge-shipping|RateBridge_|PHP Fatal error/i.test(entry))).toEqual(
      [],
    );
  });
});
