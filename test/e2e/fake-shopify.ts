/**
 * A fake Shopify on a real socket (node:http, 127.0.0.1, random port), speaking Shopify's wire formats so
 * the Shopify front end can be tested end to end. RateBridge reaches it through `settings.hostOverride`:
 * `https://<shop>/admin/...` becomes `<fake url>/<shop>/admin/...`.
 *
 * Serves:
 *   POST /<shop>/admin/oauth/access_token             token exchange (session token -> offline or online
 *                                                      token, expiring or not) and refresh_token grants
 *   POST /<shop>/admin/api/<version>/graphql.json     the documents RateBridge sends: carrierServiceCreate,
 *                                                      carrierServiceUpdate, carrierServiceDelete,
 *                                                      carrierService(id), productsCount,
 *                                                      productVariantsCount, products (paged, with variants),
 *                                                      product(id) { variants }, bulkOperationRunQuery and
 *                                                      bulkOperation(id)
 *   GET  /bulk-results/<shop>/<id>.jsonl               a finished bulk operation's JSONL
 *
 * Like Shopify, it refuses before running: every document is validated against the Admin schema in the
 * shared reference (graphql-js `validate`, variables coerced by their declared types), its requested cost is
 * computed by Shopify's published rules (test/support/shopify-query-cost.ts) and a document over 1,000
 * points is answered MAX_COST_EXCEEDED; each shop has a leaky bucket (`throttle`: Shopify's standard plan
 * by default, 2,000 points restored at 100 a second) that answers THROTTLED with `extensions.cost` when the
 * requested cost is not available, and every answer carries `extensions.cost`. Cursor pagination stops at
 * 25,000 objects, as Shopify documents. Without the reference (outside CI) documents are not checked.
 * Acts as Shopify towards RateBridge:
 *   mintSessionToken   an App Bridge session token, HS256-signed with the app's client secret
 *   deliverWebhook     a webhook with a real X-Shopify-Hmac-Sha256 (or a broken one, on request)
 *   callCarrierService a CarrierService rate request ({"rate": {...}}) as checkout sends it, signed like a
 *                      webhook: X-Shopify-Hmac-Sha256 = base64 HMAC-SHA256 of the body (unsigned on request)
 *
 * It shares no code with shopify-app/: signing and verifying are written again here, so a mistake in ours
 * cannot be mirrored (test/shopify-app/fake-shopify.test.ts checks the fake against @shopify/shopify-api).
 * Every request is recorded. Texts marked UNCONFIRMED are what apps report seeing, not documented.
 */
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type GraphQLError,
  getArgumentValues,
  getVariableValues,
  Kind,
  parse,
  validate,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type OperationDefinitionNode,
} from 'graphql';

import { actualQueryCost, requestedQueryCost, SINGLE_QUERY_MAX_COST } from '../support/shopify-query-cost.js';
import { shopifySchema } from '../support/shopify-schema.js';

export interface FakeShopifyOptions {
  readonly apiKey: string;
  readonly apiSecret: string;
  /** `expires_in` of expiring offline tokens (Shopify: 3600). */
  readonly accessTokenTtlSeconds?: number;
  /** `refresh_token_expires_in` (UNCONFIRMED value; Shopify documents only that it exists). */
  readonly refreshTokenTtlSeconds?: number;
  /** Each shop's leaky bucket; default Shopify's standard plan (2,000 points, 100 a second). */
  readonly throttle?: { readonly maximumAvailable: number; readonly restoreRate: number };
  /** Polls of `bulkOperation(id)` before a bulk operation is COMPLETED (default 2). */
  readonly bulkPollsToComplete?: number;
}

export type WeightUnit = 'GRAMS' | 'KILOGRAMS' | 'OUNCES' | 'POUNDS';

export interface FakeVariant {
  readonly id: number;
  readonly title: string;
  readonly sku: string | null;
  readonly requiresShipping: boolean;
  readonly weight: { readonly unit: WeightUnit; readonly value: number } | null;
}

export interface FakeProduct {
  readonly id: number;
  readonly title: string;
  readonly variants: readonly FakeVariant[];
}

export interface FakeCarrierService {
  id: string;
  name: string;
  callbackUrl: string;
  active: boolean;
  supportsServiceDiscovery: boolean;
}

export interface FakeShop {
  readonly domain: string;
  /** Granted scopes, as token responses report them. */
  scopes: string;
  /** Carrier-calculated shipping: Advanced plan or higher, Shopify plan billed yearly, or a development store. */
  carrierCalculatedShipping: boolean;
  /** `expires_in` of this shop's expiring offline tokens; the fake's option when absent. */
  accessTokenTtlSeconds?: number;
  products: FakeProduct[];
  readonly carrierServices: Map<string, FakeCarrierService>;
  /** The next carrierServiceUpdate / carrierServiceDelete answers these userErrors (and changes nothing). */
  failNextCarrierServiceChange?: { readonly message: string };
  /** Staff accounts (`staffMember`, which needs read_users); ids are the session tokens' `sub`. */
  staff?: readonly FakeStaffMember[];
  /** While set, every GraphQL document that asks for a staff member answers this way (an outage). */
  staffOutage?: FakeShopifyBehaviour;
}

export interface FakeStaffMember {
  readonly id: string;
  readonly isShopOwner: boolean;
}

