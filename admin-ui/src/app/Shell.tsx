/**
 * Navigation and routes. Standalone: a Polaris frame with side navigation. Embedded: App Bridge's NavMenu
 * puts the same entries in Shopify admin's own navigation, and the page renders without a frame.
 */
import { NavMenu } from '@shopify/app-bridge-react';
import { lazy, Suspense, useEffect, useRef, type ReactNode } from 'react';
import { useAction } from '../api/use-resource';
import { AppFrame } from '../ui/AppFrame';
import { LoadingState } from '../ui/LoadingState';
import { Card } from '../ui/Card';
import { EmptyState } from '../ui/EmptyState';
import { Link } from '../ui/Link';
import { Page } from '../ui/Page';
import { ErrorBanner } from '../components/ErrorBanner';
import { Wizard } from '../wizard/Wizard';
import { firstOpenStep } from '../wizard/onboarding';
import { useOnboarding } from '../wizard/use-onboarding';
import { useAdmin } from './AdminContext';
import { useRouter } from './router';
import type { Role } from '../../../core/wire/admin-api-types';

// Settings pages load on first visit: the wizard, which newcomers see first, stays small.
const ConnectionsPage = lazy(() =>
  import('../pages/ConnectionsPage').then((m) => ({ default: m.ConnectionsPage })),
);
const LocationsPage = lazy(() =>
  import('../pages/LocationsPage').then((m) => ({ default: m.LocationsPage })),
);
const PackagingPage = lazy(() =>
  import('../pages/PackagingPage').then((m) => ({ default: m.PackagingPage })),
);
const RulesPage = lazy(() => import('../pages/RulesPage').then((m) => ({ default: m.RulesPage })));
const RateLogPage = lazy(() => import('../pages/RateLogPage').then((m) => ({ default: m.RateLogPage })));
const RateLogEntryPage = lazy(() =>
  import('../pages/RateLogEntryPage').then((m) => ({ default: m.RateLogEntryPage })),
);
const ConnectorKeysPage = lazy(() =>
  import('../pages/ConnectorKeysPage').then((m) => ({ default: m.ConnectorKeysPage })),
);
const WooCommerceStorePage = lazy(() =>
  import('../pages/WooCommerceStorePage').then((m) => ({ default: m.WooCommerceStorePage })),
);
const PeoplePage = lazy(() => import('../pages/PeoplePage').then((m) => ({ default: m.PeoplePage })));
const ActivityPage = lazy(() => import('../pages/ActivityPage').then((m) => ({ default: m.ActivityPage })));

interface NavEntry {
  readonly label: string;
  readonly path: string;
  readonly standaloneOnly?: boolean;
  /** Shown only to this role and above (the API refuses the rest anyway). */
  readonly needs?: Role;
}

const NAV: readonly NavEntry[] = [
  { label: 'Setup', path: '/setup', needs: 'admin' },
  { label: 'Connections', path: '/settings/connections' },
  { label: 'Pickup locations', path: '/settings/locations' },
  { label: 'Products and packaging', path: '/settings/packaging' },
  { label: 'Rules', path: '/settings/rules' },
  { label: 'Rate log', path: '/settings/rate-log' },
  { label: 'WooCommerce store', path: '/settings/woocommerce', standaloneOnly: true },
  { label: 'Connector keys', path: '/settings/connector-keys', standaloneOnly: true },
  { label: 'Activity', path: '/settings/activity' },
  { label: 'People', path: '/settings/people', standaloneOnly: true, needs: 'owner' },
];

