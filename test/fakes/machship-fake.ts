/**
 * A fake MachShip API on a real socket, speaking the wire format of MachShip's OpenAPI document
 * (../shared/reference/machship/openapi.json) the way the live API does: `token` header auth, the
 * `{object, errors}` envelope with validation types as text ("Success", "Warning", "Error"), ping,
 * company locations, routes and locality search. Every request body is validated against the document
 * (test/fakes/machship-openapi.ts) and a non-conforming one is refused with 400 and MachShip-style
 * validation results, before anything else is looked at. Tokens, data and failures are configurable;
 * every request is recorded.
 */
import type http from 'node:http';
import { FakePlatformServer, send, type RecordedRequest } from './fake-platform-server.js';
import { loadMachShipOpenApi, type MachShipOpenApi } from './machship-openapi.js';

/**
 * A company's surcharge question (`QuestionModel`): the ids are the company's own, so the fake gives its
 * users ids no other account has, and a route request naming an id the company does not have is refused.
 * `surcharge` (dollars, GST included) is what answering it true adds to every route, so tests see it priced.
 */
export interface MachShipFakeQuestion {
  readonly id: number;
  readonly question: string;
  readonly abbreviation: string;
  readonly surcharge: number;
}

/** Worded as MachShip accounts word them; the ids are arbitrary, as an account's are. */
export const MACHSHIP_FAKE_QUESTIONS: readonly MachShipFakeQuestion[] = [
  { id: 1043, question: 'Residential Delivery', abbreviation: 'RES', surcharge: 12.5 },
  { id: 1051, question: 'Tail Lift Required', abbreviation: 'TL', surcharge: 35 },
  { id: 1057, question: 'Authority To Leave', abbreviation: 'ATL', surcharge: 0 },
  { id: 1062, question: 'Hand Unload', abbreviation: 'HU', surcharge: 18 },
  { id: 1070, question: 'Dangerous Goods', abbreviation: 'DG', surcharge: 60 },
];

export interface MachShipFakeUser {
  /** Routes come back priced on carrier accounts in test mode (`carrierAccount.isInTestMode: true`). */
  readonly testMode?: boolean;
  /** false: company locations answer 403 (the token authenticates but lacks the permission). */
  readonly canReadLocations?: boolean;
}

export type { FakeBehaviour, RecordedRequest } from './fake-platform-server.js';

export interface MachShipFakeLocation {
  readonly id: number;
  readonly suburb: string;
  readonly postcode: string;
  readonly state: string;
}

export interface MachShipFakeCompanyLocation {
  readonly id: number;
  readonly name: string;
  readonly addressLine1: string;
  readonly location: MachShipFakeLocation;
}

export const MACHSHIP_FAKE_LOCATIONS: readonly MachShipFakeLocation[] = [
  { id: 2001, suburb: 'SYDNEY', postcode: '2000', state: 'NSW' },
  { id: 2002, suburb: 'SYDNEY SOUTH', postcode: '2000', state: 'NSW' },
  { id: 3001, suburb: 'MELBOURNE', postcode: '3000', state: 'VIC' },
  { id: 3121, suburb: 'RICHMOND', postcode: '3121', state: 'VIC' },
  { id: 2753, suburb: 'RICHMOND', postcode: '2753', state: 'NSW' },
  { id: 4001, suburb: 'BRISBANE CITY', postcode: '4000', state: 'QLD' },
  { id: 6001, suburb: 'PERTH', postcode: '6000', state: 'WA' },
];

export const MACHSHIP_FAKE_COMPANY_LOCATIONS: readonly MachShipFakeCompanyLocation[] = [
  {
    id: 7101,
    name: 'Main warehouse',
    addressLine1: '12 Example Street',
    location: { id: 3121, suburb: 'RICHMOND', postcode: '3121', state: 'VIC' },
  },
];

/** A priced route as the fake answers it; `carrierAccount.isInTestMode` is filled from the user. */
export interface MachShipFakeRoute {
  readonly carrier: { readonly id: number; readonly name: string; readonly displayName?: string };
  readonly carrierService: { readonly id: number; readonly name: string; readonly displayName?: string };
  readonly totalBusinessDays?: number;
  readonly totalSellPrice: number;
  readonly totalTaxSellPrice: number;
}

export const MACHSHIP_FAKE_ROUTES: readonly MachShipFakeRoute[] = [
  {
    carrier: { id: 38, name: 'Northline', displayName: 'Northline' },
    carrierService: { id: 412, name: 'General', displayName: 'Northline General' },
    totalBusinessDays: 3,
    totalSellPrice: 45.32,
    totalTaxSellPrice: 4.12,
  },
  {
    carrier: { id: 12, name: 'Hunter Express', displayName: 'Hunter Express' },
    carrierService: { id: 77, name: 'Road Express', displayName: 'Road Express' },
    totalBusinessDays: 2,
    totalSellPrice: 10.1,
    totalTaxSellPrice: 0.92,
  },
  // MachShip lists services that cannot carry the goods at 0.
  {
    carrier: { id: 5, name: 'Toll', displayName: 'Toll' },
    carrierService: { id: 9, name: 'Priority', displayName: 'Toll Priority' },
    totalSellPrice: 0,
    totalTaxSellPrice: 0,
  },
];

