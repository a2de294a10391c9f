/**
 * What every page shares: the API, the host, the tenant's connections and incidents (the banners on every
 * page read them, so one load serves all and a change made on one page shows everywhere).
 */
import type {
  ConnectionView,
  IncidentView,
  PlatformView,
  Role,
  SessionResponse,
} from '../../../core/wire/admin-api-types';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { AdminApi } from '../api/admin-api';
import { useResource, type Resource } from '../api/use-resource';
import type { Host } from './host';

interface AdminContextValue {
  readonly api: AdminApi;
  readonly host: Host;
  readonly connections: Resource<readonly ConnectionView[]>;
  readonly platforms: Resource<readonly PlatformView[]>;
  /** Open incidents (and those resolved lately): the banner on every page reads them too. */
  readonly incidents: Resource<readonly IncidentView[]>;
  /** Who is signed in, and their role. */
  readonly session: Resource<SessionResponse>;
  /** Whether the signed-in role may do what `role` may (false until the session is known). */
  can(role: Role): boolean;
}

// The API's order of roles (docs/people-and-roles.md): each can do all the one before it can.
const ROLE_ORDER: readonly Role[] = ['viewer', 'admin', 'owner'];

const AdminContext = createContext<AdminContextValue | undefined>(undefined);

export function AdminProvider({ api, children }: { api: AdminApi; children: ReactNode }) {
  const connections = useResource(() => api.connections.list(), [api]);
  const platforms = useResource(() => api.platforms(), [api]);
  const incidents = useResource(() => api.incidents(), [api]);
  const session = useResource(() => api.session(), [api]);
  const value = useMemo(() => {
    const have = session.data?.role;
    // Hidden until known: a control that appears late beats one a viewer may press.
    const can = (role: Role) => have !== undefined && ROLE_ORDER.indexOf(have) >= ROLE_ORDER.indexOf(role);
    return { api, host: api.host, connections, platforms, incidents, session, can };
  }, [api, connections, platforms, incidents, session]);
  return <AdminContext.Provider value={value}>{children}</AdminContext.Provider>;
}

export function useAdmin(): AdminContextValue {
  const value = useContext(AdminContext);
  if (!value) throw new Error('useAdmin outside AdminProvider');
  return value;
}
