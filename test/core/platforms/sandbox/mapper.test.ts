import { describe, expect, it } from 'vitest';
import type { HttpResponse } from '../../../../core/platforms/http-client.js';
import {
  quoteBody,
  failureOf,
  parseQuote,
  parseVerify,
  parseWarehouses,
} from '../../../../core/platforms/sandbox/mapper.js';

const response = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse => ({
  status,
  body,
  headers,
});
const option = (total: number, gst: number) => ({
  carrier: { code: 'SRF', name: 'Sandbox Road Freight' },
  service: { code: 'RX', name: 'Road Express' },
  currency: 'AUD',
  priceExGst: total - gst,
  gst,
  total,
  transitDays: { min: 1, max: 2 },
});

describe('sandbox mapper', () => {
  it('builds the wire quote request from ours', () => {
    expect(
      quoteBody({
        pickup: {
          name: 'Main',
          addressLine1: '1 Bourke Road',
          suburb: 'Alexandria',
          postcode: '2015',
          state: 'NSW',
        },
        destination: {
          suburb: 'Melbourne',
          postcode: '3000',
          state: 'VIC',
          addressLine1: '1 Collins St',
        },
        delivery: { isBusiness: true, tailLift: false, authorityToLeave: false, handUnload: false },
        packages: [
          {
            type: 'carton',
            lengthCm: 30,
            widthCm: 20,
            heightCm: 10,
            weightKg: 1.5,
            quantity: 2,
            description: 'A description that is much longer than fifty characters allowed',
            sku: 'SKU-9',
          },
        ],
      }),
    ).toEqual({
      from: { suburb: 'Alexandria', postcode: '2015', state: 'NSW' },
      to: {
        suburb: 'Melbourne',
        postcode: '3000',
        state: 'VIC',
        isBusiness: true,
        tailLift: false,
        handUnload: false,
        authorityToLeave: false,
      },
      items: [
        {
          type: 'carton',
          description: 'A description that is much longer than fifty chara',
          lengthCm: 30,
          widthCm: 20,
          heightCm: 10,
          weightKg: 1.5,
          quantity: 2,
        },
      ],
    });
  });

  it('reads dollars into exact cents and drops options priced 0', () => {
    const result = parseQuote(
      response(200, { environment: 'live', distanceKm: 713.4, options: [option(10.1, 0.92), option(0, 0)] }),
    );
    expect(result).toEqual({
      ok: true,
      value: [
        {
          key: 'sandbox:SRF:RX',
          carrier: { id: 'SRF', name: 'Sandbox Road Freight' },
          service: { code: 'RX', name: 'Road Express' },
          totalCents: 1010,
          taxCents: 92,
          eta: { minDays: 1, maxDays: 2 },
          notes: { testMode: false },
        },
      ],
    });
  });

  it('calls a malformed answer a bad response', () => {
    expect(parseQuote(response(200, { options: [{ total: 'ten' }] }))).toMatchObject({
      ok: false,
      failure: { reason: 'bad_response' },
    });
    expect(parseQuote(response(200, '<html>'))).toMatchObject({
      ok: false,
      failure: { reason: 'bad_response' },
    });
    expect(parseWarehouses(response(200, { warehouses: [{ id: 1 }] }))).toMatchObject({ ok: false });
  });

  it('reads each verify answer into its outcome', () => {
    const error = (code: string, extra = {}) => ({ error: { code, message: 'm', ...extra } });
    expect(parseVerify(response(401, error('invalid_token'))).status).toBe('rejected');
    expect(parseVerify(response(403, error('wrong_environment', { tokenEnvironment: 'live' })))).toEqual({
      status: 'wrong_environment',
      tokenEnvironment: 'live',
      detail: expect.stringContaining('a sandbox live token, but the connection is set to test'),
    });
    expect(parseVerify(response(403, error('forbidden'))).status).toBe('forbidden');
    expect(parseVerify(response(429, error('injected_status'), { 'retry-after': '12' }))).toMatchObject({
      status: 'rate_limited',
      retryAfterSeconds: 12,
    });
    expect(parseVerify(response(502, 'Bad Gateway')).status).toBe('unreachable');
    expect(parseVerify(response(200, { ok: 'yes' })).status).toBe('unreachable');
  });

  it('words failures for a merchant', () => {
    expect(
      failureOf(
        response(400, { error: { code: 'validation_failed', message: 'The request is not valid (x).' } }),
      ),
    ).toEqual({
      reason: 'rejected_request',
      httpStatus: 400,
      detail: 'The sandbox refused the request: The request is not valid (x).',
    });
    expect(failureOf(response(404, 'not json'))).toMatchObject({
      reason: 'rejected_request',
      httpStatus: 404,
    });
    expect(failureOf(response(302, ''))).toMatchObject({ reason: 'bad_response' });
  });
});
