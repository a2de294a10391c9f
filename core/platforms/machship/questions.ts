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

/** How each question is worded on MachShip accounts ("Residential Delivery", "Tail Lift Required", "ATL"). */
const WORDING: Readonly<Record<MachShipQuestion, RegExp>> = {
  residential: /\bresidential\b/i,
  tailLift: /\btail[\s-]?(lift|gate)\b/i,
  authorityToLeave: /\bauthority\s+to\s+leave\b|^\s*atl\s*$/i,
  handUnload: /\bhand[\s-]?(unload|unloading)\b/i,
};

const questionSchema = z.looseObject({
  id: z.number().int(),
  question: z.string().nullish(),
  abbreviation: z.string().nullish(),
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
  const ids: { -readonly [K in MachShipQuestion]?: number } = {};
  for (const raw of (settings.success ? settings.data?.questions : undefined) ?? []) {
    const question = questionSchema.safeParse(raw);
    if (!question.success) continue;
    const text = [question.data.question, question.data.abbreviation].filter(Boolean).join(' | ');
    for (const option of MACHSHIP_QUESTIONS) {
      if (ids[option] === undefined && WORDING[option].test(text)) ids[option] = question.data.id;
    }
  }
  return { ok: true, value: ids };
}

/** The ids of the questions whose answer is true for these delivery options, in a fixed order. */
export function answeredQuestionIds(ids: QuestionIds, delivery: DeliveryOptions): number[] {
  const answers: Record<MachShipQuestion, boolean> = {
    residential: !delivery.isBusiness,
    tailLift: delivery.tailLift,
    authorityToLeave: delivery.authorityToLeave,
    handUnload: delivery.handUnload,
  };
  return MACHSHIP_QUESTIONS.flatMap((option) => {
    const id = ids[option];
    return answers[option] && id !== undefined ? [id] : [];
  });
}
