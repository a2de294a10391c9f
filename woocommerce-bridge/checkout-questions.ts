/**
 * The delivery questions a WooCommerce checkout may ask (#15), in the plugin's terms: each of core's
 * DELIVERY_QUESTIONS has a field name on the wire (snake case, as PHP arrays are keyed) and a label the
 * checkout shows. The merchant's `deliveryOptions` settings decide which are asked (`how: 'ask'`); the
 * pre-filled answer is the setting's `assume`.
 *
 * The plugin learns them with a signed POST /woocommerce/checkout-questions (public-router.ts) and keeps the
 * answer in a transient for `ttl_seconds`; it sends the answers back in the rates request's `delivery`
 * object (rates-request.ts). Only the asked ones are forwarded to core: an answer to a question the
 * merchant assumes or derives (stale fields, a forged body) must not override the merchant's setting.
 * The chosen depot is not a question but the shopper's pick of a depot rate: it is forwarded whenever
 * the merchant offers depot collection (a choice kept in the session after the merchant stopped offering
 * depots prices nothing).
 */
import type { QuoteRequest, QuoteSettings } from '../core/wire/admin-api-types.js';
import { DELIVERY_QUESTIONS } from '../core/wire/quoting-schema.js';

type DeliveryQuestion = (typeof DELIVERY_QUESTIONS)[number];
type DeliveryAnswers = NonNullable<QuoteRequest['delivery']>;

/** How long the plugin may keep the questions: a merchant's change reaches checkouts within this. */
export const CHECKOUT_QUESTIONS_TTL_SECONDS = 300;

/** The plugin's field name for each question (the key in the rates request's `delivery`). */
export const PLUGIN_FIELD: Readonly<Record<DeliveryQuestion, string>> = {
  isBusiness: 'is_business',
  tailLift: 'tail_lift',
  authorityToLeave: 'authority_to_leave',
  handUnload: 'hand_unload',
};

/** What the checkout shows beside each checkbox: a buyer's words, not the freight industry's. */
const LABELS: Readonly<Record<DeliveryQuestion, string>> = {
  isBusiness: 'This is a business address',
  tailLift: 'I need a tail-lift truck (no forklift or loading dock to unload)',
  authorityToLeave: 'Leave the delivery without a signature (authority to leave)',
  handUnload: 'The goods must be carried in by hand',
};

export interface CheckoutQuestion {
  /** The plugin's field name, e.g. "is_business". */
  readonly key: string;
  readonly label: string;
  /** The pre-filled answer (the merchant's assumption). */
  readonly default: boolean;
}

export interface CheckoutQuestionsAnswer {
  readonly questions: CheckoutQuestion[];
  readonly ttl_seconds: number;
}

/** The questions the merchant wants the checkout to ask, in DELIVERY_QUESTIONS order. */
export function checkoutQuestions(settings: QuoteSettings): CheckoutQuestionsAnswer {
  const options = settings.deliveryOptions;
  const questions = DELIVERY_QUESTIONS.filter((question) => options[question].how === 'ask').map(
    (question) => ({
      key: PLUGIN_FIELD[question],
      label: LABELS[question],
      default: options[question].assume,
    }),
  );
  return { questions, ttl_seconds: CHECKOUT_QUESTIONS_TTL_SECONDS };
}

/**
 * The answers to the questions the merchant asks, and the chosen depot when depots are offered; undefined
 * when none is left.
 */
export function onlyAsked(
  answers: DeliveryAnswers | undefined,
  settings: QuoteSettings,
): DeliveryAnswers | undefined {
  if (answers === undefined) return undefined;
  const kept: { -readonly [K in keyof DeliveryAnswers]: DeliveryAnswers[K] } = {};
  for (const question of DELIVERY_QUESTIONS) {
    const answer = answers[question];
    if (answer !== undefined && settings.deliveryOptions[question].how === 'ask') kept[question] = answer;
  }
  if (answers.depot !== undefined && settings.deliveryOptions.depotCollection.offer) {
    kept.depot = answers.depot;
  }
  return Object.keys(kept).length === 0 ? undefined : kept;
}
