/**
 * `npm run plugin:zip`: the WordPress plugin as an uploadable zip in dist/plugin/, which the admin offers
 * for download. `--out <dir>` writes it elsewhere. A problem is one line naming the fix and exit 1; with
 * `--optional` (how `npm run build` calls it) a missing `zip` command is that line and exit 0, so a
 * machine without it still builds and starts RateBridge (the admin then says how to get the zip).
 */
import path from 'node:path';
import { buildPluginZip } from '../woocommerce-bridge/plugin-zip/build-plugin-zip.js';
import { defaultPluginZipDir, repositoryRoot } from '../woocommerce-bridge/plugin-zip/plugin-zip-dir.js';

const args = process.argv.slice(2);
const outFlag = args.indexOf('--out');
const outDir = outFlag >= 0 ? path.resolve(args[outFlag + 1] ?? '.') : defaultPluginZipDir();

const result = await buildPluginZip(repositoryRoot(), outDir);
if (!result.ok) {
  console.error(`plugin:zip: ${result.problem}`);
  process.exit(args.includes('--optional') && result.problem.includes('apt-get install zip') ? 0 : 1);
}
console.log(`plugin:zip: ${path.relative(process.cwd(), result.file)} (version ${result.version})`);
