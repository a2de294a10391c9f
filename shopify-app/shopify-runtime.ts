/**
 * The copy of @shopify/shopify-api that Shopify's Express middleware runs on.
 *
 * @shopify/shopify-app-express 8 is published as CommonJS only (no "exports"; "main" is the CJS build), so
 * Node loads it, and the @shopify/shopify-api it requires, as CommonJS even when our ES modules import it.
 * @shopify/shopify-api ships separate ESM and CJS builds, and keeps its runtime adapter (the fetch it calls
 * Shopify with) and its error classes per build: a fetch set on the ESM copy never reaches the middleware,
 * and `instanceof` against the ESM `HttpResponseError` is false for what the middleware's copy throws.
 * Everything that must meet the middleware's copy comes from here.
 */
import { createRequire } from 'node:module';
import type * as ShopifyApiModuleTypes from '@shopify/shopify-api';
import type * as ShopifyApiRuntimeTypes from '@shopify/shopify-api/runtime';

type ShopifyApiRuntime = typeof ShopifyApiRuntimeTypes;
type ShopifyApiModule = typeof ShopifyApiModuleTypes;

const requireCommonJs = createRequire(import.meta.url);

/** `setAbstractFetchFunc` and friends, of the copy the middleware uses. */
export const shopifyApiRuntime = requireCommonJs('@shopify/shopify-api/runtime') as ShopifyApiRuntime;

/** What the middleware's `api.auth.*` calls throw when Shopify answers with an error status. */
export const { HttpResponseError } = requireCommonJs('@shopify/shopify-api') as ShopifyApiModule;
