import { Router } from 'express';
import { z } from 'zod';
import { rbError } from '../errors.js';
import type { QuoteEngine } from '../quoting/quote-engine.js';
import type { QuoteSettingsStore } from '../quoting/quote-settings.js';
import type { RateLog } from '../quoting/rate-log.js';
import { jsonBody, parseWith } from '../http/json-body.js';
import type {
  RateLogEntryResponse,
  RateLogPage,
  RulesResponse,
  TestQuoteResult,
} from '../wire/admin-api-types.js';
import { storedQuoteSettingsSchema } from '../quoting/migrate-delivery-defaults.js';
import { testQuoteBodySchema } from '../wire/quoting-schema.js';
import { QUOTE_SOURCES } from '../wire/vocabulary.js';
import { needs } from './route-roles.js';
import { tenantContext } from './tenant-context.js';

const BODY_LIMIT = '256kb';

const paging = z.object({
  offset: z.coerce.number().int().min(0).max(1000).default(0),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  source: z.enum(QUOTE_SOURCES).optional(),
});

/** `/rules`, `/quotes/test` and `/rate-log` of the admin API (docs/admin-api.md). */
export function quotingRoutes(engine: QuoteEngine, settings: QuoteSettingsStore, rateLog: RateLog): Router {
  const router = Router();

  router.get('/rules', needs('viewer'), async (_request, response) => {
    const { tenant } = tenantContext(response);
    response.json({ rules: await settings.get(tenant) } satisfies RulesResponse);
  });

  router.put('/rules', needs('admin'), jsonBody('64kb'), async (request, response) => {
    const { tenant } = tenantContext(response);
    // An admin page loaded before #15 still sends `deliveryDefaults`: read the way stored rules are.
    const rules = parseWith(storedQuoteSettingsSchema, request.body);
    response.json({ rules: await settings.put(tenant, rules) } satisfies RulesResponse);
  });

  router.post('/quotes/test', needs('viewer'), jsonBody(BODY_LIMIT), async (request, response) => {
    const { tenant } = tenantContext(response);
    const { settings: preview, deadlineMs, ...cart } = parseWith(testQuoteBodySchema, request.body);
    const outcome = await engine.quote(tenant, cart, {
      ...(preview ? { settings: preview, record: false } : {}),
      ...(deadlineMs === undefined ? {} : { deadlineMs }),
    });
    response.json({
      rates: outcome.rates,
      source: outcome.source,
      ...(outcome.fallbackReason === undefined ? {} : { fallbackReason: outcome.fallbackReason }),
      diagnostics: outcome.log,
      packing: outcome.packing ?? [],
    } satisfies TestQuoteResult);
  });

  router.get('/rate-log', needs('viewer'), async (request, response) => {
    const { tenant } = tenantContext(response);
    const { offset, limit, source } = parseWith(paging, request.query);
    if (source === undefined) {
      response.json({ ...(await rateLog.page(tenant, offset, limit)), offset, limit } satisfies RateLogPage);
      return;
    }
    // Filtering reads the whole (capped) log: at most 500 entries.
    const all = await rateLog.page(tenant, 0, 500);
    const matching = all.entries.filter((entry) => entry.source === source);
    response.json({
      entries: matching.slice(offset, offset + limit),
      total: matching.length,
      offset,
      limit,
    } satisfies RateLogPage);
  });

  router.get('/rate-log/:id', needs('viewer'), async (request, response) => {
    const { tenant } = tenantContext(response);
    const { id } = parseWith(z.object({ id: z.string().regex(/^rl_[A-Za-z0-9_-]{11}$/) }), request.params);
    const { entries } = await rateLog.page(tenant, 0, 500);
    const entry = entries.find((candidate) => candidate.id === id);
    if (!entry) throw rbError('RB_ERR_NOT_FOUND', 'That rate log entry');
    response.json({ entry } satisfies RateLogEntryResponse);
  });

  return router;
}
