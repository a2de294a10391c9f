import { Banner as PolarisBanner } from '@shopify/polaris';
import type { ReactNode } from 'react';

export interface BannerAction {
  readonly content: string;
  readonly onAction?: () => void;
  readonly url?: string;
  readonly loading?: boolean;
}

export function Banner({
  tone = 'info',
  title,
  action,
  secondaryAction,
  onDismiss,
  children,
}: {
  tone?: 'info' | 'success' | 'warning' | 'critical';
  title?: string;
  action?: BannerAction;
  secondaryAction?: BannerAction;
  onDismiss?: () => void;
  children?: ReactNode;
}) {
  return (
    <PolarisBanner
      tone={tone}
      title={title}
      action={action}
      secondaryAction={secondaryAction}
      onDismiss={onDismiss}
    >
      {children}
    </PolarisBanner>
  );
}
