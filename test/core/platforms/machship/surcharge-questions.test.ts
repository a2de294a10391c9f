/**
 * MachShip surcharge questions over a real socket: the company's question ids are read from
 * getConsignmentCreationSettings (they are the account's own), matched by their wording, sent as
 * `questionIds` on the route request for the options that are true, and looked up once per token.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeliveryOptions, FreightPlatform } from '../../../../core/platforms/freight-platform.js';
import { createMachShipPlatform } from '../../../../core/platforms/machship/index.js';
import { parseQuestions } from '../../../../core/platforms/machship/questions.js';
import { MACHSHIP_FAKE_QUESTIONS, MachShipFake } from '../../../fakes/machship-fake.js';
import { capturingLogger } from '../../../support/log-capture.js';
import { quoteRequest } from './quote-fixtures.js';

const credentials = { token: 'ms-questions-token', environment: 'live' } as const;
const home: DeliveryOptions = {
  isBusiness: false,
  tailLift: false,
  authorityToLeave: false,
  handUnload: false,
};

describe('MachShip surcharge questions', () => {
  let fake: MachShipFake;
  let platform: FreightPlatform;
  let url: string;

  beforeEach(async () => {
    fake = new MachShipFake({ [credentials.token]: {} });
    ({ url } = await fake.start());
    platform = createMachShipPlatform({ baseUrl: `${url}/apiv2/`, timeoutMs: 2_000 });
  });
  afterEach(() => fake.stop());

  const quote = (delivery: DeliveryOptions) =>
    platform.quote(credentials, { ...quoteRequest, delivery }, AbortSignal.timeout(5_000));
  const settingsCalls = () =>
    fake.requests.filter((request) => request.path.includes('getConsignmentCreationSettings')).length;
  const sentIds = () =>
    fake.requests
      .filter((request) => request.path === '/apiv2/routes/returnroutes')
      .map((request) => (request.body as { questionIds?: number[] }).questionIds);

  it('answers residential, tail-lift, authority to leave and hand unload with the company ids', async () => {
    await quote(home);
    await quote({ ...home, tailLift: true, authorityToLeave: true, handUnload: true });
    await quote({ ...home, isBusiness: true });
    await quote({ ...home, isBusiness: true, tailLift: true });
    expect(sentIds()).toEqual([[1043], [1043, 1051, 1057, 1062], undefined, [1051]]);
    // Read once for the token, not per quote.
    expect(
      fake.requests.filter((request) => request.path.includes('getConsignmentCreationSettings')),
    ).toHaveLength(1);
  });

  it('prices what is asked: a home delivery costs the residential surcharge more', async () => {
    const business = await quote({ ...home, isBusiness: true });
    const residential = await quote(home);
    const price = (result: Awaited<ReturnType<typeof quote>>) =>
      result.ok ? result.value.find((option) => option.key === 'machship:12:77')?.totalCents : undefined;
    expect(price(residential)! - price(business)!).toBe(1250);
  });

  it("uses another company's own ids, and sends none for a question the company does not have", async () => {
    fake.questions = [
      { id: 88, question: 'Residential Area', abbreviation: 'RES', surcharge: 5 },
      { id: 91, question: 'Tailgate Delivery', abbreviation: 'TG', surcharge: 20 },
    ];
    await quote({ ...home, tailLift: true, handUnload: true, authorityToLeave: true });
    expect(sentIds()).toEqual([[88, 91]]);
  });

  it('refuses question ids the company does not have, as the ids are per company', async () => {
    const response = await fetch(`${url}/apiv2/routes/returnroutes`, {
      method: 'POST',
      headers: { token: credentials.token, 'content-type': 'application/json' },
      body: JSON.stringify({
        toLocation: { suburb: 'SYDNEY', postcode: '2000' },
        fromLocation: { suburb: 'RICHMOND', postcode: '3121' },
        questionIds: [1043, 4242],
        items: [{ itemType: 1, name: 'x', quantity: 1, length: 1, width: 1, height: 1, weight: 1 }],
      }),
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain('4242');
  });

  it('refuses a quote that needs a question when the settings cannot be read, rather than quote low', async () => {
    fake.respondWith('/apiv2/consignments/getConsignmentCreationSettings', { status: 503, body: {} });
    const result = await quote({ ...home, tailLift: true });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.failure.reason).toBe('unreachable');
    expect(!result.ok && result.failure.detail).toContain('residential delivery, a tail-lift');
    expect(!result.ok && result.failure.detail).not.toContain(credentials.token);
    // Nothing was priced without the surcharge, and the failure is kept: no second settings call.
    expect(await quote(home)).toMatchObject({ ok: false });
    expect(sentIds()).toEqual([]);
    expect(settingsCalls()).toBe(1);
  });

  it('still quotes a business that needs no question when the settings cannot be read', async () => {
    fake.respondWith('/apiv2/consignments/getConsignmentCreationSettings', { status: 503, body: {} });
    const result = await quote({ ...home, isBusiness: true });
    expect(result.ok).toBe(true);
    expect(sentIds()).toEqual([undefined]);
  });

  it('never answers a delivery need with a pickup question, and prefers delivery wording', async () => {
    fake.questions = [
      { id: 80, question: 'Residential Pickup', abbreviation: 'RP', surcharge: 9 },
      { id: 81, question: 'Tail lift at pickup', abbreviation: 'TLP', surcharge: 9 },
      { id: 82, question: 'Residential Area', abbreviation: 'RES', surcharge: 5 },
      { id: 83, question: 'Residential Delivery', abbreviation: 'RD', surcharge: 12.5 },
      { id: 84, question: 'Tail Lift', abbreviation: 'TL', surcharge: 35 },
    ];
    await quote({ ...home, tailLift: true });
    expect(sentIds()).toEqual([[83, 84]]);
  });

  it('warns, without the token, when the account has no residential question, and quotes as the account prices', async () => {
    const { logger, lines, text } = capturingLogger();
    platform = createMachShipPlatform({ baseUrl: url, timeoutMs: 2_000, logger });
    fake.questions = [{ id: 91, question: 'Tailgate Delivery', abbreviation: 'TG', surcharge: 20 }];
    const result = await quote({ ...home, tailLift: true });
    expect(result.ok).toBe(true);
    expect(sentIds()).toEqual([[91]]);
    const warning = lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((l) => l['level'] === 40);
    expect(warning).toMatchObject({ platform: 'machship', questionsFound: ['tailLift'] });
    expect(String(warning?.['msg'])).toContain('no residential delivery question');
    expect(text()).not.toContain(credentials.token);
  });

  it('matches questions by wording, whatever their ids', () => {
    const body = {
      object: {
        questions: [
          ...MACHSHIP_FAKE_QUESTIONS.map(({ id, question, abbreviation }) => ({
            id,
            question,
            abbreviation,
          })),
          { id: 5, question: 'Something else', abbreviation: 'X' },
          { id: 'bad' },
        ],
      },
      errors: null,
    };
    expect(parseQuestions({ status: 200, headers: {}, body })).toEqual({
      ok: true,
      value: { residential: 1043, tailLift: 1051, authorityToLeave: 1057, handUnload: 1062 },
    });
  });

  it('leaves out a question of a group headed for the pickup, unless it says it is about delivery', () => {
    const body = {
      object: {
        questions: [
          { id: 1, question: 'Tail Lift', questionGroup: { id: 7, name: 'Pickup', heading: 'At pickup' } },
          { id: 2, question: 'Hand Unload', questionGroup: { id: 7, name: 'Pickup', heading: null } },
          { id: 3, question: 'Residential Delivery', questionGroup: { id: 7, name: 'Pickup' } },
          {
            id: 4,
            question: 'Tail Lift',
            questionGroup: { id: 8, name: 'Delivery', heading: 'At delivery' },
          },
        ],
      },
      errors: null,
    };
    expect(parseQuestions({ status: 200, headers: {}, body })).toEqual({
      ok: true,
      value: { residential: 3, tailLift: 4 },
    });
  });
});
