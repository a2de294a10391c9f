/** The fake MachShip refuses a body its OpenAPI document does not allow, as MachShip does: 400 and why. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FreightPlatform } from '../../../../core/platforms/freight-platform.js';
import { createMachShipPlatform } from '../../../../core/platforms/machship/index.js';
import { parseQuote } from '../../../../core/platforms/machship/mapper.js';
import { createPlatformHttp } from '../../../../core/platforms/http-client.js';
import { MachShipFake } from '../../../fakes/machship-fake.js';
import { loadMachShipOpenApi } from '../../../fakes/machship-openapi.js';
import { quoteRequest } from './quote-fixtures.js';

const reference = loadMachShipOpenApi();
const title = reference.ok
  ? 'the fake MachShip checks bodies against the OpenAPI document'
  : `the fake MachShip checks bodies against the OpenAPI document (skipped: ${reference.reason})`;

describe.skipIf(!reference.ok)(title, () => {
  let fake: MachShipFake;
  let url: string;
  let platform: FreightPlatform;

  beforeEach(async () => {
    fake = new MachShipFake({ 'test-token-not-real': {} });
    ({ url } = await fake.start());
    platform = createMachShipPlatform({ baseUrl: url, timeoutMs: 2_000 });
  });

  afterEach(() => fake.stop());

  async function post(path: string, body: unknown) {
    const http = createPlatformHttp({ baseUrl: url, timeoutMs: 2_000, displayName: 'MachShip' });
    const sent = await http.send({ method: 'POST', path, body, headers: { token: 'test-token-not-real' } });
    if (!sent.ok) throw new Error(sent.failure.detail);
    return sent.response;
  }

  it('answers a routes body with a member the document does not have with 400 and validation results', async () => {
    const response = await post('/apiv2/routes/returnroutes', {
      toLocation: { suburb: 'SYDNEY', postcode: '2000', state: 'NSW' },
      items: [{ itemType: 'Carton', quantity: 1, length: 1, width: 1, height: 1, weight: 1 }],
    });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      object: null,
      errors: [
        {
          memberNames: ['toLocation.state'],
          errorMessage: "Could not find member 'toLocation.state' on the request",
          validationType: 'Error',
        },
        {
          memberNames: ['items[0].itemType'],
          errorMessage: "The value of 'items[0].itemType' is not valid: it must be integer.",
          validationType: 'Error',
        },
        {
          memberNames: ['items[0].itemType'],
          errorMessage:
            "The value of 'items[0].itemType' is not valid: it must be equal to one of the allowed values.",
          validationType: 'Error',
        },
      ],
    });
    // Which the adapter reads as a refusal carrying MachShip's own words.
    expect(parseQuote(response)).toMatchObject({
      ok: false,
      failure: {
        reason: 'rejected_request',
        httpStatus: 400,
        detail: expect.stringContaining("Could not find member 'toLocation.state' on the request"),
      },
    });
  });

  it('refuses a locality search body with options the document does not have', async () => {
    const response = await post('/apiv2/locations/returnLocationsWithSearchOptions?s=richmond', {
      retrievalSize: 'twenty',
    });
    expect(response.status).toBe(400);
  });

  it('accepts what the adapter sends, so quotes pass the stricter fake', async () => {
    const result = await platform.quote(
      { token: 'test-token-not-real', environment: 'live' },
      quoteRequest,
      AbortSignal.timeout(5_000),
    );
    expect(result.ok).toBe(true);
  });
});