export function Shell({ onSignedOut }: { onSignedOut: () => void }) {
  const { host, connections, incidents, can } = useAdmin();
  const { route, href } = useRouter();
  const entries = NAV.filter(
    (entry) => (!entry.standaloneOnly || host.kind === 'standalone') && (!entry.needs || can(entry.needs)),
  );
  const failing = (connections.data ?? []).filter((c) => c.status !== 'active').length;

  useFreshConnections(route.path, connections.reload, incidents.reload);
  const signOut = useAction(async () => {
    await fetch('/admin/logout', { method: 'POST', credentials: 'same-origin' });
    return true;
  });

  const content = (
    <Suspense fallback={<Page title="Loading">{<LoadingState />}</Page>}>
      <Routes />
    </Suspense>
  );

  if (host.kind === 'shopify') {
    return (
      <>
        <NavMenu>
          <a href={href('/')} rel="home">
            RateBridge
          </a>
          {entries.map((entry) => (
            <a key={entry.path} href={href(entry.path)}>
              {entry.label}
            </a>
          ))}
        </NavMenu>
        {content}
      </>
    );
  }
  return (
    <AppFrame
      location={route.path}
      items={entries.map((entry) => ({
        label: entry.label,
        url: entry.path,
        selected:
          route.path === entry.path ||
          route.path.startsWith(`${entry.path}/`) ||
          (entry.path === '/setup' && route.path === '/'),
        ...(entry.path === '/settings/connections' && failing > 0 ? { badge: String(failing) } : {}),
      }))}
      footerItems={[
        {
          label: 'Sign out',
          onClick: () => void signOut.run().then(onSignedOut),
        },
      ]}
    >
      {content}
    </AppFrame>
  );
}

function Routes(): ReactNode {
  const { route } = useRouter();
  const path = route.path;
  if (path === '/') return <Home />;
  if (path === '/setup') return <Setup />;
  if (path === '/settings/connections') return <ConnectionsPage />;
  if (path === '/settings/locations') return <LocationsPage />;
  if (path === '/settings/packaging') return <PackagingPage />;
  if (path === '/settings/rules') return <RulesPage />;
  if (path === '/settings/rate-log') return <RateLogPage />;
  const entry = /^\/settings\/rate-log\/([^/]+)$/.exec(path);
  if (entry?.[1]) return <RateLogEntryPage entryId={decodeURIComponent(entry[1])} />;
  if (path === '/settings/connector-keys') return <ConnectorKeysPage />;
  if (path === '/settings/woocommerce') return <WooCommerceStorePage />;
  if (path === '/settings/activity') return <ActivityPage />;
  if (path === '/settings/people') return <PeoplePage />;
  return <NotFound />;
}

/** The landing page: the wizard until setup is done (so it resumes where the merchant left off), then settings. */
function Home() {
  const facts = useOnboarding();
  const { navigate } = useRouter();
  const { session, can } = useAdmin();
  // A viewer cannot take the setup steps: the settings pages are where they look.
  const viewer = session.data !== undefined && !can('admin');
  const done = viewer || (facts.data !== undefined && firstOpenStep(facts.data) === 'done');
  useEffect(() => {
    if (done) navigate('/settings/connections', { replace: true });
  }, [done, navigate]);
  if (facts.data === undefined) {
    return (
      <Page title="RateBridge">
        {facts.error ? (
          <ErrorBanner error={facts.error} onRetry={() => void facts.reload()} />
        ) : (
          <LoadingState label="Loading your setup" />
        )}
      </Page>
    );
  }
  return done ? null : <Wizard facts={facts} />;
}

function Setup() {
  return <Wizard facts={useOnboarding()} />;
}

function NotFound() {
  return (
    <Page title="Page not found">
      <Card>
        <EmptyState
          heading="There is no page at this address"
          action={<Link url="/">Go to the start page</Link>}
        >
          The link may be old. Use the navigation to find what you need.
        </EmptyState>
      </Card>
    </Page>
  );
}

/**
 * The connection banners must be current on every page: a health check or a checkout may have found a
 * token revoked since the last look. Refreshed on each page change and when the tab comes back.
 * Incidents likewise (a carrier service removed, checkouts falling back, a store key revoked).
 */
function useFreshConnections(
  path: string,
  reloadConnections: () => Promise<unknown>,
  reloadIncidents: () => Promise<unknown>,
): void {
  const firstPage = useRef(true);
  useEffect(() => {
    // The first page is served by AdminProvider's own load.
    if (firstPage.current) {
      firstPage.current = false;
      return;
    }
    void reloadConnections();
    void reloadIncidents();
  }, [path, reloadConnections, reloadIncidents]);
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState !== 'visible') return;
      void reloadConnections();
      void reloadIncidents();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [reloadConnections, reloadIncidents]);
}
