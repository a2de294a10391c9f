import { Page as PolarisPage } from '@shopify/polaris';
import type { ReactNode } from 'react';

export interface PageAction {
  readonly content: string;
  readonly onAction?: () => void;
  readonly url?: string;
  readonly loading?: boolean;
  readonly disabled?: boolean;
  readonly destructive?: boolean;
}

export function Page({
  title,
  subtitle,
  backUrl,
  primaryAction,
  secondaryActions,
  narrow,
  children,
}: {
  title: string;
  subtitle?: string;
  backUrl?: string;
  primaryAction?: PageAction;
  secondaryActions?: readonly PageAction[];
  narrow?: boolean;
  children: ReactNode;
}) {
  return (
    <PolarisPage
      title={title}
      subtitle={subtitle}
      narrowWidth={narrow}
      backAction={backUrl ? { content: 'Back', url: backUrl } : undefined}
      primaryAction={primaryAction}
      secondaryActions={secondaryActions ? [...secondaryActions] : undefined}
    >
      {children}
    </PolarisPage>
  );
}
