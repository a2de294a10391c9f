/**
 * The sandbox freight platform: RateBridge's own simulated platform, so merchants and tests can go through
 * onboarding and checkout without a MachShip or Big Post account. It is written as an outside platform
 * would be (its own wire format and error codes, not RB_ERR_*), and the sandbox adapter talks to it over
 * HTTP exactly as the real adapters talk to theirs.
 *
 * Express outside core/admin-api is an allowed exception: this is a platform's HTTP API, not RateBridge's.
 *
 * Wire format. Mounted at /sandbox. JSON bodies up to 64 kb. Every error: {"error": {"code", "message"}}.
 *
 * Account endpoints (a platform's web UI; the sandbox has no users, so no auth):
 *   POST /api-tokens {"name", "environment": "live"|"test"}
 *        201 {"token": "sbx_live_…", "apiToken": summary}: the only time the value is shown.
 *        409 name_taken · 422 too_many_tokens
 *   GET  /api-tokens -> {"apiTokens": [summary]}, summary = {name, environment, lastFour, createdAt,
 *        lastUsedAt, revokedAt} (ISO dates or null), never the value.
 *   POST /api-tokens/{name}/revoke -> {"apiToken": summary}; fails from the next call. 404 not_found
 *   PUT  /behaviour {"latencyMs", "failRate", "hang", "status", "retryAfterSeconds"} -> {"behaviour"};
 *        omitted fields are normal (0, 0, false, null, 1). GET /behaviour -> {"behaviour"}.
 *   GET  /stats -> {"since", "calls": {"ping", "quotes", "localities", "warehouses"}, "injectedFailures"}
 *   POST /reset -> {"behaviour", "stats"}: normal behaviour and zeroed stats; tokens are kept.
 *
 * Platform API (what an adapter calls), headers `Authorization: Bearer <token>` and
 * `X-Sandbox-Environment: live|test`:
 *   POST /v1/ping -> {"ok": true, "account": {"name", "environment"}}
 *   POST /v1/quotes {"from": place, "to": place & {"isBusiness"?}, "items": [{"type", "description"?,
 *        "lengthCm", "widthCm", "heightCm", "weightKg" (of one item), "quantity"}]}, place = {suburb,
 *        postcode, state} -> {"environment", "distanceKm", "options": [{"carrier": {code, name},
 *        "service": {code, name}, "currency": "AUD", "priceExGst", "gst", "total", "transitDays": {min,
 *        max}}]}, prices in decimal dollars; 400 unknown_locality for a place that does not exist.
 *   GET  /v1/localities?q=<text>&limit=<1..50> -> {"localities": [{suburb, postcode, state}]}
 *   GET  /v1/warehouses -> {"warehouses": [{id, name, addressLine1, suburb, postcode, state}]}
 * checked in this order: 400 missing_environment; injected behaviour (latency, hang, `status` ->
 * injected_status, `failRate` -> 500 injected_failure); 401 missing_token or invalid_token (unknown and
 * revoked look the same); 403 wrong_environment with "tokenEnvironment"; 400 validation_failed with
 * "details": [{path, message}]. Wrong content type 415, oversized body 413, unparsable JSON 400 bad_json.
 */
import express, { type ErrorRequestHandler, type Request, type Response, Router } from 'express';
import type { z } from 'zod';
import { distanceKm, findLocality, postcodeMatchesState, searchLocalities } from '../../localities/index.js';
import type { Logger } from '../../logger.js';
import type { Store } from '../../storage/store.js';
import { failsAt, behaviourSchema } from './behaviour.js';
import { DEMO_WAREHOUSES } from './demo-warehouses.js';
import { priceShipment, type PricedOption } from './pricing.js';
import { type CountedCall, createSandboxState, type SandboxState } from './sandbox-state.js';
import { type ApiTokenSummary, createTokenRegistry } from './token-registry.js';
import {
  createTokenBodySchema,
  ENVIRONMENT_HEADER,
  environmentSchema,
  localitySearchQuerySchema,
  quoteRequestSchema,
  type SandboxErrorBody,
  type SandboxErrorCode,
  type SandboxQuoteOption,
  type SandboxQuoteRequest,
} from './wire-format.js';

