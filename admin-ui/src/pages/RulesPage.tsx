/**
 * The merchant's rules, every field of GET/PUT /rules, with a live preview: a sample cart quoted with the
 * unsaved rules (POST /quotes/test with `settings`, not logged) a moment after each change.
 */
import type {
  PackagingProfile,
  QuoteSettings,
  Rounding,
  Strategy,
  TestQuoteResult,
} from '../../../core/wire/admin-api-types';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { fieldErrors } from '../api/api-error';
import { useAction, useResource } from '../api/use-resource';
import { useAdmin } from '../app/AdminContext';
import { AdminPage } from '../components/AdminPage';
import { ErrorBanner } from '../components/ErrorBanner';
import { QuoteSummary, RatesTable } from '../components/QuoteResult';
import { ResourceView } from '../components/ResourceView';
import { cartToRequest, initialCart, SampleCart, type CartState } from '../components/SampleCart';
import { Banner } from '../ui/Banner';
import { Button } from '../ui/Button';
import { Card } from '../ui/Card';
import { Checkbox } from '../ui/Checkbox';
import { Columns } from '../ui/Columns';
import { List } from '../ui/List';
import { Row, Stack } from '../ui/Stack';
import { Select } from '../ui/Select';
import { Heading, Text } from '../ui/Text';
import { TextField } from '../ui/TextField';
import { fromForm, toForm, type RulesForm } from './rules-form';

