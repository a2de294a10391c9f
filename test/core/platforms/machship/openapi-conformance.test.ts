/**
 * Every request the MachShip adapter builds, held route by route against MachShip's OpenAPI document
 * (../shared/reference/machship/openapi.json) with ajv, without the fake in between.
 */
import { describe, expect, it } from 'vitest';
import { PACKAGE_TYPES } from '../../../../core/platforms/freight-platform.js';
import type { PlatformQuoteRequest } from '../../../../core/platforms/freight-platform.js';
import {
  localitiesRequest,
  quoteRequest,
  verifyRequest,
  warehousesRequest,
  type MachShipRequest,
} from '../../../../core/platforms/machship/mapper.js';
import { loadMachShipOpenApi } from '../../../fakes/machship-openapi.js';
import { quoteRequest as request } from './quote-fixtures.js';

const reference = loadMachShipOpenApi();
const title = reference.ok
  ? 'MachShip requests conform to its OpenAPI document'
  : `MachShip requests conform to its OpenAPI document (skipped: ${reference.reason})`;

const linked: PlatformQuoteRequest = {
  ...request,
  pickup: { ...request.pickup, platformRefs: { machship: '7101' } },
};
const everyPackageType: PlatformQuoteRequest = {
  ...request,
  destination: { suburb: 'PERTH', postcode: '6000', state: 'WA' },
  packages: PACKAGE_TYPES.map((type) => ({
    type,
    lengthCm: 10.5,
    widthCm: 10,
    heightCm: 10,
    weightKg: 0.25,
    quantity: 1,
    description: type,
  })),
};

const requests: readonly (readonly [string, MachShipRequest])[] = [
  ['the token check (ping)', verifyRequest],
  ['company locations', warehousesRequest],
  ['a locality search', localitiesRequest('Richmond 3121')],
  ['a quote from a suburb, with address lines', quoteRequest(request)],
  ['a quote from a linked company location', quoteRequest(linked)],
  ['a quote with every package type', quoteRequest(everyPackageType)],
];

describe.skipIf(!reference.ok)(title, () => {
  const api = reference.ok ? reference.api : undefined;

  it.each(requests)('%s goes to a route the document has, with a conforming body', (_what, sent) => {
    const [path = '', query] = sent.path.split('?');
    const operation = api?.operation(sent.method, path);
    expect(operation, `${sent.method} ${path} is not in the document`).toBeDefined();
    for (const name of new URLSearchParams(query).keys()) {
      expect(operation?.parameters?.map((parameter) => parameter.name)).toContain(name);
    }
    expect(api?.validateBody(sent.method, path, sent.body)).toEqual([]);
  });

  it('names the schema each body is checked against', () => {
    expect(api?.bodySchemaName('POST', '/apiv2/routes/returnroutes')).toBe('RouteRequestV2');
    expect(api?.bodySchemaName('POST', '/apiv2/locations/returnLocationsWithSearchOptions')).toBe(
      'LocationSearchOptionsV2',
    );
    expect(api?.bodySchemaName('POST', '/apiv2/authenticate/ping')).toBeUndefined();
  });

  it('would catch a body the document does not allow', () => {
    const body = quoteRequest(request).body as Record<string, unknown>;
    const wrong = { ...body, fromLocation: { suburb: 'RICHMOND', postcode: '3121', state: 'VIC' } };
    expect(api?.validateBody('POST', '/apiv2/routes/returnroutes', wrong)).toEqual([
      {
        memberNames: ['fromLocation.state'],
        errorMessage: "Could not find member 'fromLocation.state' on the request",
        validationType: 'Error',
      },
    ]);
    expect(
      api?.validateBody('POST', '/apiv2/routes/returnroutes', { toLocation: body['toLocation'] }),
    ).toEqual([
      { memberNames: ['items'], errorMessage: 'The items field is required.', validationType: 'Error' },
    ]);
  });
});
