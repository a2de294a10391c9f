/** The platform API an adapter calls: ping, quotes, localities, warehouses (wire format: sandbox-router.ts). */
import type { Response, Router } from 'express';
import { distanceKm, findLocality, postcodeMatchesState, searchLocalities } from '../../localities/index.js';
import { DEMO_WAREHOUSES } from './demo-warehouses.js';
import type { platformCall as gate } from './platform-call.js';
import { priceShipment, type PricedOption } from './pricing.js';
import { parseBody, sendError, sendValidationError } from './sandbox-replies.js';
import {
  localitySearchQuerySchema,
  quoteRequestSchema,
  type SandboxQuoteOption,
  type SandboxQuoteRequest,
} from './wire-format.js';

const DEFAULT_LOCALITY_RESULTS = 20;

export function mountPlatformRoutes(router: Router, platformCall: ReturnType<typeof gate>): void {
  router.post(
    '/v1/ping',
    platformCall('ping', (_req, res, token) => {
      res.json({
        ok: true,
        account: { name: `Sandbox account (${token.name})`, environment: token.environment },
      });
    }),
  );

  router.post(
    '/v1/quotes',
    platformCall('quotes', (req, res, token) => {
      const body = parseBody(quoteRequestSchema, req, res);
      if (!body) return;
      const from = findLocality(body.from.suburb, body.from.postcode, body.from.state);
      if (!from) return unknownLocality(res, 'from', body.from);
      const to = findLocality(body.to.suburb, body.to.postcode, body.to.state);
      if (!to) return unknownLocality(res, 'to', body.to);
      // Priced on the distance it reports, so a reader can redo the arithmetic from the answer.
      const distance = Math.round(distanceKm(from, to) * 10) / 10;
      const options = priceShipment({
        distanceKm: distance,
        items: body.items,
        toBusiness: body.to.isBusiness === true,
        tailLift: body.to.tailLift === true,
        handUnload: body.to.handUnload === true,
        authorityToLeave: body.to.authorityToLeave === true,
      });
      res.json({ environment: token.environment, distanceKm: distance, options: options.map(toWireOption) });
    }),
  );

  router.get(
    '/v1/localities',
    platformCall('localities', (req, res) => {
      const query = localitySearchQuerySchema.safeParse(req.query);
      if (!query.success) return sendValidationError(res, query.error);
      const found = searchLocalities(query.data.q, query.data.limit ?? DEFAULT_LOCALITY_RESULTS);
      res.json({ localities: found.map(({ suburb, postcode, state }) => ({ suburb, postcode, state })) });
    }),
  );

  router.get(
    '/v1/warehouses',
    platformCall('warehouses', (_req, res) => {
      res.json({ warehouses: DEMO_WAREHOUSES });
    }),
  );
}

/** Names the postcode and state (validated shapes) but never echoes the free-text suburb. */
function unknownLocality(res: Response, field: 'from' | 'to', place: SandboxQuoteRequest['from']): void {
  const problem = postcodeMatchesState(place.postcode, place.state)
    ? `no suburb of that name has postcode ${place.postcode} in ${place.state}. ` +
      'Search /v1/localities for the suburb as the platform spells it.'
    : `${place.postcode} is not a ${place.state} postcode.`;
  sendError(res, 400, 'unknown_locality', `"${field}" is not a known Australian locality: ${problem}`, {
    details: [{ path: field, message: 'unknown suburb, postcode and state combination' }],
  });
}

function toWireOption(option: PricedOption): SandboxQuoteOption {
  return {
    carrier: option.carrier,
    service: option.service,
    currency: 'AUD',
    priceExGst: option.exGstCents / 100,
    gst: option.gstCents / 100,
    total: option.totalCents / 100,
    transitDays: option.transitDays,
  };
}
