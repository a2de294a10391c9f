/**
 * The delivery questions of a WooCommerce checkout (#15): the answers and the company name the plugin sends
 * in its rates request, parsed leniently (PHP's strings) but refused with a coded error when they are
 * nonsense; only the questions the merchant asks are forwarded to core; and the signed
 * /woocommerce/checkout-questions endpoint that tells the plugin what to ask, over real sockets.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_QUOTE_SETTINGS, isRateBridgeError, type RateBridgeError } from '../../core/index.js';
import type { ErrorBody, QuoteSettings } from '../../core/wire/admin-api-types.js';
import { checkoutQuestions, onlyAsked } from '../../woocommerce-bridge/checkout-questions.js';
import { parsePluginRatesBody, toQuoteRequest } from '../../woocommerce-bridge/rates-request.js';
import { pluginHeaders } from './plugin-signing.js';
import { startWooTestApp, type AdminClient, type WooTestApp } from './woocommerce-test-app.js';

const cart = (extra: Record<string, unknown> = {}, company?: string) => ({
  currency: 'AUD',
  units: { weight: 'kg', dimension: 'cm' },
  package: {
    destination: {
      country: 'AU',
      state: 'VIC',
      postcode: '3000',
      city: 'Melbourne',
      ...(company === undefined ? {} : { company }),
    },
    contents: [{ product_id: 11, sku: 'BOX', quantity: 1, line_total: '25.00', weight: '3' }],
  },
  ...extra,
});

const quoteOf = (body: unknown) =>
  toQuoteRequest(parsePluginRatesBody(Buffer.from(JSON.stringify(body))), undefined);

function refusal(run: () => unknown): RateBridgeError {
  try {
    run();
  } catch (error) {
    if (isRateBridgeError(error)) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

/** Settings where the merchant asks `asked` (pre-filled with `assume`) and keeps the defaults otherwise. */
function asking(asked: readonly (keyof QuoteSettings['deliveryOptions'])[], assume = false): QuoteSettings {
  const options = structuredClone(DEFAULT_QUOTE_SETTINGS.deliveryOptions);
  for (const question of asked) Object.assign(options[question], { how: 'ask', assume });
  return { ...DEFAULT_QUOTE_SETTINGS, deliveryOptions: options };
}

describe("the plugin's delivery answers in the rates request", () => {
  it('reads the yes/no spellings PHP sends, and leaves "" and null unanswered', () => {
    const request = quoteOf(
      cart({ delivery: { is_business: 'yes', tail_lift: '0', authority_to_leave: true, hand_unload: '' } }),
    );
    expect(request.delivery).toEqual({ isBusiness: true, tailLift: false, authorityToLeave: true });
    expect(
      quoteOf(cart({ delivery: { is_business: 'No', tail_lift: 1, hand_unload: 'on' } })).delivery,
    ).toEqual({ isBusiness: false, tailLift: true, handUnload: true });
  });

  it('sends no delivery at all when nothing was answered (absent means "not asked")', () => {
    expect(quoteOf(cart()).delivery).toBeUndefined();
    expect(quoteOf(cart({ delivery: null })).delivery).toBeUndefined();
    expect(quoteOf(cart({ delivery: { is_business: '', tail_lift: null } })).delivery).toBeUndefined();
  });

  it('refuses an answer that is neither yes nor no with RB_ERR_VALIDATION naming the field', () => {
    const error = refusal(() => quoteOf(cart({ delivery: { tail_lift: 'maybe' } })));
    expect(error.code).toBe('RB_ERR_VALIDATION');
    expect(error.status).toBe(400);
    expect(error.message).toContain('delivery.tail_lift');
    expect(refusal(() => quoteOf(cart({ delivery: { is_business: 2 } }))).code).toBe('RB_ERR_VALIDATION');
    expect(refusal(() => quoteOf(cart({ delivery: { is_business: ['yes'] } }))).code).toBe(
      'RB_ERR_VALIDATION',
    );
  });

  it("passes the shipping company as the destination's company, trimmed; blank is none", () => {
    expect(quoteOf(cart({}, '  Acme Pty Ltd ')).destination.company).toBe('Acme Pty Ltd');
    expect(quoteOf(cart({}, '')).destination).not.toHaveProperty('company');
    expect(refusal(() => quoteOf(cart({}, 'x'.repeat(257)))).code).toBe('RB_ERR_VALIDATION');
  });
});

describe("the depot the shopper chose, in the plugin's rates request", () => {
  it('carries delivery.depot as core names it; "" and null are none', () => {
    expect(quoteOf(cart({ delivery: { depot: 'bigpost:501' } })).delivery).toEqual({ depot: 'bigpost:501' });
    expect(quoteOf(cart({ delivery: { depot: ' bigpost:501 ', is_business: 'no' } })).delivery).toEqual({
      isBusiness: false,
      depot: 'bigpost:501',
    });
    expect(quoteOf(cart({ delivery: { depot: '' } })).delivery).toBeUndefined();
    expect(quoteOf(cart({ delivery: { depot: null } })).delivery).toBeUndefined();
  });

  it('refuses a depot that is not <platform>:<id> with RB_ERR_VALIDATION naming the field', () => {
    for (const depot of ['depot:bigpost:501', 'bigpost', 'BigPost:1', 'bigpost:5 01', 42, 'x'.repeat(90)]) {
      const error = refusal(() => quoteOf(cart({ delivery: { depot } })));
      expect(error.code).toBe('RB_ERR_VALIDATION');
      expect(error.message).toContain('delivery.depot');
    }
  });
});

