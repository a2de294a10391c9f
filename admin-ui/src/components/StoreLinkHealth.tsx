/**
 * The store link's health as the scheduled check last saw it: the REST key, the store's units and each
 * product webhook (disabled or missing ones RateBridge repaired say when), and when it looks again.
 */
import type { StoreConnectionView as WooCommerceStore, StoreLink } from '../../../core/wire/admin-api-types';
import { formatAgo, formatDateTime } from '../format/dates';
import { Badge, type BadgeTone } from '../ui/Badge';
import { DescriptionList } from '../ui/DescriptionList';
import { List } from '../ui/List';
import { Stack } from '../ui/Stack';
import { Text } from '../ui/Text';

const KEY_LABELS: Record<StoreLink['key']['status'], [string, BadgeTone]> = {
  ok: ['Accepted', 'success'],
  rejected: ['Refused by the store', 'critical'],
  forbidden: ['Not allowed', 'critical'],
  unreachable: ['Store not answering', 'warning'],
  unknown: ['Not checked yet', 'info'],
};

const WEBHOOK_LABELS: Record<StoreLink['webhooks'][number]['status'], [string, BadgeTone]> = {
  active: ['Active', 'success'],
  paused: ['Paused in WooCommerce', 'warning'],
  disabled: ['Disabled by WooCommerce', 'critical'],
  missing: ['Missing', 'critical'],
};

const STATUS_LABELS: Record<WooCommerceStore['status'], [string, BadgeTone]> = {
  connected: ['Connected', 'success'],
  verifying: ['Checking the keys', 'info'],
  failed: ['Not working', 'critical'],
};

export function StoreLinkHealth({ store }: { store: WooCommerceStore }) {
  const { link } = store;
  const [statusLabel, statusTone] = STATUS_LABELS[store.status];
  const [keyLabel, keyTone] = KEY_LABELS[link.key.status];
  return (
    <DescriptionList
      items={[
        { term: 'Store', description: store.storeUrl },
        { term: 'Connection', description: <Badge tone={statusTone}>{statusLabel}</Badge> },
        {
          term: 'REST API key',
          description: (
            <Stack gap="100">
              <span>
                <Badge tone={keyTone}>{keyLabel}</Badge>{' '}
                {store.keyHint ? <Text as="span">{`key ${store.keyHint}`}</Text> : null}
              </span>
              {link.key.detail ? <Text>{link.key.detail}</Text> : null}
              <Text tone="subdued" small>{`Checked ${formatAgo(link.key.checkedAt, 'never')}`}</Text>
            </Stack>
          ),
        },
        {
          term: 'Units',
          description: link.units.weight
            ? `${link.units.weight} and ${link.units.dimension} (read ${formatAgo(link.units.checkedAt, 'at connect')})`
            : 'Not read yet',
        },
        { term: 'Product webhooks', description: <Webhooks webhooks={link.webhooks} /> },
        { term: 'Next check', description: formatDateTime(link.nextCheckAt, 'Not scheduled') },
      ]}
    />
  );
}

function Webhooks({ webhooks }: { webhooks: StoreLink['webhooks'] }) {
  if (webhooks.length === 0) return <Text>Not checked yet.</Text>;
  return (
    <List
      items={webhooks.map((hook) => {
        const [label, tone] = WEBHOOK_LABELS[hook.status];
        return (
          <span key={hook.topic}>
            {`${hook.topic}: `}
            <Badge tone={tone}>{label}</Badge>
            {hook.repairedAt ? ` (turned on again by RateBridge ${formatAgo(hook.repairedAt)})` : ''}
          </span>
        );
      })}
    />
  );
}
