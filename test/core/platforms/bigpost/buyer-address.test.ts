/**
 * The addresses in a getquote body, filled as Big Post's own plugin fills them (api-notes.md): the
 * buyer's "SUBURB STATE", never empty; the warehouse's street; names and lines within Big Post's limits.
 */
import { describe, expect, it } from 'vitest';
import { BIGPOST_LIMITS, quoteRequest } from '../../../../core/platforms/bigpost/mapper.js';
import type { BigPostQuoteBody } from '../../../../core/platforms/bigpost/mapper.js';
import type { PlatformQuoteRequest } from '../../../../core/platforms/freight-platform.js';
import { getQuoteProblems } from '../../../fakes/bigpost-getquote-schema.js';
import { quoteRequest as request } from './quote-fixtures.js';

const bodyOf = (built: PlatformQuoteRequest): BigPostQuoteBody =>
  quoteRequest(built, { pickup: 13121, buyer: 11001 }).body as BigPostQuoteBody;

describe('Big Post buyer and pickup addresses', () => {
  it('sends the buyer suburb and state as the address, whatever street lines the destination has', () => {
    expect(bodyOf(request).BuyerLocation).toEqual({
      Name: 'Guest User',
      Address: 'SYDNEY NSW',
      LocalityId: 11001,
      Locality: { Id: 11001, Suburb: 'SYDNEY', Postcode: '2000', State: 'NSW' },
    });
    const noStreet = bodyOf({
      ...request,
      destination: { suburb: 'Richmond', postcode: '3121', state: 'VIC' },
    });
    expect(noStreet.BuyerLocation.Address).toBe('Richmond VIC');
  });

  it('sends the warehouse street, or its suburb and state when it has none', () => {
    expect(bodyOf(request).PickupLocation.Address).toBe('12 Example Street');
    const { addressLine1: _street, ...withoutStreet } = request.pickup;
    expect(bodyOf({ ...request, pickup: withoutStreet }).PickupLocation.Address).toBe('RICHMOND VIC');
  });

  it('keeps every name and line within the limits Big Post refuses beyond', () => {
    const long = 'Unit 1234, Level 56, The Very Long Industrial Estate Road';
    const body = bodyOf({
      ...request,
      pickup: { ...request.pickup, name: 'W'.repeat(300), addressLine1: long },
      destination: { suburb: 'MOUNT COTTON AND SURROUNDING DISTRICTS', postcode: '4165', state: 'QLD' },
    });
    expect(body.PickupLocation.Name).toHaveLength(BIGPOST_LIMITS.name);
    expect(body.PickupLocation.Address).toBe('Unit 1234, Level 56, The Very');
    expect(body.BuyerLocation.Address.length).toBeLessThanOrEqual(BIGPOST_LIMITS.address);
    expect(body.BuyerLocation.Locality.Suburb.length).toBeLessThanOrEqual(BIGPOST_LIMITS.suburb);
    expect(getQuoteProblems(body)).toEqual([]);
  });

  it('builds a body the reference notes accept, where the old empty address was refused', () => {
    expect(getQuoteProblems(bodyOf(request))).toEqual([]);
    const old = { ...bodyOf(request), BuyerLocation: { ...bodyOf(request).BuyerLocation, Address: '' } };
    expect(getQuoteProblems(old)).toEqual(['BuyerLocation.Address: is required.']);
  });
});
