/** What front ends may use of the core. They import from here only (a dependency rule checks it). */
export { createCore, type Core, type CoreOptions } from './ratebridge.js';
export { loadConfig, type Config } from './config.js';
export { createLogger, type Logger } from './logger.js';
export { ERRORS, RateBridgeError, rbError, isRateBridgeError, type ErrorCode } from './errors.js';
export { errorHandler, notFoundHandler, toRateBridgeError } from './admin-api/http/error-handler.js';
export { jsonBody, parseWith } from './admin-api/http/json-body.js';
export { requestLogging } from './admin-api/http/request-logging.js';
export type { Store, JsonValue, DocRef } from './storage/store.js';
export { signRequest, verifyRequestSignature } from './security/request-signature.js';
export { constantTimeEqual } from './security/constant-time.js';
export { redactUrl, redactDeep } from './security/redact.js';
export type { Cents } from './money.js';
export { dollarsToCents, centsToDecimalString } from './money.js';
export type { TenantId, ConnectionId } from './ids.js';
