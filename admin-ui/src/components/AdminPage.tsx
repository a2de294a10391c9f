import type { ReactNode } from 'react';
import { Page, type PageAction } from '../ui/Page';
import { Stack } from '../ui/Stack';
import { ConnectionAlerts } from './ConnectionAlerts';
import { IncidentAlerts } from './IncidentAlerts';
import { useAdmin } from '../app/AdminContext';
import { Banner } from '../ui/Banner';

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
        <ViewerNote />
        <ConnectionAlerts />
        <IncidentAlerts />
        {children}
      </Stack>
    </Page>
  );
}

/** A viewer sees settings as they are; the controls that change them are hidden (and refused by the API). */
function ViewerNote() {
  const { session, can } = useAdmin();
  if (session.data === undefined || can('admin')) return null;
  return (
    <Banner tone="info" title="You are signed in as a viewer">
      You can read settings and the rate log and run test quotes. Changes need an admin: ask the store&rsquo;s
      owner.
    </Banner>
  );
}
