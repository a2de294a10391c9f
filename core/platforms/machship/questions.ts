/**
 * MachShip prices residential delivery, a tail-lift, authority to leave and hand unload as surcharge
 * questions: `RouteRequestV2.questionIds` lists "the Machship IDs corresponding to questions whose result
 * is true". The ids belong to the company (a `QuestionModel` of `ConsignmentInitV2Model.questions`, from
 * `GET /apiv2/consignments/getConsignmentCreationSettings`), so they are read from the account and matched
 * by the question's text or abbreviation, never hard-coded. Pure: the request and reading its answer.
 */
import { z } from 'zod';
import type { DeliveryOptions, PlatformResult } from '../freight-platform.js';
import type { HttpResponse } from '../http-client.js';
import { readEnvelope, type MachShipRequest } from './mapper.js';

/** The options MachShip asks as questions (business is the absence of "residential"). */
export const MACHSHIP_QUESTIONS = ['residential', 'tailLift', 'authorityToLeave', 'handUnload'] as const;
export type MachShipQuestion = (typeof MACHSHIP_QUESTIONS)[number];

/** The account's question id for each option it has; an option it lacks is not priced by MachShip. */
export type QuestionIds = Partial<Record<MachShipQuestion, number>>;

export const questionsRequest: MachShipRequest = {
  method: 'GET',
  path: '/apiv2/consignments/getConsignmentCreationSettings',
};

/** The options a quote needs answered, in MACHSHIP_QUESTIONS order: the ones whose answer is true. */
export function neededQuestions(delivery: DeliveryOptions): MachShipQuestion[] {
  const answers: Record<MachShipQuestion, boolean> = {
    residential: !delivery.isBusiness,
    tailLift: delivery.tailLift,
    authorityToLeave: delivery.authorityToLeave,
    handUnload: delivery.handUnload,
  };
  return MACHSHIP_QUESTIONS.filter((option) => answers[option]);
}

/** How each question is worded on MachShip accounts ("Residential Delivery", "Tail Lift Required", "ATL"). */
const WORDING: Readonly<Record<MachShipQuestion, RegExp>> = {
  residential: /\bresidential\b/i,
  tailLift: /\btail[\s-]?(lift|gate)\b/i,
  authorityToLeave: /\bauthority\s+to\s+leave\b|^\s*atl\s*$/i,
  handUnload: /\bhand[\s-]?(unload|unloading)\b/i,
};

/**
 * A question about the pickup end ("Residential Pickup", "Tail lift at pickup", a group headed "Pickup"):
 * never the answer to a delivery need. `QuestionModel` has no pickup/delivery field of its own (the
 * document's `pickupQuestionIds`/`deliveryQuestionIds` are a saved `CompanyLocation`'s defaults, not a
 * property of the question), so the wording and the question's group are what tell them apart.
 */
const PICKUP = /\bpick[\s-]?ups?\b|\bcollection\b|\bsender\b|\borigin\b/i;
/** A question that says it is about delivery wins over one that does not say ("Residential Area"). */
const DELIVERY = /\bdeliver(y|ies)?\b|\breceiver\b|\bdestination\b/i;

const questionSchema = z.looseObject({
  id: z.number().int(),
  question: z.string().nullish(),
  abbreviation: z.string().nullish(),
  questionGroup: z.looseObject({ name: z.string().nullish(), heading: z.string().nullish() }).nullish(),
});
const settingsSchema = z.looseObject({ questions: z.array(z.unknown()).nullish() }).nullish();

export function parseQuestions(response: HttpResponse): PlatformResult<QuestionIds> {
  const read = readEnvelope(response, {
    refusedWhat: 'read the consignment settings',
    doing: 'list its surcharge questions',
    what: 'surcharge questions',
  });
  if (!read.ok) return read;
  const settings = settingsSchema.safeParse(read.value);
  const rows = (settings.success ? settings.data?.questions : undefined) ?? [];
  const worded = rows.flatMap((raw) => {
    const question = questionSchema.safeParse(raw);
    return question.success ? [wordingOf(question.data)] : [];
  });
  // First match wins, explicit delivery wording before neutral wording; pickup questions never match.
  const ranked = [
    ...worded.filter((row) => !row.pickup && row.delivery),
    ...worded.filter((row) => !row.pickup && !row.delivery),
  ];
  const ids: { -readonly [K in MachShipQuestion]?: number } = {};
  for (const row of ranked) {
    for (const option of MACHSHIP_QUESTIONS) {
      if (ids[option] === undefined && WORDING[option].test(row.text)) ids[option] = row.id;
    }
  }
  return { ok: true, value: ids };
}

function wordingOf(question: z.infer<typeof questionSchema>) {
  const text = [question.question, question.abbreviation].filter(Boolean).join(' | ');
  const group = [question.questionGroup?.name, question.questionGroup?.heading].filter(Boolean).join(' | ');
  return {
    id: question.id,
    text,
    pickup: PICKUP.test(text) || (PICKUP.test(group) && !DELIVERY.test(text)),
    delivery: DELIVERY.test(text) || DELIVERY.test(group),
  };
}

/** The ids of the questions whose answer is true for these delivery options, in a fixed order. */
export function answeredQuestionIds(ids: QuestionIds, delivery: DeliveryOptions): number[] {
  return neededQuestions(delivery).flatMap((option) => {
    const id = ids[option];
    return id !== undefined ? [id] : [];
  });
}