/** Loaded once per process: the document is 775 kB. Absent locally, the fake does not validate. */
let openApi: MachShipOpenApi | undefined | null = null;
function referenceValidator(): MachShipOpenApi | undefined {
  if (openApi === null) {
    const loaded = loadMachShipOpenApi();
    openApi = loaded.ok ? loaded.api : undefined;
  }
  return openApi;
}

export class MachShipFake extends FakePlatformServer {
  /** The status a token the fake does not know gets: 401, as MachShip's API overview names it (403 to test the other). */
  unknownTokenStatus: 401 | 403 = 401;
  /** Echo the sent token inside error messages, as a careless platform might (for leak tests). */
  echoTokenInErrors = false;
  routes: readonly MachShipFakeRoute[] = MACHSHIP_FAKE_ROUTES;
  companyLocations: readonly MachShipFakeCompanyLocation[] = MACHSHIP_FAKE_COMPANY_LOCATIONS;
  locations: readonly MachShipFakeLocation[] = MACHSHIP_FAKE_LOCATIONS;
  /** The company's surcharge questions (getConsignmentCreationSettings), the only ids `questionIds` may name. */
  questions: readonly MachShipFakeQuestion[] = MACHSHIP_FAKE_QUESTIONS;
  /** Validation results sent beside priced routes (the live API sends Warnings and Infos this way). */
  routeMessages: readonly { readonly validationType: string; readonly errorMessage: string }[] = [
    { validationType: 'Success', errorMessage: 'Routes returned' },
  ];

  private readonly users = new Map<string, MachShipFakeUser>();

  constructor(users: Readonly<Record<string, MachShipFakeUser>> = {}) {
    super();
    for (const [token, user] of Object.entries(users)) this.users.set(token, user);
  }

  /** Compiles the reference validators before the first request, so no call waits on it. */
  override async start(): Promise<{ url: string }> {
    const validator = referenceValidator();
    validator?.validateBody('POST', '/apiv2/routes/returnroutes', { items: [] });
    validator?.validateBody('POST', '/apiv2/locations/returnLocationsWithSearchOptions', {});
    return super.start();
  }

  addToken(token: string, user: MachShipFakeUser = {}): void {
    this.users.set(token, user);
  }

  revokeToken(token: string): void {
    this.users.delete(token);
  }

  protected answer(request: RecordedRequest, url: URL, res: http.ServerResponse): void {
    const token = request.headers['token'];
    const user = token === undefined ? undefined : this.users.get(token);
    if (token === undefined || user === undefined) {
      const message = this.echoTokenInErrors ? `The token ${token ?? ''} is not valid` : 'Invalid token';
      return send(res, this.unknownTokenStatus, envelope(null, [error(message)]));
    }
    const route = `${request.method} ${url.pathname}`;
    const validator = referenceValidator();
    if (validator) {
      if (!validator.operation(request.method, url.pathname)) {
        return send(res, 404, envelope(null, [error(`No route for ${route}`)]));
      }
      const problems = validator.validateBody(request.method, url.pathname, request.body);
      if (problems.length > 0) return send(res, 400, envelope(null, problems));
    }
    switch (route) {
      case 'POST /apiv2/authenticate/ping':
        return send(res, 200, envelope(true));
      case 'GET /apiv2/companyLocations/getAll':
        if (user.canReadLocations === false) {
          return send(
            res,
            403,
            envelope(null, [error('You do not have permission to view company locations')]),
          );
        }
        return send(res, 200, {
          ...envelope(
            this.companyLocations.map((location) => ({
              ...location,
              location: wireLocation(location.location),
            })),
          ),
          totalItems: this.companyLocations.length,
          startIndex: 0,
          retrievalSize: this.companyLocations.length,
        });
      case 'GET /apiv2/consignments/getConsignmentCreationSettings':
        return send(res, 200, envelope(this.creationSettings()));
      case 'POST /apiv2/routes/returnroutes':
        return this.returnRoutes(res, request.body, user, token);
      case 'POST /apiv2/locations/returnLocationsWithSearchOptions':
        return send(
          res,
          200,
          envelope(this.searchLocations(url.searchParams.get('s') ?? '').map(wireLocation)),
        );
      default:
        return send(res, 404, envelope(null, [error(`No route for ${route}`)]));
    }
  }

  private returnRoutes(res: http.ServerResponse, body: unknown, user: MachShipFakeUser, token: string): void {
    const problem = routesProblem(body) ?? this.questionsProblem(body);
    if (problem) {
      const message = this.echoTokenInErrors ? `${problem} (token ${token})` : problem;
      return send(res, 400, envelope(null, [error(message)]));
    }
    const surcharge = this.surchargeFor(body);
    const routes = this.routes.map((route) => this.pricedRoute(route, user, surcharge));
    return send(
      res,
      200,
      envelope(
        { routes },
        this.routeMessages.map((message) => ({ memberNames: [], ...message })),
      ),
    );
  }

