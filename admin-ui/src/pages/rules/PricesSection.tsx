/** GST display and the destination rules (postcode ranges and zones), first match wins. */
import { MAX_POSTCODE_RULES, type GstDisplay } from '../../../../core/wire/vocabulary';
import type { SectionProps } from './section-props';
import { NEW_POSTCODE_RULE, type ActionKind, type PostcodeRuleRow } from './postcode-rules-form';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { Select } from '../../ui/Select';
import { Row, Stack } from '../../ui/Stack';
import { Text } from '../../ui/Text';
import { TextField } from '../../ui/TextField';
import { EditOnly } from '../../ui/ReadOnly';

const gstOptions: { label: string; value: GstDisplay }[] = [
  { label: 'Including GST', value: 'inclusive' },
  { label: 'Excluding GST (the shop adds tax)', value: 'exclusive' },
];

const actionOptions: { label: string; value: ActionKind }[] = [
  { label: 'Add a surcharge ($)', value: 'surcharge' },
  { label: 'Add a surcharge (%)', value: 'surcharge_percent' },
  { label: 'Fixed price', value: 'fixed' },
  { label: 'Free', value: 'free' },
  { label: 'Hide the rate', value: 'hide' },
];

export function PricesSection({ form, set, errors }: SectionProps) {
  const rows = form.postcodeRules;
  return (
    <Card title="GST and destination rules">
      <Stack gap="300">
        <Select
          label="Show shipping prices"
          options={gstOptions}
          value={form.gstDisplay}
          onChange={(v) => set('gstDisplay', v as GstDisplay)}
          helpText="Every amount you enter on this page includes GST. Shopify: choose Excluding only when your shop does not include tax in prices, since Shopify then adds GST to shipping itself. WooCommerce stores that calculate tax get the price before GST and add tax with their shipping tax class either way."
        />
        <Text>
          Destination rules change a rate for a postcode range or a zone. The first rule that matches a rate
          is the one used. Zones follow the ABS Remoteness Areas: metro is a major city; Darwin and Hobart are
          regional.
        </Text>
        {rows.map((_, index) => (
          <PostcodeRuleFields key={index} index={index} {...{ form, set, errors }} />
        ))}
        {errors.postcodeRules && !rows.length ? (
          <Banner tone="critical">{errors.postcodeRules}</Banner>
        ) : null}
        {rows.length < MAX_POSTCODE_RULES ? (
          <EditOnly>
            <div>
              <Button onClick={() => set('postcodeRules', [...rows, { ...NEW_POSTCODE_RULE }])}>
                Add a destination rule
              </Button>
            </div>
          </EditOnly>
        ) : null}
      </Stack>
    </Card>
  );
}

/** One rule: where (range or zone), what (action and amount), which rate, and move/remove buttons. */
function PostcodeRuleFields({ index, form, set, errors }: SectionProps & { index: number }) {
  const row = form.postcodeRules[index];
  if (!row) return null;
  const n = index + 1;
  const rows = form.postcodeRules;
  const update = (change: Partial<PostcodeRuleRow>) =>
    set(
      'postcodeRules',
      rows.map((r, i) => (i === index ? { ...r, ...change } : r)),
    );
  const err = (path: string) => errors[`postcodeRules.${index}.${path}`];
  return (
    <fieldset className="rb-fieldset" aria-label={`Destination rule ${n}`}>
      <Stack gap="200">
        {err('match') ? <Text tone="critical">{err('match')}</Text> : null}
        <Row gap="200" blockAlign="end">
          <WhereFields n={n} row={row} update={update} err={err} />
          <Select
            label={`Rule ${n} action`}
            options={actionOptions}
            value={row.action}
            onChange={(v) => update({ action: v as ActionKind })}
          />
          {row.action === 'fixed' || row.action === 'surcharge' || row.action === 'surcharge_percent' ? (
            <TextField
              label={`Rule ${n} amount`}
              {...(row.action === 'surcharge_percent' ? { suffix: '%' } : { prefix: '$' })}
              value={row.amount}
              onChange={(v) => update({ amount: v })}
              inputMode="decimal"
              error={err('action.amount')}
            />
          ) : null}
          <TextField
            label={`Rule ${n} service code`}
            value={row.service}
            onChange={(v) => update({ service: v })}
            helpText="Empty: every rate."
          />
        </Row>
        <EditOnly>
          <RuleButtons index={index} {...{ form, set, errors }} />
        </EditOnly>
      </Stack>
    </fieldset>
  );
}

/** Order matters (first match wins), so rules move up and down as well as go. */
function RuleButtons({ index, form, set }: SectionProps & { index: number }) {
  const rows = form.postcodeRules;
  const n = index + 1;
  const move = (to: number) => {
    const next = [...rows];
    next.splice(to, 0, ...next.splice(index, 1));
    set('postcodeRules', next);
  };
  return (
    <Row gap="200">
      {index > 0 ? <Button onClick={() => move(index - 1)}>{`Move rule ${n} up`}</Button> : null}
      {index < rows.length - 1 ? (
        <Button onClick={() => move(index + 1)}>{`Move rule ${n} down`}</Button>
      ) : null}
      <Button
        plain
        critical
        onClick={() =>
          set(
            'postcodeRules',
            rows.filter((_, i) => i !== index),
          )
        }
      >
        {`Remove rule ${n}`}
      </Button>
    </Row>
  );
}

function WhereFields({
  n,
  row,
  update,
  err,
}: {
  n: number;
  row: PostcodeRuleRow;
  update: (change: Partial<PostcodeRuleRow>) => void;
  err: (path: string) => string | undefined;
}) {
  return (
    <>
      <Select
        label={`Rule ${n} applies to`}
        options={[
          { label: 'A zone', value: 'zone' },
          { label: 'A postcode range', value: 'range' },
        ]}
        value={row.matchKind}
        onChange={(v) => update({ matchKind: v as PostcodeRuleRow['matchKind'] })}
      />
      {row.matchKind === 'zone' ? (
        <Select
          label={`Rule ${n} zone`}
          options={[
            { label: 'Metro', value: 'metro' },
            { label: 'Regional', value: 'regional' },
            { label: 'Remote', value: 'remote' },
          ]}
          value={row.zone}
          onChange={(v) => update({ zone: v as PostcodeRuleRow['zone'] })}
        />
      ) : (
        <>
          <TextField
            label={`Rule ${n} from postcode`}
            value={row.from}
            onChange={(v) => update({ from: v })}
            inputMode="numeric"
            error={err('match.from')}
          />
          <TextField
            label={`Rule ${n} to postcode`}
            value={row.to}
            onChange={(v) => update({ to: v })}
            inputMode="numeric"
            error={err('match.to')}
          />
        </>
      )}
    </>
  );
}
