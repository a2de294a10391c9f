import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MELBOURNE, PERTH, startTestSandbox, SYDNEY, type TestSandbox } from './sandbox-test-server.js';

interface ErrorBody {
  error: { code: string; message: string; tokenEnvironment?: string; details?: { path: string }[] };
}
interface Summary {
  name: string;
  environment: string;
  lastFour: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}
interface QuoteBody {
  environment: string;
  distanceKm: number;
  options: {
    carrier: { code: string };
    service: { code: string };
    priceExGst: number;
    gst: number;
    total: number;
  }[];
}

const carton = { type: 'carton', lengthCm: 30, widthCm: 20, heightCm: 15, weightKg: 2, quantity: 1 };
const quoteBody = (to: object = MELBOURNE, items: object[] = [carton]) => ({ from: SYDNEY, to, items });
const errorOf = (json: unknown) => (json as ErrorBody).error;

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(async () => {
  await sandbox.call('POST', '/reset');
});

describe('api tokens', () => {
  it('shows a new token once, lists it without its value and refuses it once revoked', async () => {
    const created = await sandbox.call('POST', '/api-tokens', {
      body: { name: 'shop one', environment: 'test' },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const { token, apiToken } = created.json as { token: string; apiToken: Summary };
    expect(token).toMatch(/^sbx_test_[A-Za-z0-9_-]{32}$/);
    expect(apiToken).toEqual({
      name: 'shop one',
      environment: 'test',
      lastFour: token.slice(-4),
      createdAt: expect.any(String),
      lastUsedAt: null,
      revokedAt: null,
    });

    expect((await sandbox.platform('POST', '/v1/ping', token, 'test')).status).toBe(200);
    const listed = await sandbox.call('GET', '/api-tokens');
    expect(listed.text).not.toContain(token);
    const entry = (listed.json as { apiTokens: Summary[] }).apiTokens.find((t) => t.name === 'shop one');
    expect(entry?.lastUsedAt).toEqual(expect.any(String));
    expect(entry?.revokedAt).toBeNull();

    const revoked = await sandbox.call('POST', '/api-tokens/shop%20one/revoke');
    expect(revoked.status).toBe(200);
    const revokedAt = (revoked.json as { apiToken: Summary }).apiToken.revokedAt;
    expect(revokedAt).toEqual(expect.any(String));

    const refused = await sandbox.platform('POST', '/v1/ping', token, 'test');
    expect(refused.status).toBe(401);
    expect(errorOf(refused.json).code).toBe('invalid_token');

    const again = await sandbox.call('POST', '/api-tokens/shop%20one/revoke');
    expect((again.json as { apiToken: Summary }).apiToken.revokedAt).toBe(revokedAt);
  });

  it('issues live tokens with their own prefix', async () => {
    expect(await sandbox.createToken('live one', 'live')).toMatch(/^sbx_live_/);
  });

  it('refuses a name already used, even by a revoked token', async () => {
    await sandbox.createToken('taken');
    const duplicate = await sandbox.call('POST', '/api-tokens', {
      body: { name: 'taken', environment: 'live' },
    });
    expect(duplicate.status).toBe(409);
    expect(errorOf(duplicate.json).code).toBe('name_taken');
    await sandbox.call('POST', '/api-tokens/taken/revoke');
    const afterRevoke = await sandbox.call('POST', '/api-tokens', {
      body: { name: 'taken', environment: 'test' },
    });
    expect(afterRevoke.status).toBe(409);
  });

  it('answers 404 for revoking a name it never issued', async () => {
    const missing = await sandbox.call('POST', '/api-tokens/never-made/revoke');
    expect(missing.status).toBe(404);
    expect(errorOf(missing.json).code).toBe('not_found');
  });

  it('stores a digest and the last four characters, never the value', async () => {
    const token = await sandbox.createToken('stored');
    const document = await sandbox.store.getDoc({ tenant: '_sandbox', kind: 'api-tokens', id: 'all' });
    const text = JSON.stringify(document);
    expect(text).toContain(token.slice(-4));
    expect(text).not.toContain(token);
    expect(text).not.toContain(token.slice(9, 30));
  });

  it('tells a token of the other environment apart from a bad one', async () => {
    const token = await sandbox.createToken('env check', 'test');
    const wrong = await sandbox.platform('POST', '/v1/ping', token, 'live');
    expect(wrong.status).toBe(403);
    expect(errorOf(wrong.json)).toMatchObject({ code: 'wrong_environment', tokenEnvironment: 'test' });

    const unknown = await sandbox.platform('POST', '/v1/ping', `${token}x`, 'test');
    expect(errorOf(unknown.json).code).toBe('invalid_token');
    const none = await sandbox.call('POST', '/v1/ping', { headers: { 'x-sandbox-environment': 'test' } });
    expect([none.status, errorOf(none.json).code]).toEqual([401, 'missing_token']);
    const noEnvironment = await sandbox.call('POST', '/v1/ping', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect([noEnvironment.status, errorOf(noEnvironment.json).code]).toEqual([400, 'missing_environment']);
  });
});

describe('platform API', () => {
  let token: string;
  beforeAll(async () => {
    token = await sandbox.createToken('platform api');
  });

  it('prices a quote the same way every time, in dollars with 10% GST', async () => {
    const first = await sandbox.platform('POST', '/v1/quotes', token, 'test', quoteBody());
    const second = await sandbox.platform('POST', '/v1/quotes', token, 'test', quoteBody());
    expect(first.status).toBe(200);
    expect(second.json).toEqual(first.json);
    const body = first.json as QuoteBody;
    expect(body.environment).toBe('test');
    expect(body.distanceKm).toBeGreaterThan(693);
    expect(body.distanceKm).toBeLessThan(733);
    expect(new Set(body.options.map((o) => o.carrier.code)).size).toBeGreaterThanOrEqual(2);
    for (const option of body.options) {
      expect(Math.round(option.gst * 100)).toBe(Math.round(option.priceExGst * 10));
      expect(Math.round(option.total * 100)).toBe(
        Math.round(option.priceExGst * 100) + Math.round(option.gst * 100),
      );
    }
  });

  it('charges more to go further', async () => {
    const total = async (to: object) =>
      (
        (await sandbox.platform('POST', '/v1/quotes', token, 'test', quoteBody(to))).json as QuoteBody
      ).options.find((o) => o.service.code === 'RX')!.total;
    expect(await total(PERTH)).toBeGreaterThan(await total(MELBOURNE));
  });

  it('refuses a place that does not exist with a clear error', async () => {
    const wrongSuburb = await sandbox.platform('POST', '/v1/quotes', token, 'test', {
      ...quoteBody(),
      to: { suburb: 'Atlantis', postcode: '3000', state: 'VIC' },
    });
    expect(wrongSuburb.status).toBe(400);
    expect(errorOf(wrongSuburb.json).code).toBe('unknown_locality');
    expect(errorOf(wrongSuburb.json).message).toContain('"to"');
    const wrongState = await sandbox.platform('POST', '/v1/quotes', token, 'test', {
      ...quoteBody(),
      from: { suburb: 'Sydney', postcode: '2000', state: 'VIC' },
    });
    expect(errorOf(wrongState.json).message).toContain('2000 is not a VIC postcode');
  });

  it('searches localities and lists the account warehouses', async () => {
    const found = await sandbox.platform('GET', '/v1/localities?q=sydney&limit=3', token, 'test');
    expect(found.json).toEqual({
      localities: [
        { suburb: 'Sydney', postcode: '2000', state: 'NSW' },
        { suburb: 'Sydney Domestic Airport', postcode: '2020', state: 'NSW' },
        { suburb: 'Sydney Gateway Facility', postcode: '2891', state: 'NSW' },
      ],
    });
    const noQuery = await sandbox.platform('GET', '/v1/localities', token, 'test');
    expect([noQuery.status, errorOf(noQuery.json).code]).toEqual([400, 'validation_failed']);
    const warehouses = await sandbox.platform('GET', '/v1/warehouses', token, 'test');
    expect((warehouses.json as { warehouses: unknown[] }).warehouses).toHaveLength(3);
  });
});

describe('bad requests', () => {
  let token: string;
  beforeAll(async () => {
    token = await sandbox.createToken('bad requests');
  });

  const auth = () => ({ authorization: `Bearer ${token}`, 'x-sandbox-environment': 'test' });
  const cases: [
    string,
    string,
    string,
    { body?: unknown; rawBody?: string; headers?: Record<string, string> },
    number,
    string,
  ][] = [
    ['unparsable JSON', 'POST', '/api-tokens', { rawBody: '{"name": ' }, 400, 'bad_json'],
    ['a JSON scalar', 'POST', '/api-tokens', { rawBody: '"x"' }, 400, 'bad_json'],
    [
      'a body that is not JSON',
      'POST',
      '/api-tokens',
      { rawBody: 'name=x', headers: { 'content-type': 'text/plain' } },
      415,
      'unsupported_media_type',
    ],
    [
      'an oversized body',
      'POST',
      '/api-tokens',
      { body: { name: 'x'.repeat(70_000), environment: 'test' } },
      413,
      'body_too_large',
    ],
    ['a missing name', 'POST', '/api-tokens', { body: { environment: 'test' } }, 400, 'validation_failed'],
    [
      'an unknown environment',
      'POST',
      '/api-tokens',
      { body: { name: 'x', environment: 'prod' } },
      400,
      'validation_failed',
    ],
    [
      'a name with a slash',
      'POST',
      '/api-tokens',
      { body: { name: 'a/b', environment: 'test' } },
      400,
      'validation_failed',
    ],
    [
      'an unknown field',
      'POST',
      '/api-tokens',
      { body: { name: 'x', environment: 'test', admin: true } },
      400,
      'validation_failed',
    ],
    ['a failRate above 1', 'PUT', '/behaviour', { body: { failRate: 2 } }, 400, 'validation_failed'],
    ['a status below 400', 'PUT', '/behaviour', { body: { status: 200 } }, 400, 'validation_failed'],
    ['an array body', 'PUT', '/behaviour', { body: [] }, 400, 'validation_failed'],
    [
      'a quote with no items',
      'POST',
      '/v1/quotes',
      { body: { from: SYDNEY, to: MELBOURNE, items: [] } },
      400,
      'validation_failed',
    ],
    [
      'a negative weight',
      'POST',
      '/v1/quotes',
      { body: quoteBody(MELBOURNE, [{ ...carton, weightKg: -1 }]) },
      400,
      'validation_failed',
    ],
    [
      'a string weight',
      'POST',
      '/v1/quotes',
      { body: quoteBody(MELBOURNE, [{ ...carton, weightKg: '2' }]) },
      400,
      'validation_failed',
    ],
    [
      'a three-digit postcode',
      'POST',
      '/v1/quotes',
      { body: quoteBody({ ...MELBOURNE, postcode: '300' }) },
      400,
      'validation_failed',
    ],
    [
      'an unknown state',
      'POST',
      '/v1/quotes',
      { body: quoteBody({ ...MELBOURNE, state: 'XX' }) },
      400,
      'validation_failed',
    ],
    ['an unknown path', 'GET', '/v2/nothing', {}, 404, 'route_not_found'],
  ];

  it.each(cases)('answers %s with a coded 4xx', async (_name, method, path, options, status, code) => {
    const platform = path.startsWith('/v1/');
    const result = await sandbox.call(method, path, {
      ...options,
      headers: { ...(platform ? auth() : {}), ...options.headers },
    });
    expect(result.status).toBe(status);
    expect(errorOf(result.json)).toMatchObject({ code, message: expect.any(String) });
  });

  it('names the offending field in validation details', async () => {
    const result = await sandbox.platform(
      'POST',
      '/v1/quotes',
      token,
      'test',
      quoteBody(MELBOURNE, [{ ...carton, quantity: 0 }]),
    );
    expect(errorOf(result.json).details?.map((d) => d.path)).toEqual(['items.0.quantity']);
  });
});

describe('behaviour', () => {
  let token: string;
  beforeAll(async () => {
    token = await sandbox.createToken('behaviour');
  });
  const ping = () => sandbox.platform('POST', '/v1/ping', token, 'test');
  const quote = () => sandbox.platform('POST', '/v1/quotes', token, 'test', quoteBody());
  const stats = async () =>
    (await sandbox.call('GET', '/stats')).json as { calls: Record<string, number>; injectedFailures: number };

  it('counts the quote calls it served', async () => {
    await quote();
    await quote();
    await quote();
    await ping();
    expect((await stats()).calls).toEqual({ ping: 1, quotes: 3, localities: 0, warehouses: 0 });
  });

  it('waits latencyMs before answering', async () => {
    await sandbox.setBehaviour({ latencyMs: 300 });
    const started = performance.now();
    expect((await ping()).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('answers an injected 429 with Retry-After, and an injected 500', async () => {
    await sandbox.setBehaviour({ status: 429, retryAfterSeconds: 7 });
    const limited = await quote();
    expect([limited.status, limited.headers.get('retry-after'), errorOf(limited.json).code]).toEqual([
      429,
      '7',
      'injected_status',
    ]);
    await sandbox.setBehaviour({ status: 500 });
    expect((await ping()).status).toBe(500);
    expect((await stats()).injectedFailures).toBe(2);
  });

  it('fails the stated share of calls, predictably', async () => {
    await sandbox.setBehaviour({ failRate: 0.5 });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await quote()).status);
    expect(statuses).toEqual([200, 500, 200, 500, 200, 500]);
  });

  it('never answers while hanging, and recovers when told to', async () => {
    await sandbox.setBehaviour({ hang: true });
    const hung = fetch(`${sandbox.url}/v1/ping`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'x-sandbox-environment': 'test' },
      signal: AbortSignal.timeout(200),
    });
    await expect(hung).rejects.toThrow(/abort|timeout/i);
    await sandbox.setBehaviour({});
    expect((await ping()).status).toBe(200);
  });

  it('resets to normal behaviour and zero stats, keeping tokens', async () => {
    await sandbox.setBehaviour({ status: 503 });
    await quote();
    const reset = await sandbox.call('POST', '/reset');
    expect(reset.json).toMatchObject({
      behaviour: { latencyMs: 0, failRate: 0, hang: false, status: null },
      stats: { calls: { ping: 0, quotes: 0, localities: 0, warehouses: 0 }, injectedFailures: 0 },
    });
    expect((await ping()).status).toBe(200);
  });

  it('is not itself slowed or failed by the behaviour it injects', async () => {
    await sandbox.setBehaviour({ hang: true });
    expect((await sandbox.call('GET', '/api-tokens')).status).toBe(200);
    expect((await sandbox.call('GET', '/behaviour')).json).toMatchObject({ behaviour: { hang: true } });
  });
});

describe('the token value', () => {
  it('never appears in the token list or in any error', async () => {
    const token = await sandbox.createToken('canary', 'test');
    const answers = [
      await sandbox.call('GET', '/api-tokens'),
      await sandbox.platform('POST', '/v1/ping', token, 'live'),
      await sandbox.platform('POST', '/v1/quotes', token, 'test', { ...quoteBody(), items: token }),
      await sandbox.platform('POST', '/v1/quotes', token, 'test', {
        ...quoteBody(),
        to: { ...MELBOURNE, suburb: token },
      }),
      await sandbox.platform('POST', '/v1/quotes', token, 'test', { ...quoteBody(), [token]: 1 }),
      await sandbox.platform('GET', `/v1/localities?q=${'x'.repeat(101)}&other=${token}`, token, 'test'),
      await sandbox.call('POST', '/api-tokens', { body: { name: `${token}/x`, environment: 'test' } }),
      await sandbox.call('PUT', '/behaviour', { body: { status: token } }),
      await sandbox.call('POST', `/api-tokens/${token}/revoke`),
      await sandbox.call('POST', '/v1/ping', {
        headers: { authorization: token, 'x-sandbox-environment': 'test' },
      }),
    ];
    await sandbox.call('POST', '/api-tokens/canary/revoke');
    answers.push(await sandbox.platform('POST', '/v1/quotes', token, 'test', quoteBody()));

    for (const answer of answers.slice(1)) expect(answer.status).toBeGreaterThanOrEqual(400);
    for (const answer of answers) expect(answer.text).not.toContain(token);
  });
});