describe('which answers reach core', () => {
  const answers = { isBusiness: true, tailLift: true, authorityToLeave: false, handUnload: true };

  it('forwards only the answers to questions the merchant asks', () => {
    expect(onlyAsked(answers, asking(['tailLift', 'authorityToLeave']))).toEqual({
      tailLift: true,
      authorityToLeave: false,
    });
    // The defaults ask nothing (business from the company name, tail-lift by weight, the rest assumed).
    expect(onlyAsked(answers, DEFAULT_QUOTE_SETTINGS)).toBeUndefined();
    expect(onlyAsked(undefined, asking(['isBusiness']))).toBeUndefined();
  });

  it('forwards the chosen depot whenever depots are offered, asked questions or not', () => {
    const offering = (settings: QuoteSettings, offer: boolean): QuoteSettings => ({
      ...settings,
      deliveryOptions: { ...settings.deliveryOptions, depotCollection: { offer, maxDepots: 2 } },
    });
    const chosen = { ...answers, depot: 'bigpost:4021' };
    // Nothing is asked, yet the depot the buyer picked reaches core: it is a choice, not a question.
    expect(onlyAsked(chosen, offering(DEFAULT_QUOTE_SETTINGS, true))).toEqual({ depot: 'bigpost:4021' });
    expect(onlyAsked(chosen, offering(asking(['tailLift']), true))).toEqual({
      tailLift: true,
      depot: 'bigpost:4021',
    });
    // A stale choice after the merchant stopped offering depots prices nothing.
    expect(onlyAsked(chosen, offering(DEFAULT_QUOTE_SETTINGS, false))).toBeUndefined();
  });

  it('lists the asked questions with their labels and pre-filled answers, in a stable order', () => {
    const listed = checkoutQuestions(asking(['handUnload', 'isBusiness'], true));
    expect(listed.ttl_seconds).toBeGreaterThan(0);
    expect(listed.questions.map(({ key, default: prefilled }) => ({ key, prefilled }))).toEqual([
      { key: 'is_business', prefilled: true },
      { key: 'hand_unload', prefilled: true },
    ]);
    for (const question of listed.questions) expect(question.label.length).toBeGreaterThan(5);
    expect(checkoutQuestions(DEFAULT_QUOTE_SETTINGS).questions).toEqual([]);
  });
});

describe('POST /woocommerce/checkout-questions', () => {
  let app: WooTestApp;
  let merchant: AdminClient;
  let keyId: string;
  let secret: string;

  const ask = (body: string, headers: Record<string, string> = pluginHeaders(keyId, secret, body)) =>
    app.fetch('/woocommerce/checkout-questions', { method: 'POST', headers, body });
  const fresh = () =>
    JSON.stringify({ action: 'checkout_questions', request_id: randomBytes(8).toString('hex') });
  const errorCode = async (response: Response) => ((await response.json()) as ErrorBody).error.code;

  beforeAll(async () => {
    app = await startWooTestApp();
    merchant = await app.signIn(`woo:questions-${randomBytes(3).toString('hex')}.example.com`);
    const created = (await merchant.api('POST', '/connector-keys', { name: 'Plugin' })).body as {
      key: { id: string };
      secret: string;
    };
    ({ secret } = created);
    keyId = created.key.id;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('asks nothing until the merchant chooses to ask, then lists exactly those questions', async () => {
    const before = await ask(fresh());
    expect(before.status).toBe(200);
    expect(before.headers.get('cache-control')).toBe('no-store');
    expect(await before.json()).toEqual({ questions: [], ttl_seconds: 300 });

    const { rules } = (await merchant.api('GET', '/rules')).body as { rules: QuoteSettings };
    const saved = await merchant.api('PUT', '/rules', {
      ...rules,
      deliveryOptions: {
        ...rules.deliveryOptions,
        isBusiness: { how: 'ask', assume: false },
        authorityToLeave: { how: 'ask', assume: true },
      },
    });
    expect(saved.status).toBe(200);

    const after = (await (await ask(fresh())).json()) as { questions: { key: string; default: boolean }[] };
    expect(after.questions.map(({ key, default: prefilled }) => [key, prefilled])).toEqual([
      ['is_business', false],
      ['authority_to_leave', true],
    ]);
  });

  it('refuses unsigned, replayed and malformed asks with coded 4xx', async () => {
    const body = fresh();
    expect(await errorCode(await ask(body, { 'content-type': 'application/json' }))).toBe(
      'RB_ERR_SIGNATURE_MISSING',
    );
    const signed = pluginHeaders(keyId, secret, body);
    expect((await ask(body, signed)).status).toBe(200);
    expect(await errorCode(await ask(body, signed))).toBe('RB_ERR_SIGNATURE_REPLAYED');
    const wrong = await ask(JSON.stringify({ action: 'rates' }));
    expect([wrong.status, await errorCode(wrong)]).toEqual([400, 'RB_ERR_VALIDATION']);
  });
});