export interface RecordedShopifyRequest {
  readonly method: string;
  readonly path: string;
  readonly shop: string | undefined;
  /** `token`, `graphql`, or `other`. */
  readonly endpoint: 'token' | 'graphql' | 'other';
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** Replaces the fake's normal answer for one endpoint, once or until cleared. */
export type FakeShopifyBehaviour =
  | {
      readonly status: number;
      /** Sent as JSON. */
      readonly body?: unknown;
      /** Sent as is, instead of `body` (an HTML error page, a truncated answer). */
      readonly rawBody?: string;
      readonly headers?: Readonly<Record<string, string>>;
    }
  | { readonly hang: true };

export interface SessionTokenOverrides {
  /** `null`: no `sub` claim at all. */
  readonly sub?: string | null;
  /** Seconds since the epoch. */
  readonly exp?: number;
  readonly nbf?: number;
  readonly aud?: string;
  readonly dest?: string;
  readonly iss?: string;
  /** Sign with another secret (a token of another app). */
  readonly secret?: string;
  /** Claim another algorithm in the header (`none`, `HS512`); the signature stays HS256 unless `none`. */
  readonly alg?: string;
}

export interface WebhookOptions {
  /** `bad`: a valid-looking but wrong HMAC; `none`: no header. */
  readonly hmac?: 'valid' | 'bad' | 'none';
  readonly triggeredAt?: Date;
  readonly webhookId?: string;
  readonly apiVersion?: string;
  /** Sends this as the shop header instead of `shop` (the body still names `shop`). */
  readonly shopHeader?: string;
}

export interface FakeResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

export interface FakeShopify {
  readonly url: string;
  readonly requests: RecordedShopifyRequest[];
  addShop(domain: string, options?: Partial<Omit<FakeShop, 'domain' | 'carrierServices'>>): FakeShop;
  shop(domain: string): FakeShop;
  mintSessionToken(shop: string, overrides?: SessionTokenOverrides): string;
  deliverWebhook(
    url: string,
    topic: string,
    shop: string,
    payload: unknown,
    options?: WebhookOptions,
  ): Promise<FakeResponse>;
  callCarrierService(
    url: string,
    payload: unknown,
    options?: { readonly shop?: string; readonly signed?: boolean },
  ): Promise<FakeResponse>;
  /** Every access and refresh token the fake issued (canary checks). */
  issuedSecrets(): string[];
  /** Uninstall: every token of the shop stops working. */
  revokeTokens(shop: string): void;
  /** Makes the shop's current access tokens expired (refresh tokens stay valid). */
  expireAccessTokens(shop: string): void;
  /** Answer `endpoint` this way (`times` requests, default every one) instead of normally. */
  behave(endpoint: 'token' | 'graphql', behaviour: FakeShopifyBehaviour | undefined, times?: number): void;
  /** The next `count` GraphQL calls answer THROTTLED (with the shop's bucket emptied). */
  throttle(count: number): void;
  /** The requested cost of every GraphQL document the fake ran or throttled, in order. */
  readonly costs: { readonly shop: string; readonly requested: number; readonly throttled: boolean }[];
  close(): Promise<void>;
}

const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ID_TOKEN = 'urn:ietf:params:oauth:token-type:id_token';
const OFFLINE = 'urn:shopify:params:oauth:token-type:offline-access-token';
const ONLINE = 'urn:shopify:params:oauth:token-type:online-access-token';
const INVALID_ACCESS_TOKEN = '[API] Invalid API key or access token (unrecognized login or wrong password)';
/** UNCONFIRMED beyond the prefix, which apps match on. */
export const CCS_NOT_ENABLED_MESSAGE =
  'Carrier Calculated Shipping must be enabled for your store before enabling';

/** The access scope StaffMember needs (shopify.dev: StaffMember object, "Requires read_users"). */
const READ_USERS = 'read_users';

/** A StaffMember as the schema types it (the fields RateBridge or a test may select). */
function staffMemberView(member: FakeStaffMember) {
  return {
    id: `gid://shopify/StaffMember/${member.id}`,
    isShopOwner: member.isShopOwner,
    active: true,
    exists: true,
    accountType: 'REGULAR',
    name: `Staff ${member.id}`,
    email: `staff-${member.id}@example.com`,
    locale: 'en',
  };
}

/** UNCONFIRMED text (Shopify documents the ceiling, not the error). */
export const PAGINATION_LIMIT_MESSAGE = 'Pagination is limited to 25,000 objects; use a bulk operation.';
const PAGINATION_LIMIT = 25_000;

interface FakeBulkOperation {
  readonly id: string;
  polls: number;
  readonly jsonl: string;
  readonly objectCount: number;
}

interface Bucket {
  available: number;
  at: number;
}

interface IssuedToken {
  readonly shop: string;
  readonly kind: 'access' | 'refresh';
  expiresAt: number | undefined;
  revoked: boolean;
  readonly scopes: string;
}

export async function startFakeShopify(options: FakeShopifyOptions): Promise<FakeShopify> {
  const defaultAccessTtl = options.accessTokenTtlSeconds ?? 3600;
  const refreshTtl = options.refreshTokenTtlSeconds ?? 90 * 24 * 3600;
  const shops = new Map<string, FakeShop>();
  const tokens = new Map<string, IssuedToken>();
  const requests: RecordedShopifyRequest[] = [];
  const behaviours = new Map<'token' | 'graphql', { behaviour: FakeShopifyBehaviour; remaining: number }>();
  let throttled = 0;
  let nextCarrierServiceId = 1000;
  let nextBulkId = 7000;
  const bulkPolls = options.bulkPollsToComplete ?? 2;
  const bucketSize = options.throttle?.maximumAvailable ?? 2000;
  const restoreRate = options.throttle?.restoreRate ?? 100;
  const buckets = new Map<string, Bucket>();
  const bulkOperations = new Map<string, FakeBulkOperation & { readonly shop: string }>();
  const costs: { shop: string; requested: number; throttled: boolean }[] = [];
  const schema = shopifySchema();
  let url = '';

  /** The shop's bucket, refilled for the time passed (Shopify's leaky bucket). */
  const bucket = (shop: string): Bucket => {
    const current = buckets.get(shop) ?? { available: bucketSize, at: Date.now() };
    const now = Date.now();
    current.available = Math.min(bucketSize, current.available + ((now - current.at) / 1000) * restoreRate);
    current.at = now;
    buckets.set(shop, current);
    return current;
  };
  const costExtension = (requested: number, actual: number | null, available: number) => ({
    cost: {
      requestedQueryCost: requested,
      actualQueryCost: actual,
      throttleStatus: {
        maximumAvailable: bucketSize,
        currentlyAvailable: Math.floor(available),
        restoreRate,
      },
    },
  });

  const issue = (
    shop: string,
    kind: 'access' | 'refresh',
    ttlSeconds: number | undefined,
    scopes: string,
  ) => {
    const value = `${kind === 'access' ? 'fake_at' : 'fake_rt'}_${randomBytes(18).toString('hex')}`;
    tokens.set(value, {
      shop,
      kind,
      expiresAt: ttlSeconds === undefined ? undefined : Date.now() + ttlSeconds * 1000,
      revoked: false,
      scopes,
    });
    return value;
  };

  const validToken = (value: string | undefined, shop: string, kind: 'access' | 'refresh') => {
    const token = value === undefined ? undefined : tokens.get(value);
    if (!token || token.kind !== kind || token.shop !== shop || token.revoked) return undefined;
    if (token.expiresAt !== undefined && token.expiresAt <= Date.now()) return undefined;
    return token;
  };

  const verifySubjectToken = (token: string, shop: string): { sub: string | undefined } | undefined => {
    const [head = '', body = '', signature = ''] = token.split('.');
    const expected = createHmac('sha256', options.apiSecret).update(`${head}.${body}`).digest();
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    try {
      const header = JSON.parse(Buffer.from(head, 'base64url').toString()) as { alg?: string };
      const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
      const now = Date.now() / 1000;
      if (header.alg !== 'HS256') return undefined;
      if (claims.aud !== options.apiKey || claims.dest !== `https://${shop}`) return undefined;
      if (typeof claims.exp !== 'number' || claims.exp < now) return undefined;
      return { sub: typeof claims.sub === 'string' ? claims.sub : undefined };
    } catch {
      return undefined;
    }
  };

  const tokenEndpoint = (shop: FakeShop, body: Record<string, unknown>): [number, unknown] => {
    const accessTtl = shop.accessTokenTtlSeconds ?? defaultAccessTtl;
    if (body.client_id !== options.apiKey || body.client_secret !== options.apiSecret) {
      // OAuth's answer for bad client credentials (UNCONFIRMED for Shopify: status and description).
      return [401, { error: 'invalid_client', error_description: 'Client authentication failed.' }];
    }
    if (body.grant_type === 'refresh_token') {
      const old = validToken(String(body.refresh_token ?? ''), shop.domain, 'refresh');
      if (!old) return [400, { error: 'invalid_grant', error_description: 'The refresh token is invalid.' }];
      old.revoked = true;
      return [
        200,
        {
          access_token: issue(shop.domain, 'access', accessTtl, shop.scopes),
          scope: shop.scopes,
          expires_in: accessTtl,
          refresh_token: issue(shop.domain, 'refresh', refreshTtl, shop.scopes),
          refresh_token_expires_in: refreshTtl,
        },
      ];
    }
    if (body.grant_type !== TOKEN_EXCHANGE || body.subject_token_type !== ID_TOKEN) {
      return [400, { error: 'unsupported_grant_type' }];
    }
    const subject = verifySubjectToken(String(body.subject_token ?? ''), shop.domain);
    if (!subject) {
      return [400, { error: 'invalid_subject_token', error_description: 'Invalid subject token.' }];
    }
    if (body.requested_token_type === ONLINE) {
      return [
        200,
        {
          access_token: issue(shop.domain, 'access', 86_399, shop.scopes),
          scope: shop.scopes,
          expires_in: 86_399,
          associated_user_scope: shop.scopes,
          associated_user: {
            id: Number(subject.sub ?? '1'),
            first_name: 'Fake',
            last_name: 'Staff',
            email: 'staff@example.com',
            account_owner: true,
            locale: 'en',
            collaborator: false,
            email_verified: true,
          },
        },
      ];
    }
    if (body.requested_token_type !== OFFLINE) return [400, { error: 'invalid_request' }];
    if (body.expiring === '1' || body.expiring === 1) {
      return [
        200,
        {
          access_token: issue(shop.domain, 'access', accessTtl, shop.scopes),
          scope: shop.scopes,
          expires_in: accessTtl,
          refresh_token: issue(shop.domain, 'refresh', refreshTtl, shop.scopes),
          refresh_token_expires_in: refreshTtl,
        },
      ];
    }
    return [200, { access_token: issue(shop.domain, 'access', undefined, shop.scopes), scope: shop.scopes }];
  };

  // Parsed and validated once per distinct text: the same few documents arrive thousands of times.
  const validated = new Map<string, { document: DocumentNode } | { errors: unknown[] }>();
  const parsedDocument = (query: string) => {
    const known = validated.get(query);
    if (known) return known;
    let outcome: { document: DocumentNode } | { errors: unknown[] };
    try {
      const document = parse(query);
      const problems = schema ? validate(schema, document) : [];
      outcome =
        problems.length > 0
          ? { errors: problems.map((problem) => shopifyError(problem, 'VALIDATION')) }
          : { document };
    } catch (error) {
      outcome = { errors: [shopifyError(error as GraphQLError, 'PARSE_ERROR')] };
    }
    if (validated.size < 1_000) validated.set(query, outcome);
    return outcome;
  };

  /** Parses, validates, coerces and costs a document as Shopify does before running it. */
  const checkDocument = (
    query: string,
    variables: Record<string, unknown>,
  ):
    | { errors: unknown[] }
    | { document: DocumentNode; requested: number; values: Record<string, unknown> } => {
    const parsed = parsedDocument(query);
    if ('errors' in parsed) return parsed;
    const { document } = parsed;
    if (!schema) return { document, requested: 0, values: variables };
    const operation = operationOf(document);
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
    if (coerced.errors) {
      return { errors: coerced.errors.map((error) => shopifyError(error, 'INVALID_VARIABLE')) };
    }
    let requested: number;
    try {
      requested = requestedQueryCost(schema, document, coerced.coerced);
    } catch {
      // UNCONFIRMED text: Shopify refuses a connection without a page size.
      return {
        errors: [{ message: 'you must provide one of first or last', extensions: { code: 'BAD_REQUEST' } }],
      };
    }
    if (requested > SINGLE_QUERY_MAX_COST) {
      return {
        errors: [
          {
            message: `Query cost is ${requested}, which exceeds the single query max cost limit (${SINGLE_QUERY_MAX_COST}).\n\nSee https://shopify.dev/concepts/about-apis/rate-limits for more information on how the\ncost of a query is calculated.\n\nTo query larger amounts of data with fewer limits, bulk operations should be used instead.\nSee https://shopify.dev/api/usage/bulk-operations/queries for usage details.\n`,
            extensions: {
              code: 'MAX_COST_EXCEEDED',
              cost: requested,
              maxCost: SINGLE_QUERY_MAX_COST,
              documentation: 'https://shopify.dev/api/usage/rate-limits',
            },
          },
        ],
      };
    }
    return { document, requested, values: coerced.coerced as Record<string, unknown> };
  };

  const graphqlEndpoint = (shop: FakeShop, scopes: string, body: Record<string, unknown>): unknown => {
    const query = typeof body.query === 'string' ? body.query : '';
    const variables = (
      body.variables !== null && typeof body.variables === 'object' ? body.variables : {}
    ) as Record<string, unknown>;
    const checked = checkDocument(query, variables);
    if ('errors' in checked) return { errors: checked.errors };
    const { document, requested } = checked;
    const account = bucket(shop.domain);
    if (throttled > 0 || requested > account.available) {
      if (throttled > 0) {
        throttled -= 1;
        account.available = 0;
      }
      costs.push({ shop: shop.domain, requested, throttled: true });
      return {
        errors: [
          {
            message: 'Throttled',
            extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' },
          },
        ],
        extensions: costExtension(requested, null, account.available),
      };
    }
    costs.push({ shop: shop.domain, requested, throttled: false });
    account.available -= requested;
    const answer = runDocument(shop, scopes, document, checked.values);
    const actual =
      schema && 'data' in answer ? actualQueryCost(schema, document, checked.values, answer.data) : requested;
    // The bucket keeps the actual cost: the rest of what was requested is refunded.
    account.available = Math.min(bucketSize, account.available + requested - actual);
    return { ...answer, extensions: costExtension(requested, actual, account.available) };
  };

  const runDocument = (
    shop: FakeShop,
    scopes: string,
    document: DocumentNode,
    variables: Record<string, unknown>,
  ): { data: Record<string, unknown> } | { errors: unknown[] } => {
    const operation = operationOf(document);
    const data: Record<string, unknown> = {};
    for (const selection of operation.selectionSet.selections) {
      if (selection.kind !== Kind.FIELD) continue;
      const answer = rootField(shop, scopes, operation, selection, variables);
      if ('errors' in answer) return answer;
      data[selection.alias?.value ?? selection.name.value] = answer.value;
    }
    return { data };
  };

  /** The arguments of a root field, coerced by the schema when there is one. */
  const argumentsOf = (
    operation: OperationDefinitionNode,
    field: FieldNode,
    variables: Record<string, unknown>,
  ): Record<string, unknown> => {
    const root = operation.operation === 'mutation' ? schema?.getMutationType() : schema?.getQueryType();
    const definition = root?.getFields()[field.name.value];
    if (definition) return getArgumentValues(definition, field, variables);
    // Without the schema: the arguments as written, variables filled in.
    return Object.fromEntries(
      (field.arguments ?? []).map((argument) => [
        argument.name.value,
        valueFromASTUntyped(argument.value, variables),
      ]),
    );
  };

  const rootField = (
    shop: FakeShop,
    scopes: string,
    operation: OperationDefinitionNode,
    field: FieldNode,
    variables: Record<string, unknown>,
  ): { value: unknown } | { errors: unknown[] } => {
    const name = field.name.value;
    const args = argumentsOf(operation, field, variables);
    const granted = new Set(scopes.split(','));
    const needs = (scope: string, implied?: string) =>
      granted.has(scope) || (implied !== undefined && granted.has(implied))
        ? undefined
        : {
            errors: [
              {
                message: `Access denied for ${name} field. Required access: \`${scope}\` access scope.`,
                extensions: { code: 'ACCESS_DENIED' },
              },
            ],
          };
    const value = (payload: unknown) => ({ value: payload });
    const userError = (payload: string, fieldPath: string[] | null, message: string, code: string | null) =>
      value({ [payload]: null, userErrors: [{ field: fieldPath, message, code }] });

    switch (name) {
      case 'carrierServiceCreate': {
        const denied = needs('write_shipping');
        if (denied) return denied;
        const input = (args.input ?? {}) as Partial<FakeCarrierService>;
        const fail = (fieldPath: string[] | null, message: string) =>
          value({
            carrierService: null,
            userErrors: [{ field: fieldPath, message, code: 'CARRIER_SERVICE_CREATE_FAILED' }],
          });
        if (!shop.carrierCalculatedShipping)
          return fail(null, `${CCS_NOT_ENABLED_MESSAGE}: ${input.name ?? ''}`);
        if (!input.name || !input.callbackUrl) return fail(['input'], 'Name and callback URL are required');
        if ([...shop.carrierServices.values()].some((service) => service.name === input.name)) {
          // UNCONFIRMED text.
          return fail(['input', 'name'], `${input.name} is already configured`);
        }
        const service: FakeCarrierService = {
          id: `gid://shopify/DeliveryCarrierService/${nextCarrierServiceId++}`,
          name: String(input.name),
          callbackUrl: String(input.callbackUrl),
          active: input.active ?? false,
          supportsServiceDiscovery: input.supportsServiceDiscovery ?? false,
        };
        shop.carrierServices.set(service.id, service);
        return value({ carrierService: { ...service }, userErrors: [] });
      }
      case 'carrierServiceUpdate': {
        const denied = needs('write_shipping');
        if (denied) return denied;
        const input = (args.input ?? {}) as Partial<FakeCarrierService>;
        const service = shop.carrierServices.get(String(input.id));
        const failure = shop.failNextCarrierServiceChange;
        if (failure) delete shop.failNextCarrierServiceChange;
        if (!service || failure) {
          return userError(
            'carrierService',
            ['input', 'id'],
            failure?.message ?? 'Carrier service not found',
            'CARRIER_SERVICE_UPDATE_FAILED',
          );
        }
        for (const key of ['name', 'callbackUrl', 'active', 'supportsServiceDiscovery'] as const) {
          if (input[key] !== undefined) Object.assign(service, { [key]: input[key] });
        }
        return value({ carrierService: { ...service }, userErrors: [] });
      }
      case 'carrierServiceDelete': {
        const denied = needs('write_shipping');
        if (denied) return denied;
        const id = String(args.id);
        const failure = shop.failNextCarrierServiceChange;
        if (failure) delete shop.failNextCarrierServiceChange;
        if (failure || !shop.carrierServices.delete(id)) {
          return userError(
            'deletedId',
            ['id'],
            failure?.message ?? 'Carrier service not found',
            'CARRIER_SERVICE_DELETE_FAILED',
          );
        }
        return value({ deletedId: id, userErrors: [] });
      }
      case 'carrierService': {
        const denied = needs('read_shipping', 'write_shipping');
        if (denied) return denied;
        const service = shop.carrierServices.get(String(args.id));
        return value(service ? { ...service } : null);
      }
      // QueryRoot.staffMember(id: ID): StaffMember, and currentStaffMember: StaffMember; StaffMember needs
      // read_users (granted to Plus and Advanced stores' apps on request).
      case 'staffMember':
      case 'currentStaffMember': {
        const denied = needs(READ_USERS);
        if (denied) return denied;
        // UNCONFIRMED: the fake only issues offline tokens' requests here, which are the app's own: no
        // staff member is making them, so "the staff member making the request" is none.
        if (args.id === undefined || args.id === null) return value(null);
        const id = String(args.id).replace('gid://shopify/StaffMember/', '');
        const member = shop.staff?.find((candidate) => candidate.id === id);
        return value(member ? staffMemberView(member) : null);
      }
      case 'productsCount':
      case 'productVariantsCount': {
        const denied = needs('read_products', 'write_products');
        if (denied) return denied;
        const all =
          name === 'productsCount'
            ? shop.products.length
            : shop.products.reduce((sum, product) => sum + product.variants.length, 0);
        // `limit` defaults to 10,000; null means no limit (schema: QueryRoot.productsCount).
        const limit = 'limit' in args ? (args.limit as number | null) : 10_000;
        const capped = limit !== null && all > limit;
        return value({ count: capped ? limit : all, precision: capped ? 'AT_LEAST' : 'EXACT' });
      }
      case 'products': {
        const denied = needs('read_products', 'write_products');
        if (denied) return denied;
        const page = slice(shop.products, Number(args.first ?? 0), args.after);
        if (page.start >= PAGINATION_LIMIT) {
          return { errors: [{ message: PAGINATION_LIMIT_MESSAGE, extensions: { code: 'BAD_REQUEST' } }] };
        }
        const variantsFirst = Number(variables.variantsFirst ?? 250);
        return value({
          nodes: page.nodes.map((product) => ({
            id: `gid://shopify/Product/${product.id}`,
            title: product.title,
            variants: variantConnection(slice(product.variants, variantsFirst, null)),
          })),
          pageInfo: page.pageInfo,
        });
      }
      case 'product': {
        const denied = needs('read_products', 'write_products');
        if (denied) return denied;
        const id = Number(String(args.id ?? '').replace('gid://shopify/Product/', ''));
        const product = shop.products.find((candidate) => candidate.id === id);
        if (!product) return value(null);
        return value({
          variants: variantConnection(slice(product.variants, Number(variables.first ?? 0), variables.after)),
        });
      }
      case 'bulkOperationRunQuery': {
        const denied = needs('read_products', 'write_products');
        if (denied) return denied;
        const inner = String(args.query ?? '');
        let problems: readonly GraphQLError[] = [];
        try {
          problems = schema ? validate(schema, parse(inner)) : [];
        } catch (error) {
          problems = [error as GraphQLError];
        }
        if (problems.length > 0) {
          // UNCONFIRMED text beyond Shopify's INVALID code.
          return userError(
            'bulkOperation',
            ['query'],
            `Invalid bulk query: ${problems[0]?.message}`,
            'INVALID',
          );
        }
        if ([...bulkOperations.values()].some((op) => op.shop === shop.domain && op.polls < bulkPolls)) {
          return userError(
            'bulkOperation',
            null,
            'A bulk query operation for this app and shop is already in progress.',
            'OPERATION_IN_PROGRESS',
          );
        }
        const operationId = `gid://shopify/BulkOperation/${nextBulkId++}`;
        const { jsonl, objectCount } = bulkJsonl(shop.products);
        bulkOperations.set(operationId, { id: operationId, shop: shop.domain, polls: 0, jsonl, objectCount });
        return value({ bulkOperation: { id: operationId, status: 'CREATED' }, userErrors: [] });
      }
      case 'bulkOperation': {
        const operation = bulkOperations.get(String(args.id));
        if (!operation || operation.shop !== shop.domain) return value(null);
        operation.polls += 1;
        const completed = operation.polls >= bulkPolls;
        const file = `${url}/bulk-results/${encodeURIComponent(shop.domain)}/${operation.id.split('/').pop()}.jsonl`;
        return value({
          id: operation.id,
          status: completed ? 'COMPLETED' : 'RUNNING',
          errorCode: null,
          objectCount: String(completed ? operation.objectCount : 0),
          url: completed && operation.objectCount > 0 ? file : null,
        });
      }
      default:
        return {
          errors: [
            {
              message: `Field '${name}' doesn't exist on type 'QueryRoot'`,
              extensions: { code: 'undefinedField', typeName: 'QueryRoot', fieldName: name },
            },
          ],
        };
    }
  };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = undefined;
      if (text !== '') {
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
        }
      }
      const path = request.url ?? '/';
      const bulkFile = /^\/bulk-results\/([^/]+)\/(\d+)\.jsonl$/.exec(path);
      if (request.method === 'GET' && bulkFile) {
        const operation = bulkOperations.get(`gid://shopify/BulkOperation/${bulkFile[2]}`);
        if (!operation || operation.shop !== decodeURIComponent(bulkFile[1] ?? '')) {
          response.writeHead(404).end();
          return;
        }
        response.writeHead(200, { 'content-type': 'application/jsonl' });
        response.end(operation.jsonl);
        return;
      }
      const match = /^\/([^/]+)\/admin\/(oauth\/access_token|api\/([^/]+)\/graphql\.json)$/.exec(path);
      const endpoint = match?.[2] === 'oauth/access_token' ? 'token' : match ? 'graphql' : 'other';
      const headers = Object.fromEntries(
        Object.entries(request.headers).map(([name, value]) => [
          name,
          Array.isArray(value) ? value.join(', ') : String(value),
        ]),
      );
      requests.push({ method: request.method ?? 'GET', path, shop: match?.[1], endpoint, headers, body });

