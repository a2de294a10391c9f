/**
 * The delivery options one quote is priced with (#15): for each, the buyer's answer when the merchant
 * asks and the checkout sent one; else derived (business when the address has a company name, a
 * tail-lift when any one package is over the merchant's weight); else the merchant's assumption. An
 * option that is asked but not (yet) answered falls back to its assumption, which is also how Shopify's
 * checkout is priced: its carrier-service callback cannot ask anything. Where each came from goes into the
 * rate log, so the merchant sees why a home price or a business price was shown.
 */
import type { DeliveryOptions, PackageLine } from '../platforms/freight-platform.js';
import type {
  DeliveryAnswers,
  DeliveryOptionsSettings,
  DeliveryOrigin,
  DeliveryQuestion,
  ResolvedDelivery,
} from '../wire/admin-api-types.js';

export interface DeliveryFacts {
  /** What the checkout asked the buyer (quote request `delivery`). */
  readonly answers: DeliveryAnswers | undefined;
  /** The packages of one group (one consignment), as packed: boxes and pallets, not the units inside. */
  readonly packages: readonly Pick<PackageLine, 'weightKg'>[];
  /** The address's company name, only read here. */
  readonly company: string | undefined;
}

interface Known {
  readonly value: boolean;
  readonly from: DeliveryOrigin;
}

export interface Resolution {
  /** What the adapters receive. */
  readonly options: DeliveryOptions;
  /** The same, as the rate log keeps it. */
  readonly logged: ResolvedDelivery;
}

export function resolveDeliveryOptions(settings: DeliveryOptionsSettings, facts: DeliveryFacts): Resolution {
  const derived = {
    isBusiness: (facts.company?.trim() ?? '') !== '',
    tailLift: facts.packages.some((line) => line.weightKg > settings.tailLift.overKg),
  };
  const rules = {
    isBusiness: { ...settings.isBusiness, derived: settings.isBusiness.how === 'company_name' },
    tailLift: { ...settings.tailLift, derived: settings.tailLift.how === 'over_weight' },
    authorityToLeave: { ...settings.authorityToLeave, derived: false },
    handUnload: { ...settings.handUnload, derived: false },
  };
  const known = (question: DeliveryQuestion): Known => {
    const rule = rules[question];
    const answer = facts.answers?.[question];
    if (rule.how === 'ask' && answer !== undefined) return { value: answer, from: 'asked' };
    if (rule.derived && (question === 'isBusiness' || question === 'tailLift')) {
      return { value: derived[question], from: 'derived' };
    }
    return { value: rule.assume, from: 'assumed' };
  };
  const isBusiness = known('isBusiness');
  const tailLift = known('tailLift');
  const authorityToLeave = known('authorityToLeave');
  const handUnload = known('handUnload');
  const depot = depotRefs(facts.answers?.depot);
  const options: DeliveryOptions = {
    isBusiness: isBusiness.value,
    tailLift: tailLift.value,
    authorityToLeave: authorityToLeave.value,
    handUnload: handUnload.value,
    ...(depot ? { depot } : {}),
  };
  const logged: ResolvedDelivery = {
    isBusiness: isBusiness.value,
    tailLift: tailLift.value,
    authorityToLeave: authorityToLeave.value,
    handUnload: handUnload.value,
    ...(facts.answers?.depot ? { depot: facts.answers.depot } : {}),
    from: {
      isBusiness: isBusiness.from,
      tailLift: tailLift.from,
      authorityToLeave: authorityToLeave.from,
      handUnload: handUnload.from,
    },
  };
  return { options, logged };
}

/** `bigpost:4021` -> `{ bigpost: '4021' }`: the platform's own reference, opaque to the core. */
function depotRefs(depot: string | undefined): DeliveryOptions['depot'] {
  if (!depot) return undefined;
  const split = depot.indexOf(':');
  return split > 0 ? { [depot.slice(0, split)]: depot.slice(split + 1) } : undefined;
}
