/**
 * Going live on Shopify: register RateBridge as the shop's carrier service, with a callback URL that
 * carries a per-shop secret key (`<app url>/shopify/carrier-service/<key>`): Shopify does not document a
 * signature on the callback, so the key in the URL is what authenticates it.
 *
 * - The key is 256 random bits, kept sealed in the shop's record; a global index maps its SHA-256 (never
 *   the key) to the shop for the callback's lookup. Re-registering rotates it.
 * - The service id is remembered: a second go-live updates the service rather than creating a duplicate.
 *   A refused update creates a new service only when Shopify no longer has the old one
 *   (carrier-service-query.ts); otherwise the refusal is the merchant's answer.
 * - When the shop's last freight connection is disconnected the service is set inactive, so checkout stops
 *   asking for rates RateBridge can no longer get (Shopify then shows the merchant's other rates). What
 *   RateBridge records follows what Shopify did: a refused update or delete leaves the record as it was
 *   while Shopify still has the service.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Session } from '@shopify/shopify-api';
import { z } from 'zod';
import { GLOBAL_TENANT, rbError, type Core, type RateBridgeError } from '../core/index.js';
import {
  createCarrierService,
  deleteCarrierService,
  isCarrierCalculatedShippingUnavailable,
  updateCarrierService,
  type CarrierService,
} from './carrier-service-mutations.js';
import type { CarrierServiceView } from '../core/wire/admin-api-types.js';
import { findCarrierService } from './carrier-service-query.js';
import type { ShopifyApi, ShopifyFailure } from './shopify-api.js';
import { parseShopDomain, type ShopDomain } from './shop-domain.js';

export const CARRIER_SERVICE_NAME = 'RateBridge live freight rates';
const KEY_INDEX = 'shopify-callback-keys';
const SHOP_INDEX = 'shopify-callback-shops';

const recordSchema = z.object({
  serviceId: z.string(),
  active: z.boolean(),
  sealedKey: z.string(),
  keyHash: z.string(),
  registeredAt: z.string(),
});
type CarrierServiceRecord = z.infer<typeof recordSchema>;

export const GO_LIVE_INSTRUCTIONS = [
  'In Shopify admin, open Settings → Shipping and delivery.',
  `In each shipping zone that should get live freight rates, choose "Add rate" → "Use carrier or app to calculate rates" and pick "${CARRIER_SERVICE_NAME}".`,
  'Carrier-calculated rates need the Advanced plan or higher, the Shopify plan billed yearly (or with the carrier-calculated shipping add-on), or a development store.',
  'Place a test order to a real address to see the rates at checkout.',
];

export type { CarrierServiceView } from '../core/wire/admin-api-types.js';

// Built once: shopForKey runs on every checkout callback.
const keyIndexSchema = z.object({ shop: z.string() });
const shopIndexSchema = z.object({ keyHash: z.string() });

export const hashCallbackKey = (key: string): string => createHash('sha256').update(key).digest('hex');

interface RegistrationContext {
  readonly core: Core;
  readonly api: ShopifyApi;
  readonly appUrl: string;
}

export function createCarrierServiceRegistration(options: RegistrationContext) {
  const { store } = options.core;
  return {
    async status(shop: ShopDomain): Promise<CarrierServiceView | undefined> {
      const record = await load(store, shop);
      return record && { id: record.serviceId, active: record.active, registeredAt: record.registeredAt };
    },

    /** Creates or updates the carrier service with a fresh callback key; returns it active. */
    goLive: (shop: ShopDomain, session: Session) => goLive(options, shop, session),

    /** Sets the service inactive (no freight connection left); the key stays valid for a later go-live. */
    async deactivate(shop: ShopDomain, session: Session): Promise<void> {
      const record = await load(store, shop);
      if (!record || !record.active) return;
      const result = await updateCarrierService(options.api, session, {
        id: record.serviceId,
        active: false,
      });
      if (!result.ok) await throwUnlessGone(options.api, session, record.serviceId, result.failure);
      await store.putDoc(ref(shop), { ...record, active: false });
    },

    /** Every shop that went live (its record may say inactive since). */
    async shops(): Promise<ShopDomain[]> {
      const ids = [...(await store.listDocs(GLOBAL_TENANT, SHOP_INDEX)).keys()];
      return ids.flatMap((id) => parseShopDomain(id) ?? []);
    },

    /** The shop whose callback key this is, if any. */
    async shopForKey(key: string): Promise<ShopDomain | undefined> {
      if (!/^[A-Za-z0-9_-]{43}$/.test(key)) return undefined;
      const raw = await store.getDoc({ tenant: GLOBAL_TENANT, kind: KEY_INDEX, id: hashCallbackKey(key) });
      const parsed = keyIndexSchema.safeParse(raw);
      return parsed.success ? (parsed.data.shop as ShopDomain) : undefined;
    },

    /** Removes the global lookups of an erased shop (its own records went with deleteTenant). */
    async forget(shop: ShopDomain): Promise<void> {
      const raw = await store.getDoc({ tenant: GLOBAL_TENANT, kind: SHOP_INDEX, id: shop });
      const parsed = shopIndexSchema.safeParse(raw);
      if (parsed.success)
        await store.deleteDoc({ tenant: GLOBAL_TENANT, kind: KEY_INDEX, id: parsed.data.keyHash });
      await store.deleteDoc({ tenant: GLOBAL_TENANT, kind: SHOP_INDEX, id: shop });
    },

    /**
     * For uninstall through the admin: remove the service from Shopify too. A refused delete throws and
     * leaves the record (and its active flag) as it was while Shopify still has the service.
     */
    async remove(shop: ShopDomain, session: Session): Promise<void> {
      const record = await load(store, shop);
      if (!record) return;
      const deleted = await deleteCarrierService(options.api, session, record.serviceId);
      if (!deleted.ok) await throwUnlessGone(options.api, session, record.serviceId, deleted.failure);
      await store.putDoc(ref(shop), { ...record, active: false });
    },
  };
}

