/**
 * The key part of a link check: one cheap authenticated read (the first product). A stripped
 * Authorization header switches the connection to query-string auth and reads again, as the sync does.
 */
import type { OpenStore } from '../store-setup.js';
import type { LinkKey } from '../../core/wire/store-link-schema.js';
import { describeFailure, type WooClient, type WooFailure } from '../woocommerce-client.js';
import type { LinkContext } from './link-context.js';

export type KeyProbe =
  | { readonly ok: true; readonly client: WooClient }
  | { readonly ok: false; readonly failure: WooFailure; readonly status: LinkKey['status'] };

export async function checkKey(
  ctx: LinkContext,
  tenant: string,
  opened: OpenStore,
  signal?: AbortSignal,
): Promise<KeyProbe> {
  let client = opened.client;
  let probe = await client.listProducts(1, 1, signal);
  if (!probe.ok && probe.failure.kind === 'header-stripped') {
    const switched = await ctx.setup.switchToQueryAuth(tenant);
    if (switched) {
      client = switched;
      probe = await client.listProducts(1, 1, signal);
    }
  }
  if (probe.ok) return { ok: true, client };
  const failure = await client.explainRefusal(probe.failure, signal);
  // The switch to query-string auth did not help: WordPress saw no HTTPS; header auth stays for when it does.
  if (failure.kind === 'https-unseen' && opened.client.auth === 'header')
    await ctx.setup.revertToHeaderAuth(tenant);
  return { ok: false, failure, status: keyStatus(failure) };
}

/** What a failed read says about the key; only a refusal by the store says it is bad. */
export function keyStatus(failure: WooFailure): LinkKey['status'] {
  switch (failure.kind) {
    case 'rejected':
      return 'rejected';
    case 'forbidden':
      return 'forbidden';
    case 'unreachable':
    case 'timeout':
    case 'unavailable':
      return 'unreachable';
    default:
      return 'unknown';
  }
}

/** Whether the link cannot work until the merchant acts (the connection stops saying connected). */
export function linkBroken(failure: WooFailure): boolean {
  return (
    failure.kind === 'rejected' ||
    failure.kind === 'forbidden' ||
    failure.kind === 'https-unseen' ||
    failure.kind === 'header-stripped'
  );
}

export const failureDetail = describeFailure;
