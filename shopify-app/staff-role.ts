/**
 * Who in the Shopify admin may change tokens, keys and settings (docs/platforms/shopify.md, "Who may change
 * tokens"). The session token's `sub` names the staff member; the shop's owner chooses, in RateBridge, between
 * every staff member with access to the app (the default) and the account owner only.
 *
 * Telling the account owner apart needs Shopify's StaffMember object, which needs the `read_users` access
 * scope (granted only to apps on Shopify Plus or Advanced stores, on request). RateBridge reads it with the
 * shop's offline token as `staffMember(id: "gid://shopify/StaffMember/<sub>") { isShopOwner }`: the same
 * record `currentStaffMember` answers, named by the token's `sub`, since an offline token's request is the
 * app's own and has no staff member making it. The answer is cached for ten minutes per staff member.
 *
 * Without the scope (the fallback): RateBridge cannot know the owner, so every staff member with app access
 * is an admin, nobody is an owner in RateBridge, and "account owner only" cannot be chosen. With the scope,
 * the account owner is an owner; under "account owner only" everyone else is a viewer, and so is a token
 * without `sub`. When Shopify cannot say just now whether someone is the owner, they get the least they
 * could be (closed, not open, when in doubt), marked unconfirmed: a route that needs more answers 503
 * RB_ERR_SHOPIFY_STAFF_UNKNOWN with Retry-After instead of a misleading 403, and the failure is remembered
 * for 30 seconds so each request does not wait for Shopify's timeout again.
 */
import type { Session } from '@shopify/shopify-api';
import { z } from 'zod';
import type { Core, Logger } from '../core/index.js';
import type { AccessPolicy, Role } from '../core/wire/admin-api-types.js';
import { accessPolicySchema } from '../core/wire/people-schema.js';
import { graphqlDocument, type ShopifyApi } from './shopify-api.js';

export const READ_USERS_SCOPE = 'read_users';
const OWNER_CACHE_MS = 10 * 60_000;
/** How long a failed owner check is remembered: the next requests answer at once instead of waiting. */
export const OWNER_UNKNOWN_CACHE_MS = 30_000;
const UNKNOWN = 'unknown';
const DEFAULT_POLICY: AccessPolicy = { tokenManagers: 'all_staff' };

export const STAFF_MEMBER_OWNER = graphqlDocument({
  text: `query RateBridgeStaffMember($id: ID!) {
  staffMember(id: $id) { id isShopOwner }
}`,
  variables: z.object({ id: z.string().startsWith('gid://shopify/StaffMember/') }),
  data: z.object({ staffMember: z.object({ id: z.string(), isShopOwner: z.boolean() }).nullable() }),
});

export function createStaffRoles(options: { store: Core['store']; api: ShopifyApi; logger: Logger }) {
  const { store, api, logger } = options;
  const policyRef = (shop: string) => ({ tenant: shop, kind: 'shopify-access-policy', id: 'policy' });

  /** Whether the staff member is the account owner; undefined when Shopify could not say. */
  async function isOwner(shop: string, userId: string, session: Session): Promise<boolean | undefined> {
    const key = `shopify-staff-owner:${shop}:${userId}`;
    const cached = await store.cacheGet(key);
    if (typeof cached === 'boolean') return cached;
    if (cached === UNKNOWN) return undefined;
    const result = await api.graphql(session, STAFF_MEMBER_OWNER, {
      id: `gid://shopify/StaffMember/${userId}`,
    });
    if (!result.ok) {
      logger.warn({ shop, failure: result.failure.message }, 'Shopify did not say who the account owner is');
      await store.cacheSet(key, UNKNOWN, OWNER_UNKNOWN_CACHE_MS);
      return undefined;
    }
    const owner = result.value.staffMember?.isShopOwner ?? false;
    await store.cacheSet(key, owner, OWNER_CACHE_MS);
    return owner;
  }

  const staffRoles = {
    ownerKnown: (session: Session) => (session.scope ?? '').split(',').includes(READ_USERS_SCOPE),
    async policy(shop: string): Promise<AccessPolicy> {
      const parsed = accessPolicySchema.safeParse(await store.getDoc(policyRef(shop)));
      return parsed.success ? parsed.data : DEFAULT_POLICY;
    },
    async setPolicy(shop: string, policy: AccessPolicy): Promise<void> {
      await store.putDoc(policyRef(shop), policy);
    },
    /**
     * The role of staff member `userId` of `shop`, by the shop's choice and what Shopify says.
     * `unconfirmed`: Shopify could not say just now whether they are the account owner, so the role is
     * the least they have; a route needing more answers a coded 503, not a 403 (route-roles.ts).
     */
    async roleOf(shop: string, userId: string | undefined, session: Session): Promise<StaffRole> {
      if (!staffRoles.ownerKnown(session)) return { role: 'admin' };
      const policy = await staffRoles.policy(shop);
      const others: Role = policy.tokenManagers === 'all_staff' ? 'admin' : 'viewer';
      // No `sub`: nobody to ask about, so not the owner; under "account owner only", a viewer.
      if (userId === undefined) return { role: others };
      const owner = await isOwner(shop, userId, session);
      if (owner === true) return { role: 'owner' };
      return owner === undefined ? { role: others, unconfirmed: true } : { role: others };
    },
  };
  return staffRoles;
}

export type StaffRoles = ReturnType<typeof createStaffRoles>;

/** A staff member's role; `unconfirmed` when it may be higher than Shopify could confirm just now. */
export interface StaffRole {
  readonly role: Role;
  readonly unconfirmed?: true;
}
