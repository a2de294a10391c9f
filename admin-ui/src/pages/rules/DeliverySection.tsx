/**
 * How each delivery option of a quote is known (#15): asked at checkout (WooCommerce), assumed, or derived
 * from the address or the cart; the tail-lift weight; depot collection. Shopify checkouts cannot ask, so
 * the page says plainly that they use the assumptions.
 */
import type { SectionProps } from './section-props';
import type { DeliveryOptionsSettings, DeliveryQuestion } from '../../../../core/wire/admin-api-types';
import { Banner } from '../../ui/Banner';
import { Card } from '../../ui/Card';
import { Checkbox } from '../../ui/Checkbox';
import { Row, Stack } from '../../ui/Stack';
import { Select, type SelectOption } from '../../ui/Select';
import { Text } from '../../ui/Text';
import { TextField } from '../../ui/TextField';

type Options = DeliveryOptionsSettings;

const ASK: SelectOption = { label: 'Ask at checkout (WooCommerce)', value: 'ask' };
const ASSUME: SelectOption = { label: 'Assume for every order', value: 'assume' };

const QUESTIONS: readonly {
  key: DeliveryQuestion;
  label: string;
  assumeLabel: string;
  derive?: SelectOption;
}[] = [
  {
    key: 'isBusiness',
    label: 'Business or home address',
    assumeLabel: 'Assume a business address (otherwise a home)',
    derive: { label: 'Business when the address has a company name', value: 'company_name' },
  },
  {
    key: 'tailLift',
    label: 'Tail-lift truck',
    assumeLabel: 'Assume a tail-lift is needed',
    derive: { label: 'Needed when any package is over a weight', value: 'over_weight' },
  },
  {
    key: 'authorityToLeave',
    label: 'Authority to leave (no signature)',
    assumeLabel: 'Assume goods may be left without a signature',
  },
  { key: 'handUnload', label: 'Hand unload', assumeLabel: 'Assume goods are carried in by hand' },
];

export function DeliverySection({ form, set, errors }: SectionProps) {
  const options = form.deliveryOptions;
  const update = (next: Partial<Options>) => set('deliveryOptions', { ...options, ...next });
  return (
    <Card title="How your buyers take delivery">
      <Stack gap="300">
        <Text>
          Each of these changes the freight price. MachShip and Big Post price them, and the sandbox adds a
          surcharge for each so you can see the difference in the test quote.
        </Text>
        <Banner tone="info" title="Shopify checkouts cannot ask">
          Shopify does not let a shipping app ask the buyer anything at checkout, so Shopify orders always use
          your assumptions below, and “company name” only when Shopify sends one with the address. WooCommerce
          checkouts ask what you set to “Ask”.
        </Banner>
        {QUESTIONS.map((question) => (
          <QuestionRow key={question.key} question={question} options={options} update={update} />
        ))}
        {options.tailLift.how === 'over_weight' ? (
          <TextField
            label="Tail-lift when any one package weighs more than"
            suffix="kg"
            inputMode="decimal"
            value={form.tailLiftOverKg}
            onChange={(v) => set('tailLiftOverKg', v)}
            error={errors['deliveryOptions.tailLift.overKg']}
          />
        ) : null}
        <Checkbox
          label="Offer collection from the nearest depots (Big Post)"
          checked={options.depotCollection.offer}
          onChange={(v) => update({ depotCollection: { ...options.depotCollection, offer: v } })}
          helpText="Each depot is a rate of its own: “Collect from <depot>, <suburb>”. Each depot costs one more Big Post call per checkout quote, against your Big Post budget of 60 calls a minute and 2,000 a day."
        />
        {options.depotCollection.offer ? (
          <TextField
            label="At most this many depots"
            inputMode="numeric"
            value={form.maxDepots}
            onChange={(v) => set('maxDepots', v)}
            error={errors['deliveryOptions.depotCollection.maxDepots']}
            helpText="From 1 to 5, nearest to the buyer first. Each one is a Big Post call of its own (60 a minute, 2,000 a day), so fewer depots leave more of the budget for checkouts."
          />
        ) : null}
      </Stack>
    </Card>
  );
}

function QuestionRow({
  question,
  options,
  update,
}: {
  question: (typeof QUESTIONS)[number];
  options: Options;
  update: (next: Partial<Options>) => void;
}) {
  const current = options[question.key];
  const choices = [question.derive, ASK, ASSUME].filter((o): o is SelectOption => o !== undefined);
  const change = (next: Partial<{ how: string; assume: boolean }>) =>
    update({ [question.key]: { ...current, ...next } } as Partial<Options>);
  return (
    <Row gap="300" blockAlign="center">
      <Select
        label={question.label}
        options={choices}
        value={current.how}
        onChange={(how) => change({ how })}
      />
      {current.how === 'ask' || current.how === 'assume' ? (
        <Checkbox
          label={
            current.how === 'ask' ? `${question.assumeLabel} until the buyer answers` : question.assumeLabel
          }
          checked={current.assume}
          onChange={(assume) => change({ assume })}
        />
      ) : null}
    </Row>
  );
}
