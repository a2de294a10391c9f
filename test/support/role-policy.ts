/**
 * The role policy of docs/people-and-roles.md, route by route, as the route-role tests hold every admin
 * route (standalone and Shopify) to it.
 */
import type { Role } from '../../core/wire/admin-api-types.js';

/** Who may call a route under the documented policy. */
export function policy(route: string): Role {
  if (route.includes(' /people') || route === 'PUT /access-policy') return 'owner';
  // A connector key signs the plugin's "Open RateBridge" in as its maker: only owners make or revoke one.
  if (route.startsWith('POST /connector-keys')) return 'owner';
  if (route.startsWith('GET ') || route === 'POST /quotes/test') return 'viewer';
  return 'admin';
}