      const send = (status: number, payload: unknown, extraHeaders: Record<string, string> = {}) => {
        response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...extraHeaders });
        response.end(payload === undefined ? '' : JSON.stringify(payload));
      };
      const behave = (behaviour: FakeShopifyBehaviour) => {
        if ('hang' in behaviour) return;
        if (behaviour.rawBody !== undefined) {
          response.writeHead(behaviour.status, { 'content-type': 'text/html', ...behaviour.headers });
          response.end(behaviour.rawBody);
          return;
        }
        send(behaviour.status, behaviour.body, { ...behaviour.headers });
      };
      if (endpoint !== 'other') {
        const special = behaviours.get(endpoint);
        if (special) {
          special.remaining -= 1;
          if (special.remaining <= 0) behaviours.delete(endpoint);
          return behave(special.behaviour);
        }
      }
      const shop = match ? shops.get(match[1] ?? '') : undefined;
      const asksForStaff = /\b(current)?[sS]taffMember\b/.test(JSON.stringify(body));
      if (endpoint === 'graphql' && shop?.staffOutage && asksForStaff) return behave(shop.staffOutage);
      if (request.method !== 'POST' || !match || !shop) return send(404, { errors: 'Not Found' });
      if (body === null || typeof body !== 'object') return send(400, { error: 'invalid_request' });
      const fields = body as Record<string, unknown>;

      if (endpoint === 'token') {
        const [status, answer] = tokenEndpoint(shop, fields);
        return send(status, answer);
      }
      const version = match[3] ?? '';
      if (!/^(\d{4}-\d{2}|unstable)$/.test(version)) return send(404, { errors: 'Not Found' });
      const token = validToken(
        request.headers['x-shopify-access-token'] as string | undefined,
        shop.domain,
        'access',
      );
      if (!token) return send(401, { errors: INVALID_ACCESS_TOKEN });
      return send(200, graphqlEndpoint(shop, token.scopes, fields));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const sign = (body: string, secret = options.apiSecret) =>
    createHmac('sha256', secret).update(body, 'utf8').digest('base64');

  return {
    get url() {
      return url;
    },
    requests,
    costs,

    addShop(domain, shopOptions = {}) {
      const shop: FakeShop = {
        domain,
        scopes: shopOptions.scopes ?? 'write_shipping,read_products',
        carrierCalculatedShipping: shopOptions.carrierCalculatedShipping ?? true,
        ...(shopOptions.accessTokenTtlSeconds === undefined
          ? {}
          : { accessTokenTtlSeconds: shopOptions.accessTokenTtlSeconds }),
        products: [...(shopOptions.products ?? [])],
        carrierServices: new Map(),
        ...(shopOptions.staff === undefined ? {} : { staff: shopOptions.staff }),
      };
      shops.set(domain, shop);
      return shop;
    },

    shop(domain) {
      const shop = shops.get(domain);
      if (!shop) throw new Error(`fake Shopify has no shop ${domain}`);
      return shop;
    },

    mintSessionToken(shop, overrides = {}) {
      const now = Math.floor(Date.now() / 1000);
      const alg = overrides.alg ?? 'HS256';
      const header = base64url(JSON.stringify({ alg, typ: 'JWT' }));
      const payload = base64url(
        JSON.stringify({
          iss: overrides.iss ?? `https://${shop}/admin`,
          dest: overrides.dest ?? `https://${shop}`,
          aud: overrides.aud ?? options.apiKey,
          sub: overrides.sub === null ? undefined : (overrides.sub ?? '42'),
          exp: overrides.exp ?? now + 60,
          nbf: overrides.nbf ?? now - 1,
          iat: now,
          jti: randomUUID(),
          sid: randomBytes(16).toString('hex'),
        }),
      );
      if (alg === 'none') return `${header}.${payload}.`;
      const signature = createHmac('sha256', overrides.secret ?? options.apiSecret)
        .update(`${header}.${payload}`)
        .digest('base64url');
      return `${header}.${payload}.${signature}`;
    },

    async deliverWebhook(target, topic, shop, payload, webhookOptions = {}) {
      const body = JSON.stringify(payload);
      const hmacMode = webhookOptions.hmac ?? 'valid';
      const headers: Record<string, string> = {
        'Content-Type': 'application/json',
        'X-Shopify-Topic': topic,
        'X-Shopify-Shop-Domain': webhookOptions.shopHeader ?? shop,
        'X-Shopify-API-Version': webhookOptions.apiVersion ?? '2026-10',
        'X-Shopify-Webhook-Id': webhookOptions.webhookId ?? randomUUID(),
        'X-Shopify-Event-Id': randomUUID(),
        'X-Shopify-Triggered-At': (webhookOptions.triggeredAt ?? new Date()).toISOString(),
      };
      if (hmacMode === 'valid') headers['X-Shopify-Hmac-Sha256'] = sign(body);
      if (hmacMode === 'bad') headers['X-Shopify-Hmac-Sha256'] = sign(body, `${options.apiSecret}-wrong`);
      return post(target, body, headers);
    },

    async callCarrierService(target, payload, callOptions = {}) {
      const body = JSON.stringify(payload);
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      if (callOptions.shop !== undefined) headers['X-Shopify-Shop-Domain'] = callOptions.shop;
      if (callOptions.signed !== false) headers['X-Shopify-Hmac-Sha256'] = sign(body);
      return post(target, body, headers);
    },

    issuedSecrets() {
      return [...tokens.keys()];
    },

    revokeTokens(shop) {
      for (const token of tokens.values()) if (token.shop === shop) token.revoked = true;
    },

    expireAccessTokens(shop) {
      for (const token of tokens.values()) {
        if (token.shop === shop && token.kind === 'access') token.expiresAt = Date.now() - 1;
      }
    },

    behave(endpoint, behaviour, times = Number.POSITIVE_INFINITY) {
      if (behaviour === undefined) behaviours.delete(endpoint);
      else behaviours.set(endpoint, { behaviour, remaining: times });
    },

    throttle(count) {
      throttled = count;
    },

    close() {
      return new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}

/** Realistic webhook bodies (Shopify's documented examples, with example.com people and our shop). */
export const webhookPayloads = {
  appUninstalled: (shop: string) => ({
    id: 548380009,
    name: 'Example Freight Store',
    email: 'owner@example.com',
    domain: null,
    country: 'AU',
    currency: 'AUD',
    myshopify_domain: shop,
    plan_name: 'advanced',
  }),
  shopRedact: (shop: string) => ({ shop_id: 548380009, shop_domain: shop }),
  customersDataRequest: (shop: string) => ({
    shop_id: 548380009,
    shop_domain: shop,
    orders_requested: [299938, 280263],
    customer: { id: 191167, email: 'customer@example.com', phone: '555-625-1199' },
    data_request: { id: 9999 },
  }),
  customersRedact: (shop: string) => ({
    shop_id: 548380009,
    shop_domain: shop,
    customer: { id: 191167, email: 'customer@example.com', phone: '555-625-1199' },
    orders_to_redact: [299938, 280263],
  }),
};

/**
 * A CarrierService rate request as checkout sends it (platforms.md): prices in minor units, as numbers, or
 * as strings in the older payloads (`priceAsString`).
 */
export function rateRequest(options: { readonly priceAsString?: boolean; readonly postcode?: string } = {}) {
  const price = (cents: number) => (options.priceAsString ? String(cents) : cents);
  return {
    rate: {
      origin: {
        country: 'AU',
        postal_code: '3121',
        province: 'VIC',
        city: 'Richmond',
        name: null,
        address1: '12 Example Street',
        address2: '',
        address3: null,
        phone: null,
        fax: null,
        email: null,
        address_type: null,
        company_name: 'Example Freight Store',
      },
      destination: {
        country: 'AU',
        postal_code: options.postcode ?? '2000',
        province: 'NSW',
        city: 'Sydney',
        name: 'Pat Example',
        address1: '1 Example Lane',
        address2: '',
        address3: null,
        phone: null,
        fax: null,
        email: null,
        address_type: null,
        company_name: null,
      },
      items: [
        {
          name: 'Outdoor Table - Large',
          sku: 'TABLE-L',
          quantity: 1,
          grams: 32000,
          price: price(89900),
          vendor: 'Example Freight Store',
          requires_shipping: true,
          taxable: true,
          fulfillment_service: 'manual',
          properties: null,
          product_id: 8001,
          variant_id: 9001,
        },
        {
          name: 'Gift Card',
          sku: 'GIFT',
          quantity: 1,
          grams: 0,
          price: price(5000),
          vendor: 'Example Freight Store',
          requires_shipping: false,
          taxable: false,
          fulfillment_service: 'manual',
          properties: null,
          product_id: 8002,
          variant_id: 9002,
        },
      ],
      currency: 'AUD',
      locale: 'en-AU',
    },
  };
}

function slice<T>(items: readonly T[], first: number, after: unknown) {
  const start =
    typeof after === 'string' && after !== '' ? Number(Buffer.from(after, 'base64url').toString()) + 1 : 0;
  const nodes = items.slice(start, start + Math.max(0, first));
  const last = start + nodes.length - 1;
  return {
    start,
    nodes,
    pageInfo: {
      hasNextPage: start + nodes.length < items.length,
      endCursor: nodes.length === 0 ? null : Buffer.from(String(last)).toString('base64url'),
    },
  };
}

function variantNode(variant: FakeVariant) {
  return {
    id: `gid://shopify/ProductVariant/${variant.id}`,
    title: variant.title,
    sku: variant.sku,
    inventoryItem: { requiresShipping: variant.requiresShipping, measurement: { weight: variant.weight } },
  };
}

function variantConnection(page: ReturnType<typeof slice<FakeVariant>>) {
  return { nodes: page.nodes.map(variantNode), pageInfo: page.pageInfo };
}

/** A bulk result as Shopify writes it: a product line, then its variants' lines with `__parentId`. */
function bulkJsonl(products: readonly FakeProduct[]): { jsonl: string; objectCount: number } {
  const lines: string[] = [];
  for (const product of products) {
    const id = `gid://shopify/Product/${product.id}`;
    lines.push(JSON.stringify({ id, title: product.title }));
    for (const variant of product.variants)
      lines.push(JSON.stringify({ ...variantNode(variant), __parentId: id }));
  }
  return { jsonl: lines.length > 0 ? `${lines.join('\n')}\n` : '', objectCount: lines.length };
}

function operationOf(document: DocumentNode): OperationDefinitionNode {
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (!operation) throw new Error('no operation');
  return operation;
}

/** A graphql-js error in Shopify's `errors[]` shape. */
function shopifyError(error: GraphQLError, code: string) {
  return {
    message: error.message,
    ...(error.locations ? { locations: error.locations } : {}),
    extensions: { code },
  };
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

async function post(url: string, body: string, headers: Record<string, string>): Promise<FakeResponse> {
  const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { status: response.status, headers: response.headers, body: parsed };
}
