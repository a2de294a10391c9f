/**
 * Every request a platform adapter sends is counted, whoever asks: quoting attaches its connection's
 * budget itself (with the connection's own limits, and listeners told); token checks and suburb or
 * warehouse lookups, which come with bare credentials, get the token's budget at the platform's limits
 * here. So a token check during a storm is refused like a quote, and never pushes the token over.
 */
import type { FreightPlatform, PlatformCredentials } from '../../platforms/freight-platform.js';
import type { PlatformBudgets } from './platform-budgets.js';

export function meterPlatform(platform: FreightPlatform, budgets: PlatformBudgets): FreightPlatform {
  const metered = (credentials: PlatformCredentials): PlatformCredentials =>
    credentials.budget
      ? credentials
      : { ...credentials, budget: budgets.gate(platform, credentials.token, null) };
  return {
    ...platform,
    verifyToken: (credentials, signal) => platform.verifyToken(metered(credentials), signal),
    quote: (credentials, request, signal) => platform.quote(metered(credentials), request, signal),
    searchLocalities: (credentials, query, signal) =>
      platform.searchLocalities(metered(credentials), query, signal),
    listWarehouses: (credentials, signal) => platform.listWarehouses(metered(credentials), signal),
  };
}
