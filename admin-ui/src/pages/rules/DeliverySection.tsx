/** What every quote assumes about the buyer (checkout does not ask yet). */
import type { SectionProps } from './section-props';
import { Card } from '../../ui/Card';
import { Checkbox } from '../../ui/Checkbox';
import { Stack } from '../../ui/Stack';
import { Text } from '../../ui/Text';

export function DeliverySection({ form, set }: SectionProps) {
  return (
    <Card title="How your buyers take delivery">
      <Stack gap="300">
        <Text>Checkout does not ask these yet, so every quote assumes them. Big Post prices each one.</Text>
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
  );
}
