/**
 * What the fake MachShip answers, and the reply fixtures the mapper tests read, hold to the document's
 * response schemas as the live API departs from them (enums as text, date-times without a zone) and no
 * further: a fake that answered in a shape MachShip never uses would let the mapper drift.
 */
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatformHttp, type HttpRequest } from '../../../../core/platforms/http-client.js';
import {
  localitiesRequest,
  quoteRequest,
  verifyRequest,
  warehousesRequest,
} from '../../../../core/platforms/machship/mapper.js';
import { questionsRequest } from '../../../../core/platforms/machship/questions.js';
import { MachShipFake } from '../../../fakes/machship-fake.js';
import { loadMachShipOpenApi } from '../../../fakes/machship-openapi.js';
import { fixture, quoteRequest as request } from './quote-fixtures.js';

const reference = loadMachShipOpenApi();
const title = reference.ok
  ? 'MachShip replies conform to its OpenAPI document'
  : `MachShip replies conform to its OpenAPI document (skipped: ${reference.reason})`;

const FIXTURE_ROUTES: Readonly<Record<string, readonly [string, string]>> = {
  'ping-response.json': ['POST', '/apiv2/authenticate/ping'],
  'company-locations-response.json': ['GET', '/apiv2/companyLocations/getAll'],
  'locations-search-response.json': ['POST', '/apiv2/locations/returnLocationsWithSearchOptions'],
  'returnroutes-response.json': ['POST', '/apiv2/routes/returnroutes'],
  'returnroutes-errors-response.json': ['POST', '/apiv2/routes/returnroutes'],
};

const OFF_DOCUMENT: Readonly<Record<string, readonly string[]>> = {
  'company-locations-response.json': [
    '/object/1/name must NOT have fewer than 1 characters',
    '/object/1/addressLine1 must be string',
    '/object/1/location/postcode must be string',
    "/object/2 must have required property 'addressLine1'",
  ],
  'locations-search-response.json': ['/object/3/state must be object'],
  'returnroutes-response.json': [
    '/object/routes/4/consignmentTotal must be object',
    '/object/routes/5/consignmentTotal/totalSellPrice must be number',
    '/object/routes/5/consignmentTotal/totalTaxSellPrice must be number',
    '/object/routes/6/carrier must be object',
  ],
  // A refusal: `object` null beside the errors. The document declares only the successful reply.
  'returnroutes-errors-response.json': ['/object must be object'],
};

describe.skipIf(!reference.ok)(title, () => {
  const api = reference.ok ? reference.api : undefined;
  const fake = new MachShipFake({ 'test-token-not-real': { testMode: true } });
  let url = '';

  beforeAll(async () => {
    ({ url } = await fake.start());
  });
  afterAll(() => fake.stop());

  it.each([
    ['ping', verifyRequest],
    ['company locations', warehousesRequest],
    ['a locality search', localitiesRequest('richmond')],
    ['routes', quoteRequest(request)],
    ['routes with surcharge questions', quoteRequest(request, [1043, 1051])],
    ['the consignment settings (surcharge questions)', questionsRequest],
  ] as const)('the fake answers %s in the live shape', async (_what, sent) => {
    const http = createPlatformHttp({ baseUrl: url, timeoutMs: 2_000, displayName: 'MachShip' });
    const outcome = await http.send({ ...(sent as HttpRequest), headers: { token: 'test-token-not-real' } });
    if (!outcome.ok) throw new Error(outcome.failure.detail);
    expect(outcome.response.status).toBe(200);
    expect(api?.validateReply(sent.method, sent.path.split('?')[0] ?? '', outcome.response.body)).toEqual([]);
  });

  it('has a route for every reply fixture, and each fixture is in the live shape', () => {
    const fixtures = readdirSync(new URL('./fixtures/', import.meta.url)).filter((name) =>
      name.endsWith('-response.json'),
    );
    expect(fixtures.sort()).toEqual(Object.keys(FIXTURE_ROUTES).sort());
    for (const name of fixtures) {
      const [method, path] = FIXTURE_ROUTES[name] ?? ['', ''];
      const problems = api?.validateReply(method, path, fixture(name));
      // Some rows are deliberately off the document, to show the mapper skips them: exactly these.
      expect([name, problems]).toEqual([name, OFF_DOCUMENT[name] ?? []]);
    }
  });

  it('would catch a reply MachShip never sends', () => {
    const wrong = {
      object: { routes: [{ carrier: { id: 'thirty-eight' } }] },
      errors: [{ validationType: 'Fatal' }],
    };
    expect(api?.validateReply('POST', '/apiv2/routes/returnroutes', wrong)).not.toEqual([]);
  });
});
