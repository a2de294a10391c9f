/**
 * Onboarding in five screens, one per step. The step comes from the URL when the merchant picked one,
 * otherwise from server state: the first step not done yet, so it resumes where they left off.
 */
import { useAdmin } from '../app/AdminContext';
import { useRouter } from '../app/router';
import { AdminPage } from '../components/AdminPage';
import { ResourceView } from '../components/ResourceView';
import { Stack } from '../ui/Stack';
import { ConnectStep } from './ConnectStep';
import { GoLiveStep } from './GoLiveStep';
import { LocationsStep } from './LocationsStep';
import { canVisit, firstOpenStep, isStepId, nextStep, STEPS, stepIndex, type StepId } from './onboarding';
import { PackagingStep } from './PackagingStep';
import { TestQuoteStep } from './TestQuoteStep';
import type { Resource } from '../api/use-resource';
import type { OnboardingFacts } from './onboarding';
import { WizardSteps } from './WizardSteps';

/** `facts` comes from the caller, which often loaded it already to decide to show the wizard at all. */
export function Wizard({ facts }: { facts: Resource<OnboardingFacts> }) {
  const { route, navigate } = useRouter();
  const { connections } = useAdmin();

  return (
    <ResourceView resource={facts} label="your setup">
      {(current) => {
        const open = firstOpenStep(current);
        const requested = route.params.get('step');
        const step: StepId =
          isStepId(requested) && canVisit(requested, current)
            ? requested
            : open === 'done'
              ? 'go-live'
              : open;
        const index = stepIndex(step);
        const title = STEPS[index]?.title ?? '';
        const advance = async () => {
          await Promise.all([facts.reload(), connections.reload()]);
          const next = nextStep(step);
          navigate(next ? `/setup?step=${next}` : '/settings/connections');
        };
        return (
          <AdminPage title={title} subtitle={`Step ${index + 1} of ${STEPS.length}`}>
            <Stack gap="500">
              <WizardSteps current={step} facts={current} />
              {step === 'connect' ? <ConnectStep key={step} onDone={() => void advance()} /> : null}
              {step === 'locations' ? <LocationsStep key={step} onDone={() => void advance()} /> : null}
              {step === 'packaging' ? <PackagingStep key={step} onDone={() => void advance()} /> : null}
              {step === 'test-quote' ? <TestQuoteStep key={step} onDone={() => void advance()} /> : null}
              {step === 'go-live' ? (
                <GoLiveStep
                  key={step}
                  onFinished={() =>
                    void facts.reload().then(() => navigate('/settings/connections?welcome=1'))
                  }
                />
              ) : null}
            </Stack>
          </AdminPage>
        );
      }}
    </ResourceView>
  );
}
