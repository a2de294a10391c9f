/**
 * A merchant's pending one-click approval: the plugin's request as RateBridge checked it, for the signed-in
 * tenant, kept server-side (sealed, 15 minutes) under a random id. The approval page's form and the key
 * grant's return carry only that id; each approval is approved once and finished once (`claimOnce`).
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { rbError, type Core } from '../../core/index.js';
import { parseStoreUrl, type StoreAddress } from '../store-url.js';
import type { ConnectRequest } from './connect-request.js';

export const APPROVAL_TTL_MS = 15 * 60_000;
export const APPROVAL_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

const approvalSchema = z.object({
  tenant: z.string().min(1),
  storeUrl: z.string(),
  returnUrl: z.string(),
  pluginState: z.string(),
  challenge: z.string(),
});
const storedSchema = z.object({ sealed: z.string() });

export interface Approval extends Omit<ConnectRequest, 'address'> {
  readonly id: string;
  readonly tenant: string;
  readonly address: StoreAddress;
}

const cacheKey = (id: string) => `woo-one-click-approval:${id}`;
const owner = (id: string) => `woocommerce-one-click-approval:${id}`;

export function createApprovals(core: Pick<Core, 'sealer' | 'store'>) {
  const { sealer, store } = core;
  return {
    async create(tenant: string, request: ConnectRequest): Promise<Approval> {
      const id = randomBytes(16).toString('base64url');
      const record = { tenant, storeUrl: request.address.url, ...withoutAddress(request) };
      const sealed = sealer.seal(JSON.stringify(record), owner(id));
      await store.cacheSet(cacheKey(id), { sealed }, APPROVAL_TTL_MS);
      return { id, tenant, ...request };
    },

    /** The approval `id` names, when it exists and belongs to `tenant`; a coded 401 otherwise. */
    async forTenant(id: string, tenant: string | undefined): Promise<Approval> {
      const stored = storedSchema.safeParse(await store.cacheGet(cacheKey(id)));
      if (!stored.success || tenant === undefined) throw rbError('RB_ERR_ONE_CLICK_APPROVAL_INVALID');
      let record: z.infer<typeof approvalSchema>;
      try {
        record = approvalSchema.parse(JSON.parse(sealer.open(stored.data.sealed, owner(id))));
      } catch {
        throw rbError('RB_ERR_ONE_CLICK_APPROVAL_INVALID');
      }
      const address = parseStoreUrl(record.storeUrl);
      if (!address || record.tenant !== tenant) throw rbError('RB_ERR_ONE_CLICK_APPROVAL_INVALID');
      const { storeUrl: _url, ...rest } = record;
      return { id, address, ...rest };
    },

    /** True the first time only, for each step of one approval ('approve', then 'finish'). */
    useOnce(id: string, step: 'approve' | 'finish'): Promise<boolean> {
      return store.claimOnce(`woo-one-click-used:${step}:${id}`, APPROVAL_TTL_MS);
    },

    async forget(id: string): Promise<void> {
      await store.cacheDelete(cacheKey(id));
    },
  };
}

const withoutAddress = ({ address: _address, ...rest }: ConnectRequest) => rest;

export type Approvals = ReturnType<typeof createApprovals>;
