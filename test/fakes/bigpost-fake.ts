/**
 * A fake Big Post API host (live or staging: run one of each) on a real socket, speaking the documented
 * wire format (/work/shared/platforms.md): `AccessToken` header auth, `/api/suburbs` and `/api/getquote`.
 * Tokens, data and failures are configurable; every request is recorded.
 */
import type http from 'node:http';
import { FakePlatformServer, send, type RecordedRequest } from './fake-platform-server.js';

export interface BigPostFakeToken {
  /** Access restricted or suspended: the token authenticates but every lookup comes back empty. */
  readonly suspended?: boolean;
}

export type { FakeBehaviour, RecordedRequest } from './fake-platform-server.js';

export interface BigPostFakeLocality {
  readonly PostcodeId: number;
  readonly Suburb: string;
  readonly State: string;
  readonly Postcode: string;
}

export const BIGPOST_FAKE_LOCALITIES: readonly BigPostFakeLocality[] = [
  { PostcodeId: 11001, Suburb: 'SYDNEY', State: 'NSW', Postcode: '2000' },
  { PostcodeId: 11002, Suburb: 'SYDNEY SOUTH', State: 'NSW', Postcode: '2000' },
  { PostcodeId: 13001, Suburb: 'MELBOURNE', State: 'VIC', Postcode: '3000' },
  { PostcodeId: 13121, Suburb: 'RICHMOND', State: 'VIC', Postcode: '3121' },
  { PostcodeId: 12753, Suburb: 'RICHMOND', State: 'NSW', Postcode: '2753' },
  { PostcodeId: 14001, Suburb: 'BRISBANE CITY', State: 'QLD', Postcode: '4000' },
  { PostcodeId: 16001, Suburb: 'PERTH', State: 'WA', Postcode: '6000' },
];

export interface BigPostFakeCarrierOption {
  readonly CarrierId: number;
  readonly CarrierName: string;
  readonly ServiceCode: string;
  readonly ServiceName: string;
  /** Ex GST. */
  readonly Charge: number;
  readonly Tax: number;
  readonly Total: number;
  readonly RequiresAuthorityToLeave: boolean;
}

export interface BigPostFakeDeliveryOption {
  readonly JobType: 'DEPOT' | 'BUSINESS' | 'HDS';
  readonly CarrierOptions: readonly BigPostFakeCarrierOption[];
}

export const BIGPOST_FAKE_DELIVERY_OPTIONS: readonly BigPostFakeDeliveryOption[] = [
  {
    JobType: 'DEPOT',
    CarrierOptions: [
      {
        CarrierId: 3,
        CarrierName: 'Allied Express',
        ServiceCode: 'ROAD',
        ServiceName: 'Road',
        Charge: 40,
        Tax: 4,
        Total: 44,
        RequiresAuthorityToLeave: false,
      },
    ],
  },
  {
    JobType: 'HDS',
    CarrierOptions: [
      {
        CarrierId: 7,
        CarrierName: 'Couriers Please',
        ServiceCode: 'STD',
        ServiceName: 'Standard',
        Charge: 9.18,
        Tax: 0.92,
        Total: 10.1,
        RequiresAuthorityToLeave: true,
      },
      // Big Post lists services that cannot carry the goods at 0.
      {
        CarrierId: 9,
        CarrierName: 'Hunter Express',
        ServiceCode: 'EXP',
        ServiceName: 'Express',
        Charge: 0,
        Tax: 0,
        Total: 0,
        RequiresAuthorityToLeave: false,
      },
    ],
  },
  {
    JobType: 'BUSINESS',
    CarrierOptions: [
      {
        CarrierId: 7,
        CarrierName: 'Couriers Please',
        ServiceCode: 'STD',
        ServiceName: 'Standard',
        Charge: 8.5,
        Tax: 0.85,
        Total: 9.35,
        RequiresAuthorityToLeave: false,
      },
    ],
  },
];

const MAX_DESCRIPTION_LENGTH = 50;

