/**
 * A real WordPress 6.8 + WooCommerce 9.9 for tests: unpacked from the tarballs in ../shared/vendor into a
 * temporary folder, on a MariaDB database of its own, installed by WordPress's own wp_install(), WooCommerce
 * and the RateBridge plugin (copied from woocommerce-bridge/wordpress-plugin) activated with activate_plugin(),
 * and served by `php -S` with a router for pretty permalinks.
 *
 * As the vendor README asks: outbound HTTP is blocked except to loopback (WP_HTTP_BLOCK_EXTERNAL +
 * WP_ACCESSIBLE_HOSTS) and WP-Cron is off, so nothing calls out or runs behind the test's back. WP_DEBUG is
 * on with its log in the temporary folder, so the suite can fail on any warning, notice or deprecation the
 * plugin causes.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFile, cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../support/temp-dir.js';
import { freePort } from '../support/listen.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const PLUGIN_DIR = path.join(repoRoot, 'woocommerce-bridge/wordpress-plugin/ratebridge-shipping');
const SITE_SCRIPT = path.join(here, 'php/site.php');
const ROUTER_SCRIPT = path.join(here, 'php/router.php');
const MU_PLUGIN = path.join(here, 'php/ratebridge-test-site.php');
export const VENDOR_DIR = process.env.WORDPRESS_VENDOR_DIR ?? path.resolve(repoRoot, '../shared/vendor');
const WORDPRESS_TARBALL = 'wordpress-6.8.8.tar.xz';
const WOOCOMMERCE_TARBALL = 'woocommerce-9.9.5.tar.xz';
export const DB_HOST = process.env.WORDPRESS_DB_HOST ?? '127.0.0.1';
export const DB_PORT = Number(process.env.WORDPRESS_DB_PORT ?? 3306);
export const DB_USER = process.env.WORDPRESS_DB_USER ?? 'root';
const DB_PASSWORD = process.env.WORDPRESS_DB_PASSWORD ?? '';

export interface SiteProduct {
  readonly name: string;
  readonly sku: string;
  readonly price: string;
  readonly weight: string;
  readonly length: string;
  readonly width: string;
  readonly height: string;
}

export interface SiteOptions {
  readonly hpos: boolean;
  /** A CA certificate (PEM) added to WordPress's own bundle, as a publicly trusted one already is. */
  readonly trustCa?: string;
  /**
   * Ports besides 80, 443 and 8080 that WordPress's safe requests (the key grant's callback, webhook
   * deliveries and pings) may reach: a test's RateBridge listens on a port of its own.
   */
  readonly safePorts?: readonly number[];
  readonly fallbackLabel: string;
  readonly fallbackCost: string;
  readonly products: readonly SiteProduct[];
  /** Install the plugin from this zip through WordPress's uploader code instead of copying its folder. */
  readonly pluginZip?: string;
}

export interface PluginState {
  readonly settings: Record<string, string>;
  readonly has_secret: boolean;
  readonly transients: string[];
}

export interface WordPressSite {
  readonly url: string;
  readonly adminUser: string;
  readonly adminPassword: string;
  readonly instanceId: number;
  /** Product id by SKU. */
  readonly products: Readonly<Record<string, number>>;
  readonly hpos: boolean;
  /** Runs a site.php command (see php/site.php) and returns its JSON answer. */
  run<T>(command: string, input?: unknown): Promise<T>;
  state(): Promise<PluginState>;
  /** Lines of WordPress's debug.log (PHP warnings, notices, deprecations, doing-it-wrong). */
  debugLog(): Promise<string[]>;
  close(): Promise<void>;
}

