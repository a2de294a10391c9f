import { isApiError } from '../api/api-error';
import type { AdminApi } from '../api/admin-api';
import { useResource, type Resource } from '../api/use-resource';
import { useAdmin } from '../app/AdminContext';
import { readFlag } from '../app/local-flags';
import type { OnboardingFacts } from './onboarding';

/** Reads every fact the wizard's progress is derived from, in parallel. */
export function useOnboarding(): Resource<OnboardingFacts> {
  const { api } = useAdmin();
  return useResource(() => loadFacts(api), [api]);
}

async function loadFacts(api: AdminApi): Promise<OnboardingFacts> {
  const apiBase = api.host.apiBase;
  const [connections, locations, defaultBox, profiles, liveQuotes, live] = await Promise.all([
    api.connections.list(),
    api.locations.list(),
    api.packaging.defaultBox(),
    api.packaging.list(0, 1),
    api.rateLog.list(0, 1, 'live'),
    isLive(api),
  ]);
  return {
    hasConnection: connections.length > 0,
    hasLocation: locations.length > 0,
    hasPackaging: defaultBox !== null || profiles.total > 0,
    testQuoteDone: liveQuotes.total > 0 || readFlag(apiBase, 'test-quote-done'),
    live: live || readFlag(apiBase, 'go-live-done'),
  };
}

/** Live when checkout can reach RateBridge: a connector key (WooCommerce), the carrier service (Shopify). */
async function isLive(api: AdminApi): Promise<boolean> {
  try {
    if (api.host.kind === 'shopify') return (await api.carrierService.status())?.active === true;
    return (await api.connectorKeys.list()).some((key) => !key.revokedAt);
  } catch (error) {
    // Not offered by this server (yet): the browser's memory decides.
    if (isApiError(error) && error.status === 404) return false;
    throw error;
  }
}
