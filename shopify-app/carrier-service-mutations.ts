/**
 * Registering RateBridge as the shop's carrier service (GraphQL Admin; REST is legacy for new apps):
 * `carrierServiceCreate(input: DeliveryCarrierServiceCreateInput!)`, `carrierServiceUpdate(input:
 * DeliveryCarrierServiceUpdateInput!)` and `carrierServiceDelete(id: ID!)`, scope `write_shipping`.
 * Each payload carries `userErrors {field message code}`, which `graphql()` turns into a `user_errors`
 * failure.
 */
import type { Session } from '@shopify/shopify-api';
import { z } from 'zod';
import {
  graphqlDocument,
  type CallOptions,
  type ShopifyApi,
  type ShopifyFailure,
  type ShopifyResult,
} from './shopify-api.js';

export const carrierService = z.object({
  id: z.string(),
  name: z.string().nullable(),
  callbackUrl: z.string().nullable(),
  active: z.boolean(),
  supportsServiceDiscovery: z.boolean(),
});
export type CarrierService = z.infer<typeof carrierService>;

const userErrors = z.array(
  z.object({ field: z.array(z.string()).nullable(), message: z.string(), code: z.string().nullable() }),
);

export const CARRIER_SERVICE_FIELDS = 'id name callbackUrl active supportsServiceDiscovery';

export const CARRIER_SERVICE_CREATE = graphqlDocument({
  text: `mutation RateBridgeCarrierServiceCreate($input: DeliveryCarrierServiceCreateInput!) {
  carrierServiceCreate(input: $input) {
    carrierService { ${CARRIER_SERVICE_FIELDS} }
    userErrors { field message code }
  }
}`,
  variables: z.object({
    input: z.object({
      name: z.string().min(1).max(255),
      callbackUrl: z.url({ protocol: /^https?$/ }),
      active: z.boolean(),
      supportsServiceDiscovery: z.boolean(),
    }),
  }),
  data: z.object({
    carrierServiceCreate: z.object({ carrierService: carrierService.nullable(), userErrors }),
  }),
});

export const CARRIER_SERVICE_UPDATE = graphqlDocument({
  text: `mutation RateBridgeCarrierServiceUpdate($input: DeliveryCarrierServiceUpdateInput!) {
  carrierServiceUpdate(input: $input) {
    carrierService { ${CARRIER_SERVICE_FIELDS} }
    userErrors { field message code }
  }
}`,
  variables: z.object({
    input: z.object({
      id: z.string().startsWith('gid://shopify/DeliveryCarrierService/'),
      name: z.string().min(1).max(255).optional(),
      callbackUrl: z.url({ protocol: /^https?$/ }).optional(),
      active: z.boolean().optional(),
      supportsServiceDiscovery: z.boolean().optional(),
    }),
  }),
  data: z.object({
    carrierServiceUpdate: z.object({ carrierService: carrierService.nullable(), userErrors }),
  }),
});

export const CARRIER_SERVICE_DELETE = graphqlDocument({
  text: `mutation RateBridgeCarrierServiceDelete($id: ID!) {
  carrierServiceDelete(id: $id) {
    deletedId
    userErrors { field message code }
  }
}`,
  variables: z.object({ id: z.string().startsWith('gid://shopify/DeliveryCarrierService/') }),
  data: z.object({ carrierServiceDelete: z.object({ deletedId: z.string().nullable(), userErrors }) }),
});

export type CarrierServiceInput = z.input<typeof CARRIER_SERVICE_CREATE.variables>['input'];
export type CarrierServiceChanges = z.input<typeof CARRIER_SERVICE_UPDATE.variables>['input'];

export async function createCarrierService(
  api: ShopifyApi,
  session: Session,
  input: CarrierServiceInput,
  call?: CallOptions,
) {
  const result = await api.graphql(session, CARRIER_SERVICE_CREATE, { input }, call);
  return mapValue(result, (data) => data.carrierServiceCreate.carrierService);
}

export async function updateCarrierService(
  api: ShopifyApi,
  session: Session,
  input: CarrierServiceChanges,
  call?: CallOptions,
) {
  const result = await api.graphql(session, CARRIER_SERVICE_UPDATE, { input }, call);
  return mapValue(result, (data) => data.carrierServiceUpdate.carrierService);
}

export async function deleteCarrierService(
  api: ShopifyApi,
  session: Session,
  id: string,
  call?: CallOptions,
) {
  const result = await api.graphql(session, CARRIER_SERVICE_DELETE, { id }, call);
  return mapValue(result, (data) => data.carrierServiceDelete.deletedId);
}

/**
 * Whether Shopify refused because the shop's plan lacks carrier-calculated shipping. Shopify's text, as
 * apps report it: "Carrier Calculated Shipping must be enabled for your store before …" (UNCONFIRMED beyond
 * that prefix; the code is the generic CARRIER_SERVICE_CREATE_FAILED), so the prefix is what we match.
 */
export function isCarrierCalculatedShippingUnavailable(failure: ShopifyFailure): boolean {
  return (
    failure.kind === 'user_errors' &&
    (failure.userErrors ?? []).some((error) =>
      /carrier calculated shipping must be enabled/i.test(error.message),
    )
  );
}

function mapValue<T, U>(result: ShopifyResult<T>, pick: (value: T) => U): ShopifyResult<U> {
  return result.ok ? { ok: true, value: pick(result.value) } : result;
}