export interface SandboxRouterOptions {
  readonly store: Store;
  readonly now?: () => number;
  /** Where unexpected errors (bugs, a failing store) are reported; console.error when absent. */
  readonly logger?: Pick<Logger, 'error'>;
}

const BODY_LIMIT = '64kb';
/** A hung call is cut after this, so a client without a timeout cannot hold a socket for ever. */
const HANG_CAP_MS = 10 * 60_000;
const DEFAULT_LOCALITY_RESULTS = 20;

type PlatformHandler = (req: Request, res: Response, token: ApiTokenSummary) => Promise<void> | void;

export function createSandboxRouter(options: SandboxRouterOptions): Router {
  const now = options.now ?? Date.now;
  const state = createSandboxState(options.store, now);
  const registry = createTokenRegistry(options.store, now);
  const router = Router();
  router.use(express.json({ limit: BODY_LIMIT }));

  // --- account -----------------------------------------------------------------------------------

  router.post('/api-tokens', async (req, res) => {
    const body = parseBody(createTokenBodySchema, req, res);
    if (!body) return;
    const created = await registry.create(body.name, body.environment);
    if (!created.ok) {
      return created.reason === 'name_taken'
        ? sendError(res, 409, 'name_taken', 'A token with this name already exists. Choose another name.')
        : sendError(
            res,
            422,
            'too_many_tokens',
            'This sandbox holds as many tokens as it can. Reset it first.',
          );
    }
    res.status(201).set('Cache-Control', 'no-store').json({ token: created.value, apiToken: created.token });
  });

  router.get('/api-tokens', async (_req, res) => {
    res.json({ apiTokens: await registry.list() });
  });

  router.post('/api-tokens/:name/revoke', async (req, res) => {
    const revoked = await registry.revoke(String(req.params.name));
    if (!revoked) return sendError(res, 404, 'not_found', 'There is no token with this name.');
    res.json({ apiToken: revoked });
  });

  router.put('/behaviour', async (req, res) => {
    const behaviour = parseBody(behaviourSchema, req, res);
    if (!behaviour) return;
    await state.setBehaviour(behaviour);
    res.json({ behaviour });
  });

  router.get('/behaviour', async (_req, res) => {
    res.json({ behaviour: (await state.read()).behaviour });
  });

  router.get('/stats', async (_req, res) => {
    res.json(await state.stats());
  });

  router.post('/reset', async (_req, res) => {
    const { behaviour } = await state.reset();
    res.json({ behaviour, stats: await state.stats() });
  });

  // --- platform API ------------------------------------------------------------------------------

  const platformCall =
    (call: CountedCall, handler: PlatformHandler) =>
    async (req: Request, res: Response): Promise<void> => {
      const environment = environmentSchema.safeParse(req.get(ENVIRONMENT_HEADER));
      if (!environment.success) {
        return sendError(
          res,
          400,
          'missing_environment',
          'Send the X-Sandbox-Environment header: live or test.',
        );
      }
      const current = await state.read();
      const callNumber = await state.count(current, call);
      if (!(await injectBehaviour(current, callNumber, res))) return;

      const presented = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
      if (presented === undefined) {
        return sendError(res, 401, 'missing_token', 'Send an API token as Authorization: Bearer <token>.');
      }
      const auth = await registry.authenticate(presented);
      if (!auth.ok) {
        return sendError(
          res,
          401,
          'invalid_token',
          'This API token is not valid: mistyped or revoked. Create a new one.',
        );
      }
      if (auth.token.environment !== environment.data) {
        return sendError(
          res,
          403,
          'wrong_environment',
          `This is a ${auth.token.environment} token; it cannot be used for ${environment.data}.`,
          { tokenEnvironment: auth.token.environment },
        );
      }
      await handler(req, res, auth.token);
    };

  /** Applies the injected behaviour; false when it has answered (or dropped) the call itself. */
  async function injectBehaviour(current: SandboxState, callNumber: number, res: Response): Promise<boolean> {
    const { behaviour } = current;
    if (behaviour.latencyMs > 0 && !(await waitWhileConnected(res, behaviour.latencyMs))) return false;
    if (behaviour.hang) {
      await hangUntilClosed(res);
      return false;
    }
    if (behaviour.status !== null) {
      await state.count(current, 'injectedFailures');
      if (behaviour.status === 429) res.set('Retry-After', String(behaviour.retryAfterSeconds));
      sendError(
        res,
        behaviour.status,
        'injected_status',
        `The sandbox was told to answer ${behaviour.status}.`,
      );
      return false;
    }
    if (failsAt(callNumber, behaviour.failRate)) {
      await state.count(current, 'injectedFailures');
      sendError(res, 500, 'injected_failure', 'The sandbox failed this call on purpose (failRate).');
      return false;
    }
    return true;
  }

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

  router.use((_req, res) =>
    sendError(res, 404, 'route_not_found', 'The sandbox has nothing at this address.'),
  );
  router.use(errorHandler(options.logger));
  return router;
}

