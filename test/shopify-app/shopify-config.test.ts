import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { ApiVersion } from '@shopify/shopify-api';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SHOPIFY_API_VERSION,
  DEFAULT_SHOPIFY_SCOPES,
  loadShopifySettings,
} from '../../shopify-app/shopify-config.js';

const secret = () => `canary-secret-${randomBytes(12).toString('hex')}`;
const base = () => ({
  SHOPIFY_API_KEY: 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6',
  SHOPIFY_API_SECRET: secret(),
  SHOPIFY_APP_URL: 'https://ratebridge.example.com/',
});

describe('Shopify settings', () => {
  it('are on with the three required variables, with default scopes and API version', () => {
    const environment = base();
    expect(loadShopifySettings(environment)).toEqual({
      enabled: true,
      apiKey: environment.SHOPIFY_API_KEY,
      apiSecret: environment.SHOPIFY_API_SECRET,
      appUrl: 'https://ratebridge.example.com',
      scopes: ['write_shipping', 'read_products'],
      apiVersion: DEFAULT_SHOPIFY_API_VERSION,
    });
    expect(DEFAULT_SHOPIFY_SCOPES).toBe('write_shipping,read_products');
  });

  it('are off, saying what to set, when none of the variables is set', () => {
    expect(loadShopifySettings({})).toEqual({
      enabled: false,
      reason: 'Shopify app off: set SHOPIFY_API_KEY, SHOPIFY_API_SECRET, SHOPIFY_APP_URL to turn it on.',
    });
  });

  it('are off, naming only the missing variables, when some are set', () => {
    const { SHOPIFY_API_KEY } = base();
    expect(loadShopifySettings({ SHOPIFY_API_KEY, SHOPIFY_APP_URL: ' ' })).toEqual({
      enabled: false,
      reason: 'Shopify app off: missing SHOPIFY_API_SECRET, SHOPIFY_APP_URL.',
    });
  });

  it('never echo a secret, whatever is wrong with it', () => {
    const canary = `short${randomBytes(2).toString('hex')}`;
    const result = loadShopifySettings({
      ...base(),
      SHOPIFY_API_SECRET: canary,
      SHOPIFY_APP_URL: 'not a url',
    });
    expect(result.enabled).toBe(false);
    const reason = (result as { reason: string }).reason;
    expect(reason).toContain('SHOPIFY_API_SECRET is not valid');
    expect(reason).toContain('SHOPIFY_APP_URL');
    expect(reason).not.toContain(canary);
    expect(reason.split('\n')).toHaveLength(1);
  });

  it('take APP_URL and SCOPES from `shopify app dev` when ours are unset, ours first otherwise', () => {
    const { SHOPIFY_API_KEY, SHOPIFY_API_SECRET } = base();
    const fromCli = loadShopifySettings({
      SHOPIFY_API_KEY,
      SHOPIFY_API_SECRET,
      APP_URL: 'https://tunnel.example.com',
      SCOPES: 'write_shipping,read_products,read_locations',
    });
    expect(fromCli).toMatchObject({
      appUrl: 'https://tunnel.example.com',
      scopes: ['write_shipping', 'read_products', 'read_locations'],
    });
    const ours = loadShopifySettings({
      ...base(),
      SHOPIFY_SCOPES: 'write_shipping,read_products',
      APP_URL: 'https://tunnel.example.com',
      SCOPES: 'read_orders',
    });
    expect(ours).toMatchObject({
      appUrl: 'https://ratebridge.example.com',
      scopes: ['write_shipping', 'read_products'],
    });
  });

  it('refuse unknown API versions and malformed scopes', () => {
    const version = loadShopifySettings({ ...base(), SHOPIFY_API_VERSION: '2019-04' });
    expect(version).toMatchObject({ enabled: false });
    expect((version as { reason: string }).reason).toContain('SHOPIFY_API_VERSION must be one of');
    const scopes = loadShopifySettings({ ...base(), SHOPIFY_SCOPES: 'write_shipping,everything' });
    expect((scopes as { reason: string }).reason).toContain('SHOPIFY_SCOPES');
    expect(loadShopifySettings({ ...base(), SHOPIFY_API_VERSION: ApiVersion.July26 })).toMatchObject({
      enabled: true,
      apiVersion: '2026-07',
    });
  });

  it('require an https app URL in production', () => {
    const http = { ...base(), SHOPIFY_APP_URL: 'http://ratebridge.example.com' };
    expect(loadShopifySettings(http).enabled).toBe(true);
    expect(loadShopifySettings({ ...http, NODE_ENV: 'production' })).toEqual({
      enabled: false,
      reason: 'Shopify app off: SHOPIFY_APP_URL must be https in production.',
    });
  });

  it('default to the newest stable API version the library knows, the one shopify.app.toml subscribes with', async () => {
    const stable = Object.values(ApiVersion)
      .filter((version) => version !== ApiVersion.Unstable)
      .sort();
    expect(DEFAULT_SHOPIFY_API_VERSION).toBe(stable.at(-1));
    const toml = await readFile(new URL('../../shopify.app.toml', import.meta.url), 'utf8');
    expect(toml).toContain(`api_version = "${DEFAULT_SHOPIFY_API_VERSION}"`);
    expect(toml).toContain(`scopes = "${DEFAULT_SHOPIFY_SCOPES}"`);
  });
});
