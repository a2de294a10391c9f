/**
 * The merchant's rules, every field of GET/PUT /rules, with a live preview: a sample cart quoted with the
 * unsaved rules (POST /quotes/test with `settings`, not logged) a moment after each change. A viewer sees
 * the rules read-only (PUT /rules needs an admin) and still quotes the sample cart (POST /quotes/test
 * needs only a viewer), under the rules as saved.
 */
import type { PackagingProfile, QuoteSettings } from '../../../core/wire/admin-api-types';
import { useResource } from '../api/use-resource';
import { useAdmin } from '../app/AdminContext';
import { AdminPage } from '../components/AdminPage';
import { ErrorBanner } from '../components/ErrorBanner';
import { ResourceView } from '../components/ResourceView';
import { Banner } from '../ui/Banner';
import { Button } from '../ui/Button';
import { Columns } from '../ui/Columns';
import { EditOnly, ReadOnly } from '../ui/ReadOnly';
import { Row, Stack } from '../ui/Stack';
import { AdjustmentsSection } from './rules/AdjustmentsSection';
import { CombineSection } from './rules/CombineSection';
import { DeliverySection } from './rules/DeliverySection';
import { FallbackSection } from './rules/FallbackSection';
import { FreeShippingSection } from './rules/FreeShippingSection';
import { NamesSection } from './rules/NamesSection';
import { PricesSection } from './rules/PricesSection';
import { RulesPreview } from './rules/RulesPreview';
import type { SectionProps } from './rules/section-props';
import { useRulesForm } from './rules/use-rules-form';

export function RulesPage() {
  const { api } = useAdmin();
  const data = useResource(async () => {
    const [rules, profiles] = await Promise.all([api.rules.get(), api.packaging.list(0, 200)]);
    return { rules, profiles: profiles.profiles };
  }, [api]);
  return (
    <AdminPage title="Rules" subtitle="How platform prices become the rates checkout shows">
      <ResourceView resource={data} label="your rules">
        {({ rules, profiles }) => (
          <RulesEditor
            initial={rules}
            profiles={profiles}
            onSaved={(saved) => data.setData((d) => ({ profiles, ...d, rules: saved }))}
          />
        )}
      </ResourceView>
    </AdminPage>
  );
}

function RulesEditor({
  initial,
  profiles,
  onSaved,
}: {
  initial: QuoteSettings;
  profiles: readonly PackagingProfile[];
  onSaved: (rules: QuoteSettings) => void;
}) {
  const { form, set, errors, converted, showErrors, save, saved, submit, discard } = useRulesForm(
    initial,
    onSaved,
  );
  const section: SectionProps = { form, set, errors };
  const { can } = useAdmin();

  const main = (
    <form onSubmit={(event) => void submit(event)} aria-label="Rules" noValidate>
      <ReadOnly when={!can('admin')}>
        <Stack gap="400">
          <ErrorBanner error={save.error} />
          {showErrors && !converted.ok ? (
            <Banner tone="critical" title="Some fields need attention">
              Fix the fields marked below, then save.
            </Banner>
          ) : null}
          <CombineSection {...section} />
          <AdjustmentsSection {...section} />
          <FreeShippingSection {...section} />
          <PricesSection {...section} />
          <NamesSection {...section} />
          <DeliverySection {...section} />
          <FallbackSection {...section} />
          <EditOnly>
            <Row>
              <Button submit primary loading={save.pending}>
                Save rules
              </Button>
              <Button onClick={discard}>Discard changes</Button>
            </Row>
          </EditOnly>
          {saved ? (
            <Banner tone="success">Rules saved. Checkout uses them from the next quote.</Banner>
          ) : null}
        </Stack>
      </ReadOnly>
    </form>
  );

  return (
    <Columns
      main={main}
      side={<RulesPreview rules={converted.ok ? converted.rules : undefined} profiles={profiles} />}
    />
  );
}
