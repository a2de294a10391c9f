/**
 * The admin app: detects its host, builds the API client for it, and shows the sign-in page whenever the
 * API says the session is gone (a GET /admin/ without a cookie lands there too).
 */
import { useMemo, useState } from 'react';
import { createAdminApi } from '../api/admin-api';
import { createApiClient } from '../api/client';
import { PolarisProvider } from '../ui/AppProviders';
import { AdminProvider } from './AdminContext';
import { AppLink } from './AppLink';
import { detectHost } from './host';
import { RouterProvider } from './router';
import { Shell } from './Shell';
import { SignInPage } from './SignInPage';
import './app.css';

export function App() {
  const host = useMemo(() => detectHost(), []);
  const [signedOut, setSignedOut] = useState(false);
  const api = useMemo(() => createAdminApi(createApiClient(host, () => setSignedOut(true))), [host]);
  return (
    <RouterProvider basePath={host.basePath}>
      <PolarisProvider linkComponent={AppLink}>
        {signedOut ? (
          <SignInPage host={host} />
        ) : (
          <AdminProvider api={api}>
            <Shell onSignedOut={() => setSignedOut(true)} />
          </AdminProvider>
        )}
      </PolarisProvider>
    </RouterProvider>
  );
}
