/**
 * The bridge's admin routes, mounted at `/admin/api` behind the standalone session (which sets the tenant
 * context; nothing here trusts a tenant named by the caller):
 *
 *   GET  /woocommerce/store              the store connection (no key, secret or sealed value: a hint)
 *   POST /woocommerce/store              {storeUrl, consumerKey, consumerSecret}: connect by pasted keys
 *   GET  /woocommerce/grant-check?storeUrl=  what the key grant needs, checked before sending the merchant
 *   GET  /woocommerce/sync               the product sync's progress (done / total) or null
 *   POST /woocommerce/sync               starts a full sync (202), or returns the one running
 *   GET  /connector-keys                 the store's connector keys, with created / last used / revoked
 *   POST /connector-keys {name}          201 {key, secret}: the only time the secret is shown (owner)
 *   POST /connector-keys/:id/revoke      revokes at once (owner)
 *   GET  /woocommerce/plugin.zip         the WordPress plugin zip (plugin-zip/plugin-zip-route.ts)
 */
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import {
  jsonBody,
  parseWith,
  rememberSecret,
  assertRolesDeclared,
  needs,
  tenantContext,
  rbError,
  rbErrorWithDetails,
} from '../core/index.js';
import type {
  ConnectorKeyResponse,
  ConnectorKeysResponse,
  CreatedConnectorKey,
  GrantCheck,
  StoreConnectedResponse,
  StoreResponse,
  SyncResponse,
  SyncStartedResponse,
} from '../core/wire/admin-api-types.js';
import { grantCheckQuerySchema } from '../core/wire/store-link-schema.js';
import { connectorKeyBodySchema, storeBodySchema } from '../core/wire/woocommerce-schema.js';
import { KEY_ID_PATTERN } from './connector-keys.js';
import { listKeys } from './key-makers/list-keys.js';
import { PLUGIN_ZIP_ROUTE, servePluginZip } from './plugin-zip/plugin-zip-route.js';
import { isStoreTenant, parseStoreUrl, type StoreAddress } from './store-url.js';
import type { WooCommerceBridge } from './woocommerce-bridge.js';

const BODY_LIMIT = '16kb';

const keyParam = z.object({ id: z.string().regex(KEY_ID_PATTERN, 'not a connector key id') });

export function woocommerceAdminRouter(bridge: WooCommerceBridge): Router {
  const router = Router();
  router.get(PLUGIN_ZIP_ROUTE, needs('viewer'), servePluginZip());

  router.get('/woocommerce/store', needs('viewer'), async (_request, response) => {
    const { tenant } = tenantContext(response);
    response.json({ store: (await bridge.setup.view(tenant)) ?? null } satisfies StoreResponse);
  });

  router.post('/woocommerce/store', needs('admin'), jsonBody(BODY_LIMIT), connectByPastedKeys(bridge));

  router.get('/woocommerce/grant-check', needs('viewer'), async (request, response) => {
    const { tenant } = tenantContext(response);
    const address = storeAddressOf(tenant, parseWith(grantCheckQuerySchema, request.query).storeUrl);
    response.json((await bridge.grantPreconditions(address.url)) satisfies GrantCheck);
  });

  router.get('/woocommerce/sync', needs('viewer'), async (_request, response) => {
    const { tenant } = tenantContext(response);
    response.json({ sync: (await bridge.sync.status(tenant)) ?? null } satisfies SyncResponse);
  });

  router.post('/woocommerce/sync', needs('admin'), async (_request, response) => {
    const { tenant } = tenantContext(response);
    const store = await bridge.connections.get(tenant);
    if (store?.status !== 'connected') {
      throw rbError('RB_ERR_STORE_NOT_CONNECTED', 'sync its products');
    }
    response
      .status(202)
      .json({ sync: await bridge.sync.start(tenant, 'manual') } satisfies SyncStartedResponse);
  });

  router.get('/connector-keys', needs('viewer'), async (_request, response) => {
    const { tenant } = tenantContext(response);
    response.json({ keys: await listKeys(bridge, tenant) } satisfies ConnectorKeysResponse);
  });

  // Owners only: a key signs the plugin's "Open RateBridge" in as its maker (key-makers/admin-link-role.ts).
  router.post('/connector-keys', needs('owner'), jsonBody(BODY_LIMIT), async (request, response) => {
    const { tenant, actor, email } = tenantContext(response);
    const body = parseWith(connectorKeyBodySchema, request.body);
    const created = await bridge.keys.create(tenant, body.name, { actor, ...(email ? { email } : {}) });
    response.setHeader('Cache-Control', 'no-store');
    response.status(201).json(created satisfies CreatedConnectorKey);
  });

  router.post('/connector-keys/:id/revoke', needs('owner'), async (request, response) => {
    const { tenant } = tenantContext(response);
    const { id } = parseWith(keyParam, request.params);
    response.json({ key: await bridge.keys.revoke(tenant, id) } satisfies ConnectorKeyResponse);
  });

  return assertRolesDeclared(router, 'woocommerceAdminRouter');
}

/** POST /woocommerce/store: the keys are remembered as secrets before anything can echo them. */
function connectByPastedKeys(bridge: WooCommerceBridge) {
  return async (request: Request, response: Response): Promise<void> => {
    const { tenant } = tenantContext(response);
    const raw = request.body as { consumerKey?: unknown; consumerSecret?: unknown } | undefined;
    for (const value of [raw?.consumerKey, raw?.consumerSecret])
      if (typeof value === 'string') rememberSecret(value.trim());
    const body = parseWith(storeBodySchema, request.body);
    const address = storeAddressOf(tenant, body.storeUrl);
    const store = await bridge.setup.connectManually(tenant, address, {
      consumerKey: body.consumerKey,
      consumerSecret: body.consumerSecret,
    });
    response.status(201).json({ store } satisfies StoreConnectedResponse);
  };
}

/** The store address a merchant typed, when it is one and this admin's (the demo store: any). */
function storeAddressOf(tenant: string, input: string): StoreAddress {
  const address = parseStoreUrl(input);
  if (!address) {
    throw rbErrorWithDetails('RB_ERR_STORE_URL_INVALID', [
      { path: 'storeUrl', message: 'is not a store address' },
    ]);
  }
  // A WooCommerce merchant's admin belongs to one store; other tenants (the demo store) may connect any.
  if (isStoreTenant(tenant) && address.tenant !== tenant) {
    throw rbErrorWithDetails('RB_ERR_OTHER_STORE', [
      { path: 'storeUrl', message: 'is not the store of this admin' },
    ]);
  }
  return address;
}
