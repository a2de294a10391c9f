/**
 * A fake Big Post API host (live or staging: run one of each) on a real socket, speaking the wire format
 * of ../shared/reference/bigpost/api-notes.md (Big Post's own plugin, and a live integration's notes of
 * Big Post's Swagger limits): `AccessToken` header auth (403 without it or with a key it does not know),
 * `/api/suburbs` and `/api/getquote`. A getquote body is checked field by field against those notes
 * (bigpost-getquote-schema.ts) and refused the way the plugin expects refusals: 200 with `Errors`.
 * Tokens, data and failures are configurable; every request is recorded.
 */
import type http from 'node:http';
import { FakePlatformServer, send, type RecordedRequest } from './fake-platform-server.js';
import { getQuoteProblems } from './bigpost-getquote-schema.js';

export interface BigPostFakeToken {
  /** Access restricted or suspended: the token authenticates but every lookup comes back empty. */
  readonly suspended?: boolean;
}

export type { RecordedRequest } from './fake-platform-server.js';

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
  /** `YYYY-MM-DDT00:00:00`, the estimated delivery date. */
  readonly Eta?: string;
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
        Eta: '2025-11-27T00:00:00',
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

/** A row of `/api/depots` (api-notes.md: `{DepotId, DepotName, Address, Suburb, State, Postcode}`). */
export interface BigPostFakeDepot {
  readonly DepotId: number;
  readonly DepotName: string;
  readonly Address: string;
  readonly Suburb: string;
  readonly State: string;
  readonly Postcode: string;
  /** The fake's own: what collecting from this depot costs over the DEPOT prices above (dollars). */
  readonly extra: number;
}

export const BIGPOST_FAKE_DEPOTS: readonly BigPostFakeDepot[] = [
  {
    DepotId: 501,
    DepotName: 'Big Post Alexandria',
    Address: '3 Bourke Rd',
    Suburb: 'ALEXANDRIA',
    State: 'NSW',
    Postcode: '2015',
    extra: 0,
  },
  {
    DepotId: 502,
    DepotName: 'Big Post Ingleburn',
    Address: '9 Stennett Rd',
    Suburb: 'INGLEBURN',
    State: 'NSW',
    Postcode: '2565',
    extra: 3,
  },
  {
    DepotId: 503,
    DepotName: 'Big Post Penrith',
    Address: '1 Castlereagh Rd',
    Suburb: 'PENRITH',
    State: 'NSW',
    Postcode: '2750',
    extra: 5,
  },
  {
    DepotId: 601,
    DepotName: 'Big Post Laverton',
    Address: '20 Fitzgerald Rd',
    Suburb: 'LAVERTON NORTH',
    State: 'VIC',
    Postcode: '3026',
    extra: 0,
  },
  {
    DepotId: 602,
    DepotName: 'Big Post Dandenong',
    Address: '4 Frankston Rd',
    Suburb: 'DANDENONG SOUTH',
    State: 'VIC',
    Postcode: '3175',
    extra: 2,
  },
  {
    DepotId: 701,
    DepotName: 'Big Post Brisbane',
    Address: '8 Kingsford Smith Dr',
    Suburb: 'EAGLE FARM',
    State: 'QLD',
    Postcode: '4009',
    extra: 0,
  },
];

/** Authority to leave is quoted only for items of 40 kg or less (api-notes.md, 2nd: bigpost.ts:67). */
const ATL_MAX_KG = 40;