const PREVIEW_DELAY_MS = 600;

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
  const { api } = useAdmin();
  const [form, setForm] = useState<RulesForm>(() => toForm(initial));
  const [saved, setSaved] = useState(false);
  const save = useAction(api.rules.put);
  const converted = useMemo(() => fromForm(form), [form]);
  const [showErrors, setShowErrors] = useState(false);
  const clientErrors = converted.ok || !showErrors ? {} : converted.errors;
  const errors = { ...fieldErrors(save.error), ...clientErrors };
  const set = <K extends keyof RulesForm>(key: K, value: RulesForm[K]) => {
    setSaved(false);
    setForm((current) => ({ ...current, [key]: value }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setShowErrors(true);
    if (!converted.ok) return;
    const result = await save.run(converted.rules);
    if (result) {
      setSaved(true);
      onSaved(result);
    }
  };

  const strategyOptions: { label: string; value: Strategy }[] = [
    { label: 'One rate per service every warehouse offers', value: 'common_services' },
    { label: 'One rate: the cheapest option of each warehouse', value: 'cheapest' },
    { label: 'One rate: the fastest option of each warehouse', value: 'fastest' },
  ];
  const roundingOptions: { label: string; value: Rounding }[] = [
    { label: 'No rounding', value: 'none' },
    { label: 'Up to the next dollar', value: 'up_to_dollar' },
    { label: 'Up to .95', value: 'to_95' },
    { label: 'Up to .99', value: 'to_99' },
  ];

  const main = (
    <form onSubmit={(event) => void submit(event)} aria-label="Rules" noValidate>
      <Stack gap="400">
        <ErrorBanner error={save.error} />
        {showErrors && !converted.ok ? (
          <Banner tone="critical" title="Some fields need attention">
            Fix the fields marked below, then save.
          </Banner>
        ) : null}
        <Card title="Carts from several warehouses">
          <Select
            label="How warehouse quotes combine"
            options={strategyOptions}
            value={form.strategy}
            onChange={(v) => set('strategy', v as Strategy)}
            helpText="Rules apply in this order: markup (percent, then flat), handling fee, free shipping, rounding, names, sort by price, at most N rates, handling days."
          />
          {form.strategy === 'common_services' ? (
            <Checkbox
              label="When no service is common to every warehouse, offer the cheapest combination"
              checked={form.cheapestWhenNoCommonService}
              onChange={(v) => set('cheapestWhenNoCommonService', v)}
            />
          ) : null}
          <Row gap="300" blockAlign="start">
            <TextField
              label="Name of the cheapest rate"
              value={form.cheapestName}
              onChange={(v) => set('cheapestName', v)}
              error={errors.cheapestName}
            />
            <TextField
              label="Name of the fastest rate"
              value={form.fastestName}
              onChange={(v) => set('fastestName', v)}
              error={errors.fastestName}
            />
          </Row>
        </Card>
        <Card title="Price adjustments">
          <Row gap="300" blockAlign="start">
            <TextField
              label="Markup"
              suffix="%"
              value={form.markupPercent}
              onChange={(v) => set('markupPercent', v)}
              inputMode="decimal"
              error={errors.markupPercent}
              helpText="Negative for a discount."
            />
            <TextField
              label="Flat markup"
              prefix="$"
              value={form.markupFlat}
              onChange={(v) => set('markupFlat', v)}
              inputMode="decimal"
              error={errors.markupFlatCents}
            />
            <TextField
              label="Handling fee"
              prefix="$"
              value={form.handlingFee}
              onChange={(v) => set('handlingFee', v)}
              inputMode="decimal"
              error={errors.handlingFeeCents}
            />
          </Row>
          <Select
            label="Rounding"
            options={roundingOptions}
            value={form.rounding}
            onChange={(v) => set('rounding', v as Rounding)}
          />
        </Card>
        <Card title="Free shipping">
          <Checkbox
            label="Offer free shipping above an order value"
            checked={form.freeShippingOn}
            onChange={(v) => set('freeShippingOn', v)}
          />
          {form.freeShippingOn ? (
            <Row gap="300" blockAlign="start">
              <TextField
                label="Order value threshold"
                prefix="$"
                value={form.freeThreshold}
                onChange={(v) => set('freeThreshold', v)}
                inputMode="decimal"
                error={errors['freeShipping.thresholdCents'] ?? errors.freeShipping}
              />
              <TextField
                label="Applies to"
                value={form.freeAppliesTo}
                onChange={(v) => set('freeAppliesTo', v)}
                helpText="“cheapest”, or the code of one service."
                error={errors['freeShipping.appliesTo']}
              />
            </Row>
          ) : null}
        </Card>
        <Card title="Names and visibility">
          <Stack gap="300">
            <Heading level={3}>Rename services</Heading>
            {form.rename.length === 0 ? (
              <Text tone="subdued">Services keep the names the platforms give them.</Text>
            ) : null}
            {form.rename.map((row, index) => (
              <Row key={index} gap="200" blockAlign="end">
                <TextField
                  label={`Service code ${index + 1}`}
                  value={row.code}
                  onChange={(v) =>
                    set(
                      'rename',
                      form.rename.map((r, i) => (i === index ? { ...r, code: v } : r)),
                    )
                  }
                  error={errors[`rename.${index}.code`]}
                />
                <TextField
                  label={`Name shown ${index + 1}`}
                  value={row.name}
                  onChange={(v) =>
                    set(
                      'rename',
                      form.rename.map((r, i) => (i === index ? { ...r, name: v } : r)),
                    )
                  }
                  error={errors[`rename.${index}.name`]}
                />
                <Button
                  plain
                  critical
                  onClick={() =>
                    set(
                      'rename',
                      form.rename.filter((_, i) => i !== index),
                    )
                  }
                >
                  {`Remove rename ${index + 1}`}
                </Button>
              </Row>
            ))}
            <div>
              <Button onClick={() => set('rename', [...form.rename, { code: '', name: '' }])}>
                Rename a service
              </Button>
            </div>
            <TextField
              label="Hide carriers"
              value={form.hideCarriers}
              onChange={(v) => set('hideCarriers', v)}
              helpText="Carrier names or ids, separated by commas."
              error={errors.hideCarriers}
            />
            <TextField
              label="Hide services"
              value={form.hideServices}
              onChange={(v) => set('hideServices', v)}
              helpText="Service codes, separated by commas (the rate log shows each rate's code)."
              error={errors.hideServices}
            />
            <Row gap="300" blockAlign="start">
              <TextField
                label="At most this many rates"
                value={form.maxRates}
                onChange={(v) => set('maxRates', v)}
                inputMode="numeric"
                error={errors.maxRates}
              />
              <TextField
                label="Extra handling days"
                value={form.extraHandlingDays}
                onChange={(v) => set('extraHandlingDays', v)}
                inputMode="numeric"
                error={errors.extraHandlingDays}
                helpText="Added to every delivery estimate."
              />
            </Row>
          </Stack>
        </Card>
        <Card title="How your buyers take delivery">
          <Stack gap="300">
            <Text>
              Checkout does not ask these yet, so every quote assumes them. Big Post prices each one.
            </Text>
            <Checkbox
              label="Buyers are businesses (business delivery instead of home delivery)"
              checked={form.deliveryDefaults.isBusiness}
              onChange={(v) => set('deliveryDefaults', { ...form.deliveryDefaults, isBusiness: v })}
            />
            <Checkbox
              label="Buyers have a forklift to unload heavy goods"
              checked={form.deliveryDefaults.hasForklift}
              onChange={(v) => set('deliveryDefaults', { ...form.deliveryDefaults, hasForklift: v })}
            />
            <Checkbox
              label="Buyers allow goods to be left in a safe place (authority to leave)"
              checked={form.deliveryDefaults.authorityToLeave}
              onChange={(v) => set('deliveryDefaults', { ...form.deliveryDefaults, authorityToLeave: v })}
            />
          </Stack>
        </Card>
        <Card title="Fallback rates">
          <Stack gap="300">
            <Text>
              What checkout shows when quoting fails (a platform down or slow, a revoked token). With none,
              checkout shows no RateBridge rate at all then.
            </Text>
            {form.fallbackRates.map((row, index) => {
              const n = index + 1;
              const update = (change: Partial<typeof row>) =>
                set(
                  'fallbackRates',
                  form.fallbackRates.map((r, i) => (i === index ? { ...r, ...change } : r)),
                );
              const err = (field: string) => errors[`fallbackRates.${index}.${field}`];
              return (
                <fieldset key={index} className="rb-fieldset" aria-label={`Fallback rate ${n}`}>
                  <Row gap="200" blockAlign="end">
                    <TextField
                      label={`Fallback ${n} name`}
                      value={row.name}
                      onChange={(v) => update({ name: v })}
                      error={err('name')}
                    />
                    <TextField
                      label={`Fallback ${n} code`}
                      value={row.code}
                      onChange={(v) => update({ code: v })}
                      error={err('code')}
                    />
                    <TextField
                      label={`Fallback ${n} price`}
                      prefix="$"
                      value={row.price}
                      onChange={(v) => update({ price: v })}
                      inputMode="decimal"
                      error={err('priceCents')}
                    />
                    <TextField
                      label={`Fallback ${n} min days`}
                      value={row.minDays}
                      onChange={(v) => update({ minDays: v })}
                      inputMode="numeric"
                      error={err('minDays')}
                    />
                    <TextField
                      label={`Fallback ${n} max days`}
                      value={row.maxDays}
                      onChange={(v) => update({ maxDays: v })}
                      inputMode="numeric"
                      error={err('maxDays')}
                    />
                    <Button
                      plain
                      critical
                      onClick={() =>
                        set(
                          'fallbackRates',
                          form.fallbackRates.filter((_, i) => i !== index),
                        )
                      }
                    >
                      {`Remove fallback ${n}`}
                    </Button>
                  </Row>
                </fieldset>
              );
            })}
            {form.fallbackRates.length < 5 ? (
              <div>
                <Button
                  onClick={() =>
                    set('fallbackRates', [
                      ...form.fallbackRates,
                      {
                        code: `fallback-${form.fallbackRates.length + 1}`,
                        name: 'Standard shipping',
                        price: '15.00',
                        minDays: '',
                        maxDays: '',
                      },
                    ])
                  }
                >
                  Add a fallback rate
                </Button>
              </div>
            ) : null}
          </Stack>
        </Card>
        <Row>
          <Button submit primary loading={save.pending}>
            Save rules
          </Button>
          <Button
            onClick={() => {
              setForm(toForm(initial));
              setShowErrors(false);
              save.reset();
            }}
          >
            Discard changes
          </Button>
        </Row>
        {saved ? <Banner tone="success">Rules saved. Checkout uses them from the next quote.</Banner> : null}
      </Stack>
    </form>
  );

  return (
    <Columns
      main={main}
      side={<RulesPreview rules={converted.ok ? converted.rules : undefined} profiles={profiles} />}
    />
  );
}

/** The unsaved rules applied to a sample cart, re-quoted shortly after the rules or the cart change. */
function RulesPreview({
  rules,
  profiles,
}: {
  rules: QuoteSettings | undefined;
  profiles: readonly PackagingProfile[];
}) {
  const { api } = useAdmin();
  // A destination is filled in so the preview shows rates at once; the merchant can change it.
  const [cart, setCart] = useState<CartState>(() =>
    initialCart(profiles, { suburb: 'Melbourne', postcode: '3000', state: 'VIC' }),
  );
  const [quote, setQuote] = useState<TestQuoteResult | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [pending, setPending] = useState(false);
  const request = cartToRequest(cart);
  const key = JSON.stringify([rules, request]);
  const latest = useRef(key);

  useEffect(() => {
    latest.current = key;
    if (!rules || !request.ok) return;
    const timer = window.setTimeout(() => {
      setPending(true);
      api
        .testQuote({
          destination: request.destination,
          lines: request.lines,
          currency: 'AUD',
          settings: rules,
        })
        .then(
          (result) => {
            if (latest.current !== key) return;
            setQuote(result);
            setError(undefined);
          },
          (caught: unknown) => {
            if (latest.current === key) setError(caught);
          },
        )
        .finally(() => {
          if (latest.current === key) setPending(false);
        });
    }, PREVIEW_DELAY_MS);
    return () => window.clearTimeout(timer);
    // `key` captures rules and cart; the objects themselves change identity on every render.
  }, [key]);

  return (
    <section aria-labelledby="preview-heading" aria-busy={pending}>
      <Card title="Live preview" headingId="preview-heading">
        <Stack gap="300">
          <Text tone="subdued">
            A sample cart quoted with the rules as they are on screen, before you save them.
          </Text>
          <SampleCart profiles={profiles} cart={cart} onChange={setCart} />
          {!request.ok ? <Text tone="subdued">{request.missing}</Text> : null}
          {!rules ? <Text tone="subdued">Fix the marked fields to update the preview.</Text> : null}
          {pending ? (
            <Text tone="subdued" as="p">
              Updating…
            </Text>
          ) : null}
          <ErrorBanner error={error} />
          {quote && request.ok ? (
            <div aria-live="polite">
              <Stack gap="300">
                <QuoteSummary
                  source={quote.source}
                  fallbackReason={quote.fallbackReason}
                  durationMs={quote.diagnostics.durationMs}
                />
                <RatesTable rates={quote.rates} />
                {quote.diagnostics.rulesApplied.length > 0 ? (
                  <List items={quote.diagnostics.rulesApplied} />
                ) : null}
              </Stack>
            </div>
          ) : null}
        </Stack>
      </Card>
    </section>
  );
}
