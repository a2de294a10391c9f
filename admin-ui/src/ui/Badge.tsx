import { Badge as PolarisBadge } from '@shopify/polaris';

export type BadgeTone = 'success' | 'critical' | 'warning' | 'attention' | 'info' | 'new';

export function Badge({ tone, children }: { tone?: BadgeTone; children: string }) {
  return <PolarisBadge tone={tone}>{children}</PolarisBadge>;
}
