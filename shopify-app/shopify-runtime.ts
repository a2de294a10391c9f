/**
 * Shopify's Express middleware and the one copy of @shopify/shopify-api it runs on, loaded together.
 *
 * @shopify/shopify-app-express 8 has no "exports" map: Node loads its "main", the CommonJS build, and that
 * requires the CommonJS build of @shopify/shopify-api, even when our ES modules `import` it (its "module"
 * field, the ESM build, is read by bundlers only). @shopify/shopify-api keeps its runtime adapter (the fetch
 * it calls Shopify with) and its error classes per build: a fetch set on the ESM copy never reaches the
 * middleware, and `instanceof` against the ESM `HttpResponseError` is false for what the middleware's copy
 * throws. So the middleware, the runtime and the error class all come from here, through one `require`,
 * whatever a bundler or test runner would do with an `import`.
 */
import { createRequire } from 'node:module';
import type * as ShopifyApiModuleTypes from '@shopify/shopify-api';
import type * as ShopifyApiRuntimeTypes from '@shopify/shopify-api/runtime';
import type * as ShopifyAppExpressTypes from '@shopify/shopify-app-express';

type ShopifyApiRuntime = typeof ShopifyApiRuntimeTypes;
type ShopifyApiModule = typeof ShopifyApiModuleTypes;
type ShopifyAppExpress = typeof ShopifyAppExpressTypes;

const requireCommonJs = createRequire(import.meta.url);

/** Shopify's Express app: `shopifyApp()`. */
export const { shopifyApp } = requireCommonJs('@shopify/shopify-app-express') as ShopifyAppExpress;

/** `setAbstractFetchFunc` and friends, of the copy the middleware uses. */
export const shopifyApiRuntime = requireCommonJs('@shopify/shopify-api/runtime') as ShopifyApiRuntime;

/** What the middleware's `api.auth.*` calls throw when Shopify answers with an error status. */
export const { HttpResponseError } = requireCommonJs('@shopify/shopify-api') as ShopifyApiModule;
