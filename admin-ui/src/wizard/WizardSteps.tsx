import { Link } from '../ui/Link';
import { VisuallyHidden } from '../ui/Text';
import { canVisit, isStepDone, STEPS, type OnboardingFacts, type StepId } from './onboarding';

/** Where the merchant is: every step, done ones ticked, earlier ones reachable by link. */
export function WizardSteps({ current, facts }: { current: StepId; facts: OnboardingFacts }) {
  return (
    <nav aria-label="Setup steps">
      <ol className="rb-steps">
        {STEPS.map((step, index) => {
          const done = isStepDone(step.id, facts);
          const here = step.id === current;
          return (
            <li
              key={step.id}
              aria-current={here ? 'step' : undefined}
              className={done ? 'rb-step-done' : undefined}
            >
              <span className="rb-step-number" aria-hidden="true">
                {done ? '✓' : index + 1}
              </span>
              {!here && canVisit(step.id, facts) ? (
                <Link url={`/setup?step=${step.id}`}>{step.short}</Link>
              ) : (
                <span>{step.short}</span>
              )}
              <VisuallyHidden>{done ? ' (done)' : here ? ' (current step)' : ''}</VisuallyHidden>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
