/**
 * The WordPress plugin as a zip a merchant uploads (Plugins → Add New → Upload Plugin): built by
 * `npm run plugin:zip`, unzipped here with Debian's unzip, checked for WordPress's layout and for the
 * absence of test and dev files, and served by the admin API to a signed-in merchant only.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler } from '../../core/index.js';
import { buildPluginZip, PLUGIN_ZIP_NAME } from '../../woocommerce-bridge/plugin-zip/build-plugin-zip.js';
import { defaultPluginZipDir, repositoryRoot } from '../../woocommerce-bridge/plugin-zip/plugin-zip-dir.js';
import { servePluginZip } from '../../woocommerce-bridge/plugin-zip/plugin-zip-route.js';
import {
  checkPluginVersions,
  readPluginVersions,
} from '../../woocommerce-bridge/plugin-zip/plugin-version.js';
import { listen } from '../support/listen.js';
import { capturingLogger } from '../support/log-capture.js';
import { tempDir } from '../support/temp-dir.js';
import { startWooTestApp, type WooTestApp } from './woocommerce-test-app.js';

const run = promisify(execFile);
const ROOT = repositoryRoot();
const PLUGIN_SOURCE = path.join(ROOT, 'woocommerce-bridge', 'wordpress-plugin', 'ratebridge-shipping');
const packageVersion = async () =>
  (JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

const entriesOf = async (zip: string) =>
  (await run('unzip', ['-Z1', zip])).stdout.split('\n').filter((line) => line !== '');
const unzipped = async (zip: string, entry: string) =>
  (await run('unzip', ['-p', zip, entry], { maxBuffer: 1 << 20 })).stdout;

async function filesUnder(dir: string, prefix = ''): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const relative = `${prefix}${entry.name}`;
    if (entry.isDirectory()) found.push(...(await filesUnder(path.join(dir, entry.name), `${relative}/`)));
    else found.push(relative);
  }
  return found;
}

/** A copy of the repository's plugin and package.json, to build from with changes a test makes. */
async function pluginCopy(): Promise<{ root: string; plugin: string; remove: () => Promise<void> }> {
  const { dir, remove } = await tempDir('plugin-copy');
  const plugin = path.join(dir, 'woocommerce-bridge', 'wordpress-plugin', 'ratebridge-shipping');
  await cp(PLUGIN_SOURCE, plugin, { recursive: true });
  await cp(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
  return { root: dir, plugin, remove };
}

describe('the WordPress plugin zip', () => {
  it('npm run plugin:zip writes a versioned zip in the uploader layout with every runtime file', async () => {
    const out = await tempDir('plugin-zip');
    try {
      const { stdout } = await run(
        process.execPath,
        ['--import', 'tsx', path.join(ROOT, 'scripts', 'plugin-zip.ts'), '--out', out.dir],
        { cwd: ROOT, timeout: 60_000 },
      );
      const version = await packageVersion();
      const zip = path.join(out.dir, `ratebridge-shipping-${version}.zip`);
      expect(stdout).toContain(`ratebridge-shipping-${version}.zip (version ${version})`);

      const entries = await entriesOf(zip);
      expect(entries.every((entry) => entry.startsWith('ratebridge-shipping/'))).toBe(true);
      expect(entries).toContain('ratebridge-shipping/ratebridge-shipping.php');
      expect(entries).toContain('ratebridge-shipping/readme.txt');
      // Nothing a shop runs is left out: every file of the plugin's folder is there.
      const files = entries.filter((entry) => !entry.endsWith('/'));
      expect(files.sort()).toEqual((await filesUnder(PLUGIN_SOURCE, 'ratebridge-shipping/')).sort());
      expect(files.filter((entry) => /(^|\/)tests?\/|Test\.php$|phpunit|(^|\/)\./i.test(entry))).toEqual([]);

      const header = await unzipped(zip, 'ratebridge-shipping/ratebridge-shipping.php');
      expect(header).toMatch(new RegExp(`^ \\* Version:\\s+${version.replaceAll('.', '\\.')}$`, 'm'));
      const readme = await unzipped(zip, 'ratebridge-shipping/readme.txt');
      expect(readme).toMatch(new RegExp(`^Stable tag: ${version.replaceAll('.', '\\.')}$`, 'm'));
    } finally {
      await out.remove();
    }
  });

  it("states one version: the header, readme.txt's Stable tag, the PHP constant and package.json agree", async () => {
    const versions = await readPluginVersions(ROOT);
    expect(checkPluginVersions(versions)).toEqual({ ok: true, version: await packageVersion() });
  });

  it('leaves test and dev files out, wherever they are in the plugin folder', async () => {
    const copy = await pluginCopy();
    try {
      await mkdir(path.join(copy.plugin, 'tests'), { recursive: true });
      await writeFile(path.join(copy.plugin, 'tests', 'ShippingTest.php'), '<?php');
      await writeFile(path.join(copy.plugin, 'includes', 'class-ratebridge-signer-Test.php'), '<?php');
      await writeFile(path.join(copy.plugin, '.editorconfig'), 'root = true');
      await writeFile(path.join(copy.plugin, 'phpunit.xml.dist'), '<phpunit/>');
      await writeFile(path.join(copy.plugin, 'composer.json'), '{}');
      const built = await buildPluginZip(copy.root, path.join(copy.root, 'out'));
      if (!built.ok) throw new Error(built.problem);
      const entries = await entriesOf(built.file);
      expect(entries).toContain('ratebridge-shipping/includes/class-ratebridge-signer.php');
      expect(entries.filter((entry) => /tests|Test\.php|editorconfig|phpunit|composer/.test(entry))).toEqual(
        [],
      );
    } finally {
      await copy.remove();
    }
  });

  it('refuses to build when the versions disagree, naming where each is stated', async () => {
    const copy = await pluginCopy();
    try {
      const readmeFile = path.join(copy.plugin, 'readme.txt');
      const readme = await readFile(readmeFile, 'utf8');
      await writeFile(readmeFile, readme.replace(/^Stable tag: .*$/m, 'Stable tag: 9.9.9'));
      const built = await buildPluginZip(copy.root, path.join(copy.root, 'out'));
      expect(built).toEqual({ ok: false, problem: expect.stringContaining('stableTag 9.9.9') });
      expect(await readdir(path.join(copy.root, 'out')).catch(() => [])).toEqual([]);
    } finally {
      await copy.remove();
    }
  });
});

async function builtZip(): Promise<{ file: string; version: string }> {
  const dir = defaultPluginZipDir();
  const name = (await readdir(dir).catch(() => [] as string[])).find((entry) => PLUGIN_ZIP_NAME.test(entry));
  if (name === undefined)
    throw new Error(`no plugin zip in ${dir}: run npm run build (or npm run plugin:zip)`);
  return { file: path.join(dir, name), version: PLUGIN_ZIP_NAME.exec(name)?.[1] ?? '' };
}

describe('the admin offers the plugin zip', () => {
  let app: WooTestApp;
  beforeAll(async () => {
    app = await startWooTestApp();
  });
  afterAll(() => app.close());

  it('serves the built zip to a signed-in merchant as a named download, and to no one else', async () => {
    // The zip npm run build made (pretest), read only: other suites download it from this folder meanwhile.
    const built = await builtZip();
    const merchant = await app.signIn('demo-store');
    const download = await app.fetch('/admin/api/woocommerce/plugin.zip', {
      headers: { cookie: merchant.cookie },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/zip');
    expect(download.headers.get('content-disposition')).toMatch(
      new RegExp(
        `^attachment; filename="?ratebridge-shipping-${built.version.replaceAll('.', '\\.')}\\.zip"?$`,
      ),
    );
    expect(Buffer.from(await download.arrayBuffer()).equals(await readFile(built.file))).toBe(true);

    const head = await app.fetch('/admin/api/woocommerce/plugin.zip', {
      method: 'HEAD',
      headers: { cookie: merchant.cookie },
    });
    expect(head.status).toBe(200);
    const anonymous = await app.fetch('/admin/api/woocommerce/plugin.zip');
    expect(anonymous.status).toBe(401);
  });

  it('answers 503 RB_ERR_PLUGIN_ZIP_NOT_BUILT, with the command to run, when no zip was built', async () => {
    const empty = await tempDir('no-plugin-zip');
    const web = express();
    web.get('/plugin.zip', servePluginZip(empty.dir));
    web.use(errorHandler(capturingLogger().logger));
    const server = await listen(web);
    try {
      // HEAD too: the connector keys page asks with HEAD before it offers the download.
      expect((await fetch(`${server.url}/plugin.zip`, { method: 'HEAD' })).status).toBe(503);
      const response = await fetch(`${server.url}/plugin.zip`);
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({
        error: {
          code: 'RB_ERR_PLUGIN_ZIP_NOT_BUILT',
          message: expect.stringContaining('npm run plugin:zip'),
        },
      });
    } finally {
      await server.close();
      await empty.remove();
    }
  });
});
