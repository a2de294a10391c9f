/**
 * The onboarding steps and where a merchant is in them, derived from server state (so the wizard resumes
 * where they left off, in any browser) plus two facts the server does not hold as such.
 */
export const STEPS = [
  { id: 'connect', title: 'Connect your freight platform', short: 'Connect' },
  { id: 'locations', title: 'Add your pickup locations', short: 'Pickup locations' },
  { id: 'packaging', title: 'Describe your packaging', short: 'Packaging' },
  { id: 'test-quote', title: 'Try a test quote', short: 'Test quote' },
  { id: 'go-live', title: 'Go live at checkout', short: 'Go live' },
] as const;

export type StepId = (typeof STEPS)[number]['id'];

export interface OnboardingFacts {
  readonly hasConnection: boolean;
  readonly hasLocation: boolean;
  /** A default box, or at least one packaging profile. */
  readonly hasPackaging: boolean;
  /** A live test quote in the rate log, or one remembered in this browser. */
  readonly testQuoteDone: boolean;
  /** A connector key (WooCommerce) or the carrier service (Shopify), or remembered in this browser. */
  readonly live: boolean;
}

const DONE: Readonly<Record<StepId, (facts: OnboardingFacts) => boolean>> = {
  connect: (f) => f.hasConnection,
  locations: (f) => f.hasLocation,
  packaging: (f) => f.hasPackaging,
  'test-quote': (f) => f.testQuoteDone,
  'go-live': (f) => f.live,
};

export function isStepDone(step: StepId, facts: OnboardingFacts): boolean {
  return DONE[step](facts);
}

/** The first step not done yet, or 'done' when every step is. */
export function firstOpenStep(facts: OnboardingFacts): StepId | 'done' {
  return STEPS.find((step) => !DONE[step.id](facts))?.id ?? 'done';
}

/** Steps up to the first open one can be visited; later ones need the earlier ones first. */
export function canVisit(step: StepId, facts: OnboardingFacts): boolean {
  const open = firstOpenStep(facts);
  if (open === 'done') return true;
  return stepIndex(step) <= stepIndex(open);
}

export function stepIndex(step: StepId): number {
  return STEPS.findIndex((s) => s.id === step);
}

export function nextStep(step: StepId): StepId | undefined {
  return STEPS[stepIndex(step) + 1]?.id;
}

export function isStepId(value: string | null): value is StepId {
  return STEPS.some((step) => step.id === value);
}
