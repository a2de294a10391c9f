/**
 * Builds the admin UI into admin-ui/dist with Vite, only when its inputs changed since the last build (so
 * `npm start` builds when needed and otherwise starts at once). Inputs are fingerprinted by content, not
 * mtime: a checkout or a branch switch that leaves old mtimes still rebuilds.
 *
 *   node admin-ui/build.mjs           build if needed
 *   node admin-ui/build.mjs --force   always build
 *   node admin-ui/build.mjs --sizes   only report the gzipped size of the current build
 */
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, 'dist');
const stampFile = path.join(dist, '.inputs-sha256');
const inputs = [
  path.join(here, 'src'),
  path.join(here, 'index.html'),
  path.join(here, 'welcome.html'),
  path.join(here, 'sandbox.html'),
  path.join(here, 'vite.config.ts'),
  path.join(here, 'build.mjs'),
  // What the UI bundles of core: the wire word lists and the money module (the dependency rules keep it to these).
  path.join(here, '..', 'core', 'wire'),
  path.join(here, '..', 'core', 'money.ts'),
  // A dependency upgrade changes the bundle too.
  path.join(here, '..', 'package-lock.json'),
];

const say = (line) => process.stdout.write(`admin-ui: ${line}\n`);

async function filesUnder(entry) {
  const stats = await readdir(entry, { withFileTypes: true }).catch(() => undefined);
  if (stats === undefined) return [entry];
  const nested = await Promise.all(stats.map((dirent) => filesUnder(path.join(entry, dirent.name))));
  return nested.flat();
}

async function fingerprint() {
  const hash = createHash('sha256');
  const files = (await Promise.all(inputs.map(filesUnder))).flat().sort();
  for (const file of files) {
    hash.update(path.relative(here, file));
    hash.update('\0');
    hash.update(await readFile(file).catch(() => Buffer.alloc(0)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Gzipped bytes of the JS and CSS a first visit downloads (index.html's own references) and of all chunks. */
async function sizes() {
  const html = await readFile(path.join(dist, 'index.html'), 'utf8');
  const initial = new Set(
    [...html.matchAll(/(?:src|href)="\/admin\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]),
  );
  const assets = (await readdir(path.join(dist, 'assets'))).filter((name) => /\.(js|css)$/.test(name));
  const totals = { initialJs: 0, initialCss: 0, allJs: 0, allCss: 0 };
  for (const name of assets) {
    const gz = gzipSync(await readFile(path.join(dist, 'assets', name)), { level: 9 }).length;
    const kind = name.endsWith('.js') ? 'Js' : 'Css';
    totals[`all${kind}`] += gz;
    if (initial.has(`assets/${name}`)) totals[`initial${kind}`] += gz;
  }
  return totals;
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

async function reportSizes() {
  const s = await sizes();
  say(
    `first load ${kb(s.initialJs + s.initialCss)} gzipped (JS ${kb(s.initialJs)}, CSS ${kb(s.initialCss)}); ` +
      `all chunks ${kb(s.allJs + s.allCss)} (JS ${kb(s.allJs)}, CSS ${kb(s.allCss)})`,
  );
}

async function main() {
  const args = new Set(process.argv.slice(2));
  if (args.has('--sizes')) return reportSizes();
  const wanted = await fingerprint();
  const built = await readFile(stampFile, 'utf8').catch(() => '');
  const hasIndex = await readFile(path.join(dist, 'index.html')).then(
    () => true,
    () => false,
  );
  if (!args.has('--force') && hasIndex && built.trim() === wanted) {
    say('up to date');
    return;
  }
  const started = performance.now();
  const { build } = await import('vite');
  await build({ configFile: path.join(here, 'vite.config.ts'), logLevel: 'warn' });
  await writeFile(stampFile, `${wanted}\n`);
  say(`built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  await reportSizes();
}

main().catch((error) => {
  process.stderr.write(`admin-ui: build failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
