import type { ReactNode } from 'react';
import { Page, type PageAction } from '../ui/Page';
import { Stack } from '../ui/Stack';
import { ConnectionAlerts } from './ConnectionAlerts';
import { IncidentAlerts } from './IncidentAlerts';

/** A page of the admin: its title, the connection and incident alerts every page shows, then its content. */
export function AdminPage({
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
    <Page
      title={title}
      subtitle={subtitle}
      backUrl={backUrl}
      primaryAction={primaryAction}
      secondaryActions={secondaryActions}
      narrow={narrow}
    >
      <Stack gap="400">
        <ConnectionAlerts />
        <IncidentAlerts />
        {children}
      </Stack>
    </Page>
  );
}
