import { randomBytes } from 'node:crypto';
import { loadConfig, type Config } from '../../core/config.js';

/** A config for in-process servers: random port, fresh keys, quiet logs, overrides on top. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'debug',
    // The fake WooCommerce store listens on loopback; SSRF tests turn this off again.
    WOOCOMMERCE_ALLOW_LOCAL_STORES: 'true',
    RATEBRIDGE_KEYS: `test1:${randomBytes(32).toString('base64')}`,
    ...overrides,
  });
}