export type CarrierServiceRegistration = ReturnType<typeof createCarrierServiceRegistration>;

const ref = (shop: string) => ({ tenant: shop, kind: 'shopify', id: 'carrier-service' });
const owner = (shop: string) => `shopify-callback-key|${shop}`;

async function load(store: Core['store'], shop: string): Promise<CarrierServiceRecord | undefined> {
  const raw = await store.getDoc(ref(shop));
  return raw === undefined ? undefined : recordSchema.parse(raw);
}

async function goLive(
  ctx: RegistrationContext,
  shop: ShopDomain,
  session: Session,
): Promise<CarrierServiceView> {
  const { store, sealer } = ctx.core;
  const key = randomBytes(32).toString('base64url');
  const keyHash = hashCallbackKey(key);
  const existing = await load(store, shop);
  const service = await upsertService(
    ctx.api,
    session,
    existing,
    `${ctx.appUrl}/shopify/carrier-service/${key}`,
  );
  const record: CarrierServiceRecord = {
    serviceId: service.id,
    active: service.active,
    sealedKey: sealer.seal(key, owner(shop)),
    keyHash,
    registeredAt: new Date().toISOString(),
  };
  // New key first, then the record, then the old key goes: a callback in flight never finds nothing.
  await store.putDoc({ tenant: GLOBAL_TENANT, kind: KEY_INDEX, id: keyHash }, { shop });
  await store.putDoc(ref(shop), record);
  await store.putDoc({ tenant: GLOBAL_TENANT, kind: SHOP_INDEX, id: shop }, { keyHash });
  if (existing && existing.keyHash !== keyHash) {
    await store.deleteDoc({ tenant: GLOBAL_TENANT, kind: KEY_INDEX, id: existing.keyHash });
  }
  return { id: record.serviceId, active: record.active, registeredAt: record.registeredAt };
}

/** The shop's carrier service pointed at `callbackUrl` and active: updated, or created when there is none. */
async function upsertService(
  api: ShopifyApi,
  session: Session,
  existing: CarrierServiceRecord | undefined,
  callbackUrl: string,
): Promise<CarrierService> {
  if (existing) {
    const updated = await updateCarrierService(api, session, {
      id: existing.serviceId,
      callbackUrl,
      active: true,
      name: CARRIER_SERVICE_NAME,
    });
    // Deleted in Shopify meanwhile (by hand, or by another app install): create it again.
    if (updated.ok && updated.value) return updated.value;
    if (!updated.ok) await throwUnlessGone(api, session, existing.serviceId, updated.failure);
  }
  const created = await createCarrierService(api, session, {
    name: CARRIER_SERVICE_NAME,
    callbackUrl,
    active: true,
    supportsServiceDiscovery: true,
  });
  if (!created.ok) throw failure(created.failure);
  if (!created.value) throw rbError('RB_ERR_SHOPIFY_REFUSED', 'Shopify returned no carrier service.');
  return created.value;
}

/**
 * After Shopify refused a change to `serviceId`: returns when the service is gone from Shopify (so it may
 * be recreated or recorded inactive); throws the refusal when Shopify still has it.
 */
async function throwUnlessGone(
  api: ShopifyApi,
  session: Session,
  serviceId: string,
  refusal: ShopifyFailure,
): Promise<void> {
  if (refusal.kind !== 'user_errors') throw failure(refusal);
  const found = await findCarrierService(api, session, serviceId);
  if (!found.ok) throw failure(found.failure);
  if (found.value !== null) throw failure(refusal);
}

function failure(error: ShopifyFailure): RateBridgeError {
  if (isCarrierCalculatedShippingUnavailable(error)) return rbError('RB_ERR_SHOPIFY_PLAN');
  if (error.kind === 'user_errors') {
    return rbError(
      'RB_ERR_SHOPIFY_REFUSED',
      (error.userErrors ?? []).map((e) => e.message).join(' ') || error.message,
    );
  }
  if (error.kind === 'timeout' || error.kind === 'unreachable') return rbError('RB_ERR_SHOPIFY_UNREACHABLE');
  if (error.kind === 'no_session' || error.kind === 'unauthorized')
    return rbError('RB_ERR_SHOPIFY_SESSION_MISSING');
  return rbError('RB_ERR_SHOPIFY_REFUSED', error.message);
}
