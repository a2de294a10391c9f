/**
 * Packing end to end, over real sockets: a merchant sets up boxes, a pallet and the palletising threshold
 * through the admin API, and a held-out sample of carts (light and heavy, several boxes, an item that ships
 * alone, a pallet load, one over the item cap) is quoted with the test quote against the sandbox platform.
 * A recording proxy between RateBridge and the sandbox shows the packages as they went on the wire; the
 * test quote's packing and the rate log must agree with them. On both stores where Redis is available.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from '../support/listen.js';
import { probeRedis } from '../support/redis.js';
import {
  startAppHarness,
  type AppHarness,
  type StoreKind,
  type TenantClient,
} from '../support/app-harness.js';
import type { Box, ErrorBody, TestQuoteResult } from '../../core/wire/admin-api-types.js';

const redis = await probeRedis();
const stores: StoreKind[] = redis.ok ? ['embedded', 'redis'] : ['embedded'];

interface WireItem {
  readonly type: string;
  readonly lengthCm: number;
  readonly widthCm: number;
  readonly heightCm: number;
  readonly weightKg: number;
  readonly quantity: number;
}

/** Forwards everything to the sandbox and keeps the body of every quote request. */
async function recordingProxy() {
  const quotes: { items: WireItem[] }[] = [];
  let target = '';
  const server = await listen((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      if (request.method === 'POST' && request.url === '/v1/quotes') quotes.push(JSON.parse(body.toString()));
      const headers = Object.fromEntries(
        Object.entries(request.headers).filter(
          ([name]) => !['host', 'content-length', 'connection'].includes(name),
        ),
      ) as Record<string, string>;
      void fetch(`${target}${request.url ?? '/'}`, {
        method: request.method ?? 'GET',
        headers,
        ...(body.length > 0 ? { body } : {}),
      }).then(async (upstream) => {
        response.writeHead(upstream.status, {
          'content-type': upstream.headers.get('content-type') ?? 'application/json',
        });
        response.end(Buffer.from(await upstream.arrayBuffer()));
      });
    });
  });
  return {
    url: server.url,
    close: server.close,
    quotes,
    pointAt: (url: string) => {
      target = url;
    },
  };
}

const PRODUCTS = {
  BOOK: { lengthCm: 20, widthCm: 15, heightCm: 3, weightKg: 0.5 },
  MUG: { lengthCm: 12, widthCm: 12, heightCm: 10, weightKg: 0.4 },
  DUMBBELL: { lengthCm: 25, widthCm: 12, heightCm: 12, weightKg: 7.5 },
  TV: { lengthCm: 110, widthCm: 70, heightCm: 15, weightKg: 18 },
} as const;

const SMALL = {
  kind: 'carton',
  name: 'Small carton',
  innerCm: { lengthCm: 40, widthCm: 30, heightCm: 20 },
  wallCm: 0.5,
  tareWeightKg: 0.4,
  maxWeightKg: 16,
  bigPostMhp: true,
};
const LARGE = {
  kind: 'carton',
  name: 'Large carton',
  innerCm: { lengthCm: 60, widthCm: 40, heightCm: 40 },
  outerCm: { lengthCm: 61, widthCm: 41, heightCm: 41 },
  tareWeightKg: 0.9,
  maxWeightKg: 25,
};
const PALLET = {
  kind: 'pallet',
  name: 'Chep pallet',
  lengthCm: 116.5,
  widthCm: 116.5,
  baseHeightCm: 15,
  maxHeightCm: 160,
  tareWeightKg: 30,
  maxWeightKg: 1000,
};

