/**
 * GET /woocommerce/plugin.zip (admin API, behind the session): the WordPress plugin zip that
 * `npm run plugin:zip` built, as a download named with its version. Not built: 503
 * RB_ERR_PLUGIN_ZIP_NOT_BUILT with the command to run.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Request, Response } from 'express';
import { rbError } from '../../core/index.js';
import { PLUGIN_ZIP_NAME } from './build-plugin-zip.js';
import { defaultPluginZipDir } from './plugin-zip-dir.js';

export const PLUGIN_ZIP_ROUTE = '/woocommerce/plugin.zip';

export function servePluginZip(dir: string = defaultPluginZipDir()) {
  return async (_request: Request, response: Response): Promise<void> => {
    // plugin:zip leaves one zip there (it removes older ones).
    const names = await readdir(dir).catch(() => [] as string[]);
    const name = names.find((candidate) => PLUGIN_ZIP_NAME.test(candidate));
    if (name === undefined) throw rbError('RB_ERR_PLUGIN_ZIP_NOT_BUILT');
    response.setHeader('Cache-Control', 'no-cache');
    await new Promise<void>((resolve, reject) =>
      response.download(path.join(dir, name), name, { dotfiles: 'deny' }, (error) =>
        error ? reject(error) : resolve(),
      ),
    );
  };
}
