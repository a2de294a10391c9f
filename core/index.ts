/** What front ends may use of the core. They import from here only (a dependency rule checks it). */
export { createCore, type Core } from './ratebridge.js';
export { loadConfig, type Config } from './config.js';
export { createLogger, type Logger } from './logger.js';
export { RateBridgeError, rbError, rbErrorWithDetails, isRateBridgeError } from './errors.js';
export { errorHandler, notFoundHandler } from './http/error-handler.js';
export { jsonBody, parseWith } from './http/json-body.js';
export { escapeHtml } from './http/escape-html.js';
export { simplePage } from './http/simple-page.js';
export { requestLogging } from './http/request-logging.js';
export { writeCheckoutAnswer } from './http/write-checkout-answer.js';
export { releaseMemoryWhenIdle } from './http/release-idle-memory.js';
export { storeWriteGate } from './http/store-write-gate.js';
export type { Store, JsonValue } from './storage/store.js';
export { runAsCheckout } from './storage/checkout-scope.js';
export { readParsedDoc } from './storage/parsed-doc.js';
export { isStoreUnavailable, storeUnavailable } from './storage/store-unavailable.js';
export { storeKnownDown } from './storage/guarded-store.js';
export { signRequest, verifyRequestSignature } from './security/request-signature.js';
export { constantTimeEqual } from './security/constant-time.js';
export type { Cents } from './money.js';
export { dollarsToCents, centsToDecimalString } from './money.js';
export type { TenantId } from './ids.js';
export { createAdminApiRouter, createPeopleRouter } from './admin-api/admin-api-router.js';
export { personSignInRoutes } from './admin-api/person-sign-in-routes.js';
export { setTenantContext, tenantContext } from './admin-api/tenant-context.js';
export { assertRolesDeclared, needs, useActivityTrail } from './admin-api/route-roles.js';
export type { ActivityTrail } from './people/activity-trail.js';
export { personActor, personOfActor } from './people/people-store.js';
export { createSandboxRouter } from './platforms/sandbox/sandbox-router.js';
export { startHealthScheduler } from './tokens/health-scheduler.js';
export { runEvery } from './run-every.js';
export { startAlertScheduler } from './alerts/alert-scheduler.js';
export { metricsEndpoint, privateMetricsEndpoint } from './http/metrics-endpoint.js';
export { asTenantId } from './ids.js';
export {
  toKilograms,
  toCentimetres,
  parseWeightUnit,
  parseLengthUnit,
  type WeightUnit,
  type LengthUnit,
} from './catalog/units.js';
export type { ProductInput } from './catalog/product-record.js';
export type { QuoteRequest, Rate } from './quoting/quote-request.js';
export { COMPANY_MAX_CHARS, quoteRequestSchema } from './quoting/quote-request.js';
export type { QuoteOutcome } from './quoting/quote-engine.js';
export { fallbackRates } from './quoting/fallback-rates.js';
export { rateWindow } from './quoting/delivery-dates/rate-window.js';
export { arrivalText } from './quoting/delivery-dates/arrival-text.js';
export { utcOffsetAtNoon } from './locations/local-clock.js';
export { isAuState } from './platforms/freight-platform.js';
export { DEFAULT_QUOTE_SETTINGS } from './quoting/quote-settings.js';
export { GLOBAL_TENANT, UNCHANGED } from './storage/store.js';
export { rememberSecret } from './security/redact.js';
export { verifyBase64Hmac } from './security/webhook-hmac.js';
export { resealCounter } from './security/seal.js';
