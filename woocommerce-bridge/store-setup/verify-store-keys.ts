/**
 * Verify keys against the store (steps 1 and 2 of store-setup.ts): find the auth style that works on this
 * host, falling back to query-string auth when the host strips the Authorization header, then read the
 * store's weight and dimension units.
 */
import { readStoreUnits, type StoreUnits } from '../store-units.js';
import {
  initialAuthStyle,
  type AuthStyle,
  type WooClient,
  type WooCredentials,
  type WooFailure,
  type WooResult,
} from '../woocommerce-client.js';
import type { SetupContext } from './setup-context.js';

type VerifyOutcome =
  | { readonly ok: true; readonly auth: AuthStyle; readonly units: StoreUnits; readonly client: WooClient }
  | { readonly ok: false; readonly failure: WooFailure };

export async function verifyStoreKeys(
  ctx: SetupContext,
  credentials: WooCredentials,
  signal?: AbortSignal,
): Promise<VerifyOutcome> {
  let candidate = ctx.client(credentials, initialAuthStyle(credentials.storeUrl));
  let probe = await candidate.listProducts(1, 1, signal);
  if (!probe.ok && probe.failure.kind === 'header-stripped') {
    candidate = ctx.client(credentials, 'query');
    probe = await candidate.listProducts(1, 1, signal);
  }
  // A visitor's answer to query-string keys too: revoked, or WordPress not seeing HTTPS. Ask which.
  if (!probe.ok) return { ok: false, failure: await candidate.explainRefusal(probe.failure, signal) };
  const units = await readUnits(candidate, signal);
  if (!units.ok) return units;
  return { ok: true, auth: candidate.auth, units: units.value, client: candidate };
}

export async function readUnits(woo: WooClient, signal?: AbortSignal): Promise<WooResult<StoreUnits>> {
  const [weight, dimension] = await Promise.all([
    woo.getSetting('products', 'woocommerce_weight_unit', signal),
    woo.getSetting('products', 'woocommerce_dimension_unit', signal),
  ]);
  if (!weight.ok) return weight;
  if (!dimension.ok) return dimension;
  const units = readStoreUnits(weight.value, dimension.value);
  return units
    ? { ok: true, value: units }
    : {
        ok: false,
        failure: {
          kind: 'bad-response',
          status: 200,
          detail: `unknown units "${weight.value}" and "${dimension.value}"`,
        },
      };
}