export class BigPostFake extends FakePlatformServer {
  /** The status a token the fake does not know gets: 403, as a live integration saw (no source shows 401). */
  invalidTokenStatus: 401 | 403 = 403;
  /**
   * `empty-list`: a token the fake does not know gets `200 []` from /api/suburbs instead of a status, the
   * answer the plugin's own token check treats as "Invalid API Details".
   */
  invalidTokenAnswer: 'status' | 'empty-list' = 'status';
  /** Echo the sent token inside error messages, as a careless platform might (for leak tests). */
  echoTokenInErrors = false;
  localities: readonly BigPostFakeLocality[] = BIGPOST_FAKE_LOCALITIES;
  deliveryOptions: readonly BigPostFakeDeliveryOption[] = BIGPOST_FAKE_DELIVERY_OPTIONS;
  depots: readonly BigPostFakeDepot[] = BIGPOST_FAKE_DEPOTS;
  /** Depot quotes (JobType 1) answered late, by DepotId: after this many ms, or never (`hang`). */
  readonly slowDepotQuotes = new Map<number, number | 'hang'>();

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
    if (
      settings === undefined &&
      this.invalidTokenAnswer === 'empty-list' &&
      url.pathname === '/api/suburbs'
    ) {
      return send(res, 200, []);
    }
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
      case 'GET /api/depots':
        return send(
          res,
          200,
          this.depotsNear(url.searchParams.get('p') ?? '').map(({ extra: _, ...depot }) => depot),
        );
      case 'POST /api/getquote':
        return this.answerQuote(res, request.body, token);
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

  private answerQuote(res: http.ServerResponse, body: unknown, token: string): void {
    const { JobType, DepotId } = (typeof body === 'object' && body !== null ? body : {}) as Record<
      string,
      unknown
    >;
    const slow = JobType === 1 && typeof DepotId === 'number' ? this.slowDepotQuotes.get(DepotId) : undefined;
    if (slow === 'hang') return;
    if (slow === undefined) return this.getQuote(res, body, token);
    setTimeout(() => this.getQuote(res, body, token), slow);
  }

  private getQuote(res: http.ServerResponse, body: unknown, token: string): void {
    const problems = getQuoteProblems(body);
    const request = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const pickup = this.localityOf(request['PickupLocation']);
    const buyer = this.localityOf(request['BuyerLocation']);
    const errors = [...problems];
    if (problems.length === 0) {
      errors.push(...this.deliveryProblems(request));
      if (!pickup) errors.push('PickupLocation: LocalityId is not a known locality.');
      else if (!this.sameLocality(request['PickupLocation'], pickup))
        errors.push('PickupLocation: Locality does not match LocalityId.');
      if (!buyer) errors.push('BuyerLocation: LocalityId is not a known locality.');
      else if (!this.sameLocality(request['BuyerLocation'], buyer))
        errors.push('BuyerLocation: Locality does not match LocalityId.');
    }
    if (errors.length > 0) {
      const shown = this.echoTokenInErrors
        ? errors.map((message) => `${message} (AccessToken ${token})`)
        : errors;
      return send(res, 200, { Object: null, Errors: shown.map((ErrorMessage) => ({ ErrorMessage })) });
    }
    const chosen = this.depots.find((known) => known.DepotId === request['DepotId']);
    const depot = chosen ? depotLocality(chosen) : this.depotFor(request['DepotId'], buyer);
    return send(res, 200, {
      Object: {
        PickupLocality: pickup,
        BuyerLocality: buyer,
        DeliveryOptions: this.deliveryOptions
          .filter((option) => jobTypesOf(request).includes(option.JobType))
          .map((option) => ({
            ...option,
            CarrierOptions: option.CarrierOptions.map((carrier) =>
              priced(carrier, option.JobType, chosen, request),
            ),
            DepotLocality: option.JobType === 'DEPOT' ? depot : null,
          })),
      },
      Errors: null,
    });
  }

  /**
   * What the notes say Big Post refuses about delivery: home delivery (JobType 3) for a business buyer,
   * a DepotId that is not one of its depots, authority to leave for an item over 40 kg.
   */
  private deliveryProblems(request: Record<string, unknown>): string[] {
    const problems: string[] = [];
    if (request['JobType'] === 3 && request['BuyerIsBusiness'] === true)
      problems.push('JobType: home delivery needs BuyerIsBusiness false.');
    const depotId = request['DepotId'];
    if (typeof depotId === 'number' && !this.depots.some((depot) => depot.DepotId === depotId))
      problems.push(`DepotId: ${depotId} is not a Big Post depot.`);
    const items = (request['Items'] ?? []) as { Weight: number }[];
    if (request['ReturnAuthorityToLeaveOptions'] === true && items.some((item) => item.Weight > ATL_MAX_KG))
      problems.push(
        `ReturnAuthorityToLeaveOptions: authority to leave is only quoted for items of ${ATL_MAX_KG} kg or less.`,
      );
    return problems;
  }

