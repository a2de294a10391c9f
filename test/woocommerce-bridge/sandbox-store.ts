/**
 * A WooCommerce store's RateBridge ready to quote: the bridge on real sockets, a merchant signed in, a
 * sandbox token connected, one pickup location (Sydney DC) and a connector key for the plugin. The set-up
 * the plugin-facing suites (real WordPress and e2e) share before each adds its own rules.
 */
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { startWooTestApp, type AdminClient, type WooTestApp } from './woocommerce-test-app.js';

export interface SandboxStore {
  readonly app: WooTestApp;
  readonly merchant: AdminClient;
  readonly keyId: string;
  readonly secret: string;
}

/** `label` names the store (`woo:<label>-<random>.example.test`) and the sandbox token. */
export async function startSandboxStore(label: string): Promise<SandboxStore> {
  const app = await startWooTestApp();
  const merchant = await app.signIn(`woo:${label}-${randomBytes(3).toString('hex')}.example.test`);
  const token = await sandboxToken(app, `${label}-${randomBytes(3).toString('hex')}`);
  const connection = await merchant.api('POST', '/connections', {
    platform: 'sandbox',
    environment: 'test',
    label: 'Sandbox',
    token,
  });
  expect(connection.status).toBe(201);
  const location = await merchant.api('POST', '/locations', {
    name: 'Sydney DC',
    suburb: 'Sydney',
    postcode: '2000',
    state: 'NSW',
  });
  expect(location.status).toBe(201);
  const created = await merchant.api('POST', '/connector-keys', { name: 'WordPress' });
  expect(created.status).toBe(201);
  const { key, secret } = created.body as { key: { id: string }; secret: string };
  return { app, merchant, keyId: key.id, secret };
}

/** A test-environment token the sandbox platform issues. */
export async function sandboxToken(app: WooTestApp, name: string): Promise<string> {
  const response = await fetch(`${app.sandbox.url}/api-tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, environment: 'test' }),
  });
  if (response.status !== 201) throw new Error(`sandbox token: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}