/** Unpacks, installs and serves a store. Cleans up everything it made if any step fails. */
export async function startWordPressSite(options: SiteOptions): Promise<WordPressSite> {
  const folder = await tempDir('wordpress');
  const database = `rbwp_${randomBytes(5).toString('hex')}`;
  const cleanups: (() => Promise<void>)[] = [folder.remove];
  const cleanup = async () => {
    for (const step of cleanups.reverse()) await step().catch(() => undefined);
  };
  try {
    const root = path.join(folder.dir, 'site');
    await mkdir(root);
    await Promise.all([untar(WORDPRESS_TARBALL, root), untar(WOOCOMMERCE_TARBALL, root)]);
    if (options.pluginZip === undefined)
      await cp(PLUGIN_DIR, path.join(root, 'wp-content/plugins/ratebridge-shipping'), { recursive: true });
    await mkdir(path.join(root, 'wp-content/mu-plugins'), { recursive: true });
    await cp(MU_PLUGIN, path.join(root, 'wp-content/mu-plugins/ratebridge-test-site.php'));
    if (options.trustCa !== undefined) {
      await appendFile(
        path.join(root, 'wp-includes/certificates/ca-bundle.crt'),
        `\n${options.trustCa.trim()}\n`,
      );
    }

    await sql(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4`);
    cleanups.push(() => sql(`DROP DATABASE IF EXISTS \`${database}\``));

    // Served from the start (nothing asks before the install is done), so a port someone else took between
    // freePort() and php -S only costs another try, before the port is written into wp-config.php.
    const { server, port } = await servePhpOnFreePort(root);
    cleanups.push(() => stopProcessGroup(server));
    const url = `http://127.0.0.1:${port}`;
    const debugLogPath = path.join(folder.dir, 'debug.log');
    await writeFile(
      path.join(root, 'wp-config.php'),
      wpConfig({ database, url, debugLogPath, safePorts: options.safePorts ?? [] }),
    );

    const adminPassword = `pw-${randomBytes(9).toString('base64url')}`;
    const run = <T>(command: string, input: unknown = {}) => runSiteScript<T>(root, url, command, input);
    await run('install', { password: adminPassword });
    if (options.pluginZip !== undefined) await run('install-plugin-zip', { zip: options.pluginZip });
    const shop = await run<{ instance_id: number; products: Record<string, number>; hpos: boolean }>('shop', {
      hpos: options.hpos,
      fallback_label: options.fallbackLabel,
      fallback_cost: options.fallbackCost,
      products: options.products,
    });

    if (shop.hpos !== options.hpos) throw new Error(`HPOS is ${shop.hpos ? 'on' : 'off'}, not as asked`);

    return {
      url,
      adminUser: 'admin',
      adminPassword,
      instanceId: shop.instance_id,
      products: shop.products,
      hpos: shop.hpos,
      run,
      state: () => run<PluginState>('state'),
      async debugLog() {
        const text = await readFile(debugLogPath, 'utf8').catch(() => '');
        // Entries start with "[03-Dec-2026 08:00:46 UTC] "; a stack trace continues on the next lines.
        return text.split(/\n(?=\[\d{2}-\w{3}-\d{4} )/).filter((entry) => entry.trim() !== '');
      },
      close: cleanup,
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

function wpConfig(options: {
  database: string;
  url: string;
  debugLogPath: string;
  safePorts: readonly number[];
}): string {
  const salt = () => randomBytes(32).toString('hex');
  const define = (name: string, value: string | boolean) =>
    `define( '${name}', ${typeof value === 'boolean' ? String(value) : `'${value}'`} );`;
  return [
    '<?php',
    '// Written by test/wordpress/wordpress-site.ts for one test run.',
    define('DB_NAME', options.database),
    define('DB_USER', DB_USER),
    define('DB_PASSWORD', DB_PASSWORD),
    define('DB_HOST', `${DB_HOST}:${DB_PORT}`),
    define('DB_CHARSET', 'utf8mb4'),
    define('DB_COLLATE', ''),
    "$table_prefix = 'wp_';",
    ...[
      'AUTH_KEY',
      'SECURE_AUTH_KEY',
      'LOGGED_IN_KEY',
      'NONCE_KEY',
      'AUTH_SALT',
      'SECURE_AUTH_SALT',
      'LOGGED_IN_SALT',
      'NONCE_SALT',
    ].map((name) => define(name, salt())),
    define('WP_HOME', options.url),
    define('WP_SITEURL', options.url),
    define('WP_DEBUG', true),
    define('WP_DEBUG_LOG', options.debugLogPath),
    define('WP_DEBUG_DISPLAY', false),
    define('SCRIPT_DEBUG', false),
    define('DISABLE_WP_CRON', true),
    define('WP_HTTP_BLOCK_EXTERNAL', true),
    define('WP_ACCESSIBLE_HOSTS', '127.0.0.1,localhost'),
    define('AUTOMATIC_UPDATER_DISABLED', true),
    define('WP_AUTO_UPDATE_CORE', false),
    define('FS_METHOD', 'direct'),
    define('WP_ENVIRONMENT_TYPE', 'local'),
    // Read by the test mu-plugin (php/ratebridge-test-site.php).
    define('RATEBRIDGE_TEST_SAFE_PORTS', options.safePorts.join(',')),
    "if ( ! defined( 'ABSPATH' ) ) { define( 'ABSPATH', __DIR__ . '/' ); }",
    "require_once ABSPATH . 'wp-settings.php';",
    '',
  ].join('\n');
}

async function untar(tarball: string, into: string): Promise<void> {
  await execFileText('tar', ['-xJf', path.join(VENDOR_DIR, tarball), '-C', into], { timeoutMs: 60_000 });
}

/** Runs one SQL statement as the test database user (through PHP's mysqli, which WordPress needs anyway). */
export async function sql(statement: string): Promise<void> {
  const script = [
    'mysqli_report(MYSQLI_REPORT_ERROR | MYSQLI_REPORT_STRICT);',
    '$db = new mysqli(getenv("DB_HOST"), getenv("DB_USER"), getenv("DB_PASSWORD"), "", (int) getenv("DB_PORT"));',
    '$db->query(getenv("DB_STATEMENT"));',
  ].join(' ');
  await execFileText('php', ['-r', script], {
    env: {
      DB_HOST,
      DB_PORT: String(DB_PORT),
      DB_USER,
      DB_PASSWORD,
      DB_STATEMENT: statement,
    },
    timeoutMs: 20_000,
  });
}

async function runSiteScript<T>(root: string, url: string, command: string, input: unknown): Promise<T> {
  const output = await execFileText('php', [SITE_SCRIPT, command, JSON.stringify(input)], {
    cwd: root,
    env: { RATEBRIDGE_WP_HOME: url },
    timeoutMs: 120_000,
  });
  const last = output.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(last) as T;
  } catch {
    throw new Error(`site.php ${command} printed no JSON answer: ${output.slice(-2000)}`);
  }
}

function execFileText(
  file: string,
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string>; timeoutMs: number },
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      {
        cwd: options.cwd,
        env: { ...process.env, ...options.env },
        timeout: options.timeoutMs,
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error)
          reject(new Error(`${file} ${args[0] ?? ''} failed: ${error.message}\n${stderr}\n${stdout}`));
        else resolve(stdout);
      },
    );
  });
}

