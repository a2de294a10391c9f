/**
 * Whether Shopify still has a carrier service: `carrierService(id: ID!): DeliveryCarrierService`, null once
 * it is gone. The carrierService mutations' userErrors carry one generic code each
 * (CARRIER_SERVICE_UPDATE_FAILED, CARRIER_SERVICE_DELETE_FAILED in the Admin schema) and no documented
 * text, so after a refused update or delete this is how RateBridge tells "it is gone" from "Shopify
 * refused": only the first may be recreated or forgotten here.
 */
import type { Session } from '@shopify/shopify-api';
import { z } from 'zod';
import { CARRIER_SERVICE_FIELDS, carrierService, type CarrierService } from './carrier-service-mutations.js';
import { graphqlDocument, type CallOptions, type ShopifyApi, type ShopifyResult } from './shopify-api.js';

export const CARRIER_SERVICE_BY_ID = graphqlDocument({
  text: `query RateBridgeCarrierService($id: ID!) {
  carrierService(id: $id) { ${CARRIER_SERVICE_FIELDS} }
}`,
  variables: z.object({ id: z.string().startsWith('gid://shopify/DeliveryCarrierService/') }),
  data: z.object({ carrierService: carrierService.nullable() }),
});

export async function findCarrierService(
  api: ShopifyApi,
  session: Session,
  id: string,
  call?: CallOptions,
): Promise<ShopifyResult<CarrierService | null>> {
  const result = await api.graphql(session, CARRIER_SERVICE_BY_ID, { id }, call);
  return result.ok ? { ok: true, value: result.value.carrierService } : result;
}