  /** `ConsignmentInitV2Model`, as much as the questions need. */
  private creationSettings(): Record<string, unknown> {
    return {
      questions: this.questions.map(({ id, question, abbreviation }, index) => ({
        id,
        question,
        description: null,
        answer: null,
        abbreviation,
        selected: null,
        hideQuestion: false,
        questionOrder: index + 1,
        carriers: [],
      })),
      questionGroups: [],
    };
  }

  /** Question ids of another company (or made up) are refused, as a company's ids are its own. */
  private questionsProblem(body: unknown): string | undefined {
    const ids = (body as { questionIds?: unknown }).questionIds;
    if (ids === undefined || ids === null) return undefined;
    const unknown = (ids as number[]).filter((id) => !this.questions.some((question) => question.id === id));
    return unknown.length > 0
      ? `Question ${unknown.join(', ')} is not a question of this company`
      : undefined;
  }

  private surchargeFor(body: unknown): number {
    const ids = ((body as { questionIds?: number[] | null }).questionIds ?? []) as number[];
    return this.questions
      .filter((question) => ids.includes(question.id))
      .reduce((sum, question) => sum + question.surcharge, 0);
  }

  private pricedRoute(route: MachShipFakeRoute, user: MachShipFakeUser, surcharge: number) {
    // A service that cannot carry the goods stays at 0 whatever is asked.
    const total = route.totalSellPrice === 0 ? 0 : Math.round((route.totalSellPrice + surcharge) * 100) / 100;
    const tax = route.totalSellPrice === 0 ? 0 : Math.round((total / 11) * 100) / 100;
    const priced = {
      ...route,
      totalSellPrice: total,
      totalTaxSellPrice: surcharge === 0 ? route.totalTaxSellPrice : tax,
    };
    return this.wireRoute(priced, user);
  }

  private wireRoute(route: MachShipFakeRoute, user: MachShipFakeUser) {
    return {
      carrier: { abbreviation: route.carrier.name.slice(0, 3).toUpperCase(), ...route.carrier },
      carrierService: {
        abbreviation: route.carrierService.name.slice(0, 3).toUpperCase(),
        ...route.carrierService,
      },
      carrierAccount: {
        id: 900 + route.carrier.id,
        name: route.carrier.name,
        isInTestMode: user.testMode ?? false,
      },
      despatchOptions:
        route.totalBusinessDays === undefined
          ? []
          : [
              {
                despatchDateLocal: '2025-11-24T00:00:00',
                // The live API leaves the zone off `*Utc` date-times (reference README).
                despatchDateUtc: '2025-11-23T13:00:00',
                etaLocal: `2025-11-${String(24 + route.totalBusinessDays).padStart(2, '0')}T00:00:00`,
                etaUtc: `2025-11-${String(23 + route.totalBusinessDays).padStart(2, '0')}T13:00:00`,
                totalDays: route.totalBusinessDays,
                totalBusinessDays: route.totalBusinessDays,
              },
            ],
      consignmentTotal: {
        totalSellPrice: route.totalSellPrice,
        totalSellBeforeTax: Math.round((route.totalSellPrice - route.totalTaxSellPrice) * 100) / 100,
        totalTaxSellPrice: route.totalTaxSellPrice,
      },
      electiveSurcharges: [],
      automaticSurcharges: [],
    };
  }

  private searchLocations(terms: string): readonly MachShipFakeLocation[] {
    const words = terms.toUpperCase().split(/\s+/).filter(Boolean);
    if (words.length === 0) return [];
    return this.locations.filter((location) =>
      words.every((word) => location.suburb.includes(word) || location.postcode.startsWith(word)),
    );
  }
}

/** What the document cannot say but MachShip still refuses: a route needs goods and both ends. */
function routesProblem(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return 'The request body is required';
  const { items, toLocation, fromLocation, fromCompanyLocationId } = body as Record<string, unknown>;
  if (!Array.isArray(items) || items.length === 0) return 'At least one item is required';
  if (typeof toLocation !== 'object' || toLocation === null) return 'A delivery location is required';
  if (fromLocation === undefined && fromCompanyLocationId === undefined)
    return 'A pickup location is required';
  return undefined;
}

function wireLocation(location: MachShipFakeLocation): Record<string, unknown> {
  return {
    id: location.id,
    suburb: location.suburb,
    postcode: location.postcode,
    state: { id: location.state.length, name: location.state, code: location.state },
    country: { id: 1, name: 'Australia', code2: 'AU', code3: 'AUS' },
    locationType: 'Suburb',
  };
}

function envelope(object: unknown, errors: readonly unknown[] | null = null): Record<string, unknown> {
  return { object, errors };
}

function error(errorMessage: string): Record<string, unknown> {
  return { memberNames: [], errorMessage, validationType: 'Error' };
}