function sendError(
  res: Response,
  status: number,
  code: SandboxErrorCode,
  message: string,
  extra: Omit<SandboxErrorBody['error'], 'code' | 'message'> = {},
): void {
  res.status(status).json({ error: { code, message, ...extra } } satisfies SandboxErrorBody);
}

/**
 * Issues name the field and the rule, never what was sent (it might be a pasted secret): zod's messages
 * state expected types and limits only, except for unknown keys, which it quotes and so are counted here.
 */
function sendValidationError(res: Response, error: z.ZodError): void {
  const details = error.issues.map((issue) => ({
    path: issue.path.join('.'),
    message: issue.code === 'unrecognized_keys' ? `unknown fields (${issue.keys.length})` : issue.message,
  }));
  const first = details[0];
  const summary = first ? `${first.path || 'body'}: ${first.message}` : 'it does not match the schema';
  sendError(res, 400, 'validation_failed', `The request is not valid (${summary}).`, { details });
}

function parseBody<S extends z.ZodType>(schema: S, req: Request, res: Response): z.output<S> | undefined {
  if (!req.is('application/json')) {
    sendError(res, 415, 'unsupported_media_type', 'Send the request body as application/json.');
    return undefined;
  }
  const parsed = schema.safeParse(req.body);
  if (!parsed.success) {
    sendValidationError(res, parsed.error);
    return undefined;
  }
  return parsed.data;
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

/** True after `ms`; false as soon as the client goes away (nothing left to answer). */
function waitWhileConnected(res: Response, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const onClose = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(true);
    }, ms);
    res.once('close', onClose);
  });
}

function hangUntilClosed(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => res.destroy(), HANG_CAP_MS);
    timer.unref();
    res.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

const errorHandler =
  (logger: SandboxRouterOptions['logger']): ErrorRequestHandler =>
  (error: unknown, _req, res, next) => {
    if (res.headersSent) return next(error);
    // body-parser marks its errors with a `type`; they are the client's fault, so never a 500.
    const type = typeof error === 'object' && error !== null && 'type' in error ? error.type : undefined;
    if (type === 'entity.too.large') {
      return sendError(res, 413, 'body_too_large', `The request body is larger than ${BODY_LIMIT}.`);
    }
    if (type === 'charset.unsupported' || type === 'encoding.unsupported') {
      return sendError(res, 415, 'unsupported_media_type', 'Send the request body as UTF-8 JSON.');
    }
    if (typeof type === 'string')
      return sendError(res, 400, 'bad_json', 'The request body is not valid JSON.');
    // A body that does not inflate (a false Content-Encoding): body-parser says 400 with zlib's own code.
    const status =
      typeof error === 'object' && error !== null && 'status' in error ? error.status : undefined;
    if (status === 400) {
      return sendError(
        res,
        400,
        'bad_body',
        'The request body could not be decoded as its Content-Encoding says.',
      );
    }
    if (logger) logger.error({ err: error }, 'sandbox: unexpected error');
    else console.error('sandbox: unexpected error', error);
    sendError(res, 500, 'internal', 'The sandbox failed unexpectedly. Try again.');
  };