export class BigPostFake extends FakePlatformServer {
  /** The status a token the fake does not know gets (a missing header gets 403). UNCONFIRMED: 401 or 403. */
  invalidTokenStatus: 401 | 403 = 401;
  /** Echo the sent token inside error messages, as a careless platform might (for leak tests). */
  echoTokenInErrors = false;
  localities: readonly BigPostFakeLocality[] = BIGPOST_FAKE_LOCALITIES;
  deliveryOptions: readonly BigPostFakeDeliveryOption[] = BIGPOST_FAKE_DELIVERY_OPTIONS;

  private readonly tokens = new Map<string, BigPostFakeToken>();

  constructor(tokens: Readonly<Record<string, BigPostFakeToken>> = {}) {
    super();
    for (const [token, settings] of Object.entries(tokens)) this.tokens.set(token, settings);
  }

  addToken(token: string, settings: BigPostFakeToken = {}): void {
    this.tokens.set(token, settings);
  }

  revokeToken(token: string): void {
    this.tokens.delete(token);
  }

  protected answer(request: RecordedRequest, url: URL, res: http.ServerResponse): void {
    const token = request.headers['accesstoken'];
    if (token === undefined) return send(res, 403, { Message: 'AccessToken header is missing.' });
    const settings = this.tokens.get(token);
    if (settings === undefined) {
      const message = this.echoTokenInErrors
        ? `AccessToken ${token} is not valid.`
        : 'AccessToken is not valid.';
      return send(res, this.invalidTokenStatus, { Message: message });
    }
    const route = `${request.method} ${url.pathname}`;
    switch (route) {
      case 'GET /api/suburbs':
        return send(res, 200, settings.suspended ? [] : this.searchSuburbs(url.searchParams.get('q') ?? ''));
      case 'POST /api/getquote':
        return this.getQuote(res, request.body, token);
      default:
        return send(res, 404, { Message: `No HTTP resource was found for ${route}.` });
    }
  }

  private searchSuburbs(text: string): readonly BigPostFakeLocality[] {
    const wanted = text.trim().toUpperCase();
    if (wanted === '') return [];
    return this.localities.filter(
      (locality) => locality.Suburb.includes(wanted) || locality.Postcode.startsWith(wanted),
    );
  }

  private getQuote(res: http.ServerResponse, body: unknown, token: string): void {
    const request = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const pickup = this.localityOf(request['PickupLocation']);
    const buyer = this.localityOf(request['BuyerLocation']);
    const errors: string[] = [];
    if (!pickup) errors.push('PickupLocation: LocalityId is not a known locality.');
    if (!buyer) errors.push('BuyerLocation: LocalityId is not a known locality.');
    const items = request['Items'];
    if (!Array.isArray(items) || items.length === 0) errors.push('Items: at least one item is required.');
    else if (
      items.some(
        (item) => String((item as Record<string, unknown>)['Description']).length > MAX_DESCRIPTION_LENGTH,
      )
    ) {
      errors.push(`Items: Description must be ${MAX_DESCRIPTION_LENGTH} characters or fewer.`);
    }
    if (errors.length > 0) {
      const shown = this.echoTokenInErrors
        ? errors.map((message) => `${message} (AccessToken ${token})`)
        : errors;
      return send(res, 200, { Object: null, Errors: shown.map((ErrorMessage) => ({ ErrorMessage })) });
    }
    const jobTypes = request['BuyerIsBusiness'] === true ? ['DEPOT', 'BUSINESS'] : ['DEPOT', 'HDS'];
    return send(res, 200, {
      Object: {
        PickupLocality: pickup,
        BuyerLocality: buyer,
        DeliveryOptions: this.deliveryOptions
          .filter((option) => jobTypes.includes(option.JobType))
          .map((option) => ({ ...option, DepotLocality: option.JobType === 'DEPOT' ? buyer : null })),
      },
      Errors: [],
    });
  }

  private localityOf(location: unknown): BigPostFakeLocality | undefined {
    if (typeof location !== 'object' || location === null) return undefined;
    const id = (location as Record<string, unknown>)['LocalityId'];
    return this.localities.find((locality) => locality.PostcodeId === id);
  }
}