async function servePhpOnFreePort(root: string): Promise<{ server: ChildProcess; port: number }> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const port = await freePort();
    try {
      return { server: await servePhp(root, port), port };
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

/**
 * `php -S` in a process group of its own (its workers are forked children), with a few workers so a
 * request that waits on RateBridge does not hold up the next one. Resolves once it accepts connections.
 */
async function servePhp(root: string, port: number): Promise<ChildProcess> {
  const child = spawn('php', ['-S', `127.0.0.1:${port}`, '-t', root, ROUTER_SCRIPT], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, PHP_CLI_SERVER_WORKERS: '4' },
  });
  let stderr = '';
  let started = false;
  child.stderr?.on('data', (chunk: Buffer) => {
    // Access lines are noise once it has started; before that, keep everything for the checks below.
    if (started) return;
    stderr = (stderr + chunk.toString('utf8')).slice(-8000);
  });
  // Should the test process end without its afterAll (a crash, a killed worker), the server goes with it.
  const orphanGuard = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  process.once('exit', orphanGuard);
  child.once('exit', () => process.removeListener('exit', orphanGuard));
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`php -S exited (${child.exitCode}): ${stderr}`);
    // Its own "started" line, not just an open port: another process could hold the port php failed to take.
    if (stderr.includes(`Development Server (http://127.0.0.1:${port}) started`) && (await accepts(port))) {
      started = true;
      return child;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await stopProcessGroup(child);
  throw new Error(`php -S did not accept connections on ${port} within 15 s: ${stderr}`);
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** SIGTERM to the whole group, SIGKILL if it is still there after two seconds. */
async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // Already gone.
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 2000);
  await exited;
  clearTimeout(timer);
  signal('SIGKILL');
}