describe.each(stores)('packing into boxes against the sandbox (%s store)', (storeKind) => {
  let app: AppHarness;
  let proxy: Awaited<ReturnType<typeof recordingProxy>>;
  let merchant: TenantClient;
  let postcode = 3000;

  const testQuote = async (
    lines: Record<string, number>,
  ): Promise<{ quote: TestQuoteResult; wire: WireItem[] }> => {
    const before = proxy.quotes.length;
    // A postcode of its own per cart: nothing comes from the quote cache, so every cart is on the wire.
    postcode += 1;
    const response = await merchant.api('POST', '/quotes/test', {
      destination: { country: 'AU', postcode: String(postcode), state: 'VIC' },
      lines: Object.entries(lines).map(([sku, quantity]) => ({ sku, quantity, priceCents: 2000 })),
    });
    expect(response.status).toBe(200);
    const quote = response.body as TestQuoteResult;
    expect(quote.source).toBe('live');
    expect(proxy.quotes.length).toBe(before + 1);
    return { quote, wire: proxy.quotes.at(-1)?.items ?? [] };
  };
  const units = (wire: readonly WireItem[]) => wire.reduce((sum, item) => sum + item.quantity, 0);

  beforeAll(async () => {
    proxy = await recordingProxy();
    app = await startAppHarness({ store: storeKind, env: { SANDBOX_URL: proxy.url } });
    proxy.pointAt(app.sandbox.url);
    merchant = await app.signIn(`packing-${randomBytes(3).toString('hex')}`);
    const token = await app.createSandboxToken('checkout');
    const connected = await merchant.api('POST', '/connections', {
      platform: 'sandbox',
      environment: 'test',
      label: 'Sandbox',
      token,
    });
    expect(connected.status).toBe(201);
    const warehouse = { name: 'Richmond', suburb: 'Richmond', postcode: '3121', state: 'VIC' };
    expect((await merchant.api('POST', '/locations', warehouse)).status).toBe(201);
    for (const [sku, size] of Object.entries(PRODUCTS)) {
      const saved = await merchant.api('PUT', `/packaging/${encodeURIComponent(`sku:${sku}`)}`, {
        packages: [{ type: 'carton', ...size }],
        shipsAlone: sku === 'TV',
      });
      expect(saved.status).toBe(200);
    }
  });
  afterAll(async () => {
    await app.close();
    await proxy.close();
  });

  it('refuses impossible boxes with coded errors naming the field, and keeps the good ones', async () => {
    const refusals = [
      { ...SMALL, outerCm: { lengthCm: 39, widthCm: 31, heightCm: 21 }, wallCm: undefined },
      { ...SMALL, maxWeightKg: 0.3 },
      { ...PALLET, maxHeightCm: 10 },
      { ...SMALL, kind: 'crate' },
      { ...SMALL, innerCm: { lengthCm: 4000, widthCm: 30, heightCm: 20 } },
    ];
    const paths: string[][] = [];
    for (const body of refusals) {
      const refused = await merchant.api('POST', '/packaging/boxes', body);
      expect(refused.status).toBe(400);
      const error = refused.body as ErrorBody;
      expect(error.error.code).toBe('RB_ERR_VALIDATION');
      paths.push((error.error.details ?? []).map((detail) => detail.path));
    }
    expect(paths).toEqual([
      ['outerCm.lengthCm'],
      ['maxWeightKg'],
      ['maxHeightCm'],
      ['kind'],
      ['innerCm.lengthCm'],
    ]);
    for (const body of [SMALL, LARGE, PALLET]) {
      expect((await merchant.api('POST', '/packaging/boxes', body)).status).toBe(201);
    }
    const listed = (await merchant.api('GET', '/packaging/boxes')).body as { boxes: Box[] };
    expect(listed.boxes.map((box) => box.name).sort()).toEqual([
      'Chep pallet',
      'Large carton',
      'Small carton',
    ]);
    expect((await merchant.api('PUT', '/packaging/boxes/box_AAAAAAAA', SMALL)).status).toBe(404);
    expect((await merchant.api('DELETE', '/packaging/boxes/not-a-box')).status).toBe(400);
    const settings = await merchant.api('PUT', '/packaging-settings/packing', { palletiseOverPackages: 4 });
    expect(settings.body).toEqual({ settings: { palletiseOverPackages: 4, maxPackedItems: 100 } });
  });

  it('a light cart of several units goes out as one carton, drawn and logged', async () => {
    const { quote, wire } = await testQuote({ BOOK: 6, MUG: 2 });
    expect(wire).toEqual([
      {
        type: 'carton',
        description: 'Small carton',
        lengthCm: 41,
        widthCm: 31,
        heightCm: 21,
        weightKg: 4.2,
        quantity: 1,
      },
    ]);
    const [group] = quote.packing;
    expect(group?.method).toBe('boxes');
    expect(group?.boxes).toHaveLength(1);
    expect(group?.boxes[0]?.items.map((item) => item.line).sort()).toEqual([0, 0, 0, 0, 0, 0, 1, 1]);
    const log = (await merchant.api('GET', '/rate-log?limit=1')).body as {
      entries: TestQuoteResult['diagnostics'][];
    };
    expect(log.entries[0]?.groups[0]?.packing).toEqual({
      method: 'boxes',
      fallback: false,
      boxes: [{ name: 'Small carton', kind: 'carton', weightKg: 4.2, lines: expect.any(Array) }],
      pallets: [],
    });
  });

  it('a heavy cart is split by weight: never a box over its maximum on the wire', async () => {
    const { quote, wire } = await testQuote({ DUMBBELL: 5 });
    expect(units(wire)).toBeGreaterThan(1);
    expect(units(wire)).toBeLessThanOrEqual(5);
    for (const box of quote.packing[0]?.boxes ?? [])
      expect(box.weightKg).toBeLessThanOrEqual(box.maxWeightKg);
    for (const item of wire) expect(item.weightKg).toBeLessThanOrEqual(LARGE.maxWeightKg);
    const total = wire.reduce((sum, item) => sum + item.weightKg * item.quantity, 0);
    const tares = (quote.packing[0]?.boxes ?? []).reduce(
      (sum, box) => sum + (box.name === 'Small carton' ? 0.4 : 0.9),
      0,
    );
    expect(total).toBeCloseTo(5 * 7.5 + tares, 3);
  });

  it('the item that ships alone stays alone, in its own packaging, beside the boxed ones', async () => {
    const { quote, wire } = await testQuote({ TV: 1, BOOK: 2 });
    expect(wire).toContainEqual({ type: 'carton', description: 'TV', ...PRODUCTS.TV, quantity: 1 });
    expect(wire).toHaveLength(2);
    expect(quote.packing[0]?.boxes.flatMap((box) => box.items.map((item) => item.line))).toEqual([1, 1]);
  });

  it('past the merchant threshold the cartons go onto a pallet', async () => {
    const { quote, wire } = await testQuote({ DUMBBELL: 12, BOOK: 20 });
    const pallets = wire.filter((item) => item.type === 'pallet');
    expect(pallets.length).toBeGreaterThan(0);
    for (const pallet of pallets) {
      expect([pallet.lengthCm, pallet.widthCm]).toEqual([116.5, 116.5]);
      expect(pallet.heightCm).toBeLessThanOrEqual(160);
      expect(pallet.weightKg).toBeLessThanOrEqual(1000);
    }
    expect(quote.packing[0]?.pallets[0]?.items.every((item) => item.box !== undefined)).toBe(true);
    expect(units(wire)).toBeLessThan(32);
  });

  it('over the item cap the cart ships one package per unit, as before boxes, and the log says why', async () => {
    expect((await merchant.api('PUT', '/packaging-settings/packing', { maxPackedItems: 10 })).status).toBe(
      200,
    );
    const { quote, wire } = await testQuote({ BOOK: 12 });
    expect(wire).toEqual([{ type: 'carton', description: 'BOOK', ...PRODUCTS.BOOK, quantity: 12 }]);
    expect(quote.diagnostics.groups[0]?.packing).toMatchObject({
      method: 'per-unit',
      fallback: true,
      note: '12 items is over the packing cap of 10',
    });
    expect(app.logs()).toContain('packing fell back to one package set per unit');
  });
});