  /** Depots nearest the postcode first: same state (first digit) and closest postcode number. */
  private depotsNear(postcode: string): readonly BigPostFakeDepot[] {
    if (!/^\d{4}$/.test(postcode)) return [];
    return this.depots
      .filter((depot) => depot.Postcode[0] === postcode[0])
      .sort(
        (a, b) =>
          Math.abs(Number(a.Postcode) - Number(postcode)) - Math.abs(Number(b.Postcode) - Number(postcode)),
      );
  }

  /** The depot's locality: the one asked for by DepotId (a PostcodeId here), else the buyer's own. */
  private depotFor(depotId: unknown, buyer: BigPostFakeLocality | undefined) {
    const chosen = this.localities.find((locality) => locality.PostcodeId === depotId);
    const where = chosen ?? buyer;
    return where
      ? { Id: where.PostcodeId, Suburb: where.Suburb, Postcode: where.Postcode, State: where.State }
      : null;
  }

  /** Whether `Locality` names the same place as `LocalityId` (the plugin sends both, SM:1686-1694). */
  private sameLocality(location: unknown, known: BigPostFakeLocality): boolean {
    const locality = (location as { Locality?: Record<string, unknown> }).Locality ?? {};
    return (
      locality['Id'] === known.PostcodeId &&
      String(locality['Postcode']) === known.Postcode &&
      String(locality['Suburb']).toUpperCase() === known.Suburb.slice(0, 30) &&
      locality['State'] === known.State
    );
  }

  private localityOf(location: unknown): BigPostFakeLocality | undefined {
    if (typeof location !== 'object' || location === null) return undefined;
    const id = (location as Record<string, unknown>)['LocalityId'];
    return this.localities.find((locality) => locality.PostcodeId === id);
  }
}

/** 1 depot, 2 business, 3 home; blank: depot plus home or business (the plugin's note, PUB:449). */
function jobTypesOf(request: Record<string, unknown>): readonly string[] {
  const business = request['BuyerIsBusiness'] === true;
  switch (request['JobType']) {
    case 1:
      return ['DEPOT'];
    case 2:
      return ['BUSINESS'];
    case 3:
      return ['HDS'];
    default:
      return ['DEPOT', business ? 'BUSINESS' : 'HDS'];
  }
}

/**
 * The fake's prices for the delivery fields, so tests see each one priced: a heavy carton without a
 * forklift on site needs a tail-lift truck (+$30), and a depot costs its own extra.
 */
function priced(
  carrier: BigPostFakeCarrierOption,
  jobType: string,
  depot: BigPostFakeDepot | undefined,
  request: Record<string, unknown>,
): BigPostFakeCarrierOption {
  if (carrier.Total === 0) return carrier;
  const items = (request['Items'] ?? []) as { Weight: number }[];
  const heavy = items.some((item) => item.Weight > 30);
  const tailLift = jobType !== 'DEPOT' && heavy && request['BuyerHasForklift'] !== true ? 30 : 0;
  const extra = tailLift + (jobType === 'DEPOT' && depot ? depot.extra : 0);
  if (extra === 0) return carrier;
  const total = Math.round((carrier.Total + extra) * 100) / 100;
  const tax = Math.round((total / 11) * 100) / 100;
  return { ...carrier, Total: total, Tax: tax, Charge: Math.round((total - tax) * 100) / 100 };
}

function depotLocality(depot: BigPostFakeDepot) {
  return { Id: depot.DepotId, Suburb: depot.Suburb, Postcode: depot.Postcode, State: depot.State };
}
