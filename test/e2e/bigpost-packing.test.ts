/**
 * Packed boxes on Big Post's wire, over real sockets: a store with two boxes (one with Big Post's "Add
 * MHP" setting) quotes carts through the fake Big Post, which checks every getquote body against the
 * reference notes (isMHP is required there, as the plugin always sends it). Each package of the MHP box
 * goes with isMHP true, each of the other box and each product shipped alone with false; the items are
 * the boxes' outsides and weights, never more than the units.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBigPostPlatform } from '../../core/platforms/bigpost/index.js';
import { createCore, type Core } from '../../core/ratebridge.js';
import { openEmbeddedStore } from '../../core/storage/embedded-store.js';
import { BigPostFake } from '../fakes/bigpost-fake.js';
import { prepareBigPostTenant } from '../support/bigpost-tenant.js';
import { capturingLogger } from '../support/log-capture.js';
import { tempDir } from '../support/temp-dir.js';
import { testConfig } from '../support/test-config.js';

interface SentItem {
  readonly Description: string;
  readonly Length: number;
  readonly Width: number;
  readonly Height: number;
  readonly Weight: number;
  readonly Quantity: number;
  readonly isMHP: boolean;
}

describe('Big Post gets the packed boxes, with the box MHP setting', () => {
  const bigpost = new BigPostFake();
  const token = `bp_${randomBytes(16).toString('hex')}`;
  const tenant = `shop-${randomBytes(3).toString('hex')}.myshopify.com`;
  let core: Core;
  let removeDir: () => Promise<void>;

  const quote = async (lines: Record<string, number>, postcode: string, suburb: string) => {
    const before = bigpost.requests.length;
    const outcome = await core.quotes.quote(
      tenant,
      {
        destination: { country: 'AU', postcode, suburb, state: 'VIC' },
        currency: 'AUD',
        lines: Object.entries(lines).map(([sku, quantity]) => ({
          sku,
          quantity,
          priceCents: 5000,
          requiresShipping: true,
        })),
      },
      { record: false },
    );
    expect(outcome.source).toBe('live');
    const sent = bigpost.requests.slice(before).filter((request) => request.path === '/api/getquote');
    expect(sent).toHaveLength(1);
    return (sent[0]?.body as { Items: SentItem[] }).Items;
  };

  beforeAll(async () => {
    bigpost.addToken(token);
    const { url } = await bigpost.start();
    const { dir, remove } = await tempDir('bigpost-packing');
    removeDir = remove;
    core = await createCore({
      config: testConfig({ DATA_DIR: dir }),
      logger: capturingLogger().logger,
      store: await openEmbeddedStore({ dataDir: dir }),
      platforms: [createBigPostPlatform({ liveBaseUrl: url, testBaseUrl: url, timeoutMs: 2000 })],
    });
    await prepareBigPostTenant(core, tenant, token);
    const carton = (lengthCm: number, widthCm: number, heightCm: number, weightKg: number) => ({
      packages: [{ type: 'carton', lengthCm, widthCm, heightCm, weightKg }],
    });
    await core.catalog.upsertProfile(tenant, 'sku:MUG', carton(12, 12, 10, 0.4));
    await core.catalog.upsertProfile(tenant, 'sku:KETTLEBELL', carton(22, 22, 25, 12));
    await core.catalog.upsertProfile(tenant, 'sku:TV', { ...carton(110, 70, 15, 18), shipsAlone: true });
    await core.catalog.createBox(tenant, {
      kind: 'carton',
      name: 'Mug box',
      innerCm: { lengthCm: 30, widthCm: 30, heightCm: 22 },
      wallCm: 0.5,
      tareWeightKg: 0.3,
      maxWeightKg: 10,
      bigPostMhp: true,
    });
    await core.catalog.createBox(tenant, {
      kind: 'carton',
      name: 'Heavy box',
      innerCm: { lengthCm: 50, widthCm: 25, heightCm: 26 },
      outerCm: { lengthCm: 51, widthCm: 26, heightCm: 27 },
      tareWeightKg: 0.8,
      maxWeightKg: 25,
    });
  });

  afterAll(async () => {
    await core?.store.deleteTenant(tenant);
    await core?.close();
    await bigpost.stop();
    await removeDir?.();
  });

  it('a light cart goes in the MHP box, sent with isMHP true', async () => {
    const items = await quote({ MUG: 8 }, '3000', 'Melbourne');
    expect(items).toEqual([
      expect.objectContaining({
        Description: 'Mug box',
        Length: 31,
        Width: 31,
        Height: 23,
        Weight: 3.5,
        Quantity: 1,
        isMHP: true,
      }),
    ]);
  });

  it('a heavy cart is split by weight into the plain box, each sent with isMHP false; the TV goes alone', async () => {
    const items = await quote({ KETTLEBELL: 3, TV: 1 }, '3000', 'Melbourne');
    const boxes = items.filter((item) => item.Description === 'Heavy box');
    // Two kettlebells (24 kg) fit under 25 kg with the tare; the third needs a second box.
    expect(boxes.reduce((sum, item) => sum + item.Quantity, 0)).toBe(2);
    for (const box of boxes) {
      expect(box.isMHP).toBe(false);
      expect(box.Weight).toBeLessThanOrEqual(25);
      expect([box.Length, box.Width, box.Height]).toEqual([51, 26, 27]);
    }
    expect(items).toContainEqual(
      expect.objectContaining({
        Description: 'TV',
        Length: 110,
        Width: 70,
        Height: 15,
        Weight: 18,
        Quantity: 1,
        isMHP: false,
      }),
    );
    expect(items.reduce((sum, item) => sum + item.Quantity, 0)).toBe(3);
  });
});
