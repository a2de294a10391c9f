/**
 * A connection: one merchant's token on one freight platform. The stored record holds the sealed token and
 * its keyed fingerprint; the view (what any API returns) holds neither.
 */
import { z } from 'zod';
import type { VerifyStatus } from '../platforms/freight-platform.js';
import type { ConnectionStatus, ConnectionView } from '../wire/admin-api-types.js';
import { connectionViewSchema } from '../wire/connections-schema.js';

/** The stored record: the view plus the sealed token and its keyed fingerprint, which never leave the core. */
export const connectionRecordSchema = connectionViewSchema.extend({
  sealedToken: z.string(),
  fingerprint: z.string(),
});

export type ConnectionRecord = z.infer<typeof connectionRecordSchema>;

/** All connections of a tenant live in one document, so label and token uniqueness are checked atomically. */
export const tenantConnectionsSchema = z.object({
  connections: z.record(z.string(), connectionRecordSchema),
});
export type TenantConnections = z.infer<typeof tenantConnectionsSchema>;

/** The only way a connection leaves the core: without the sealed token or its fingerprint. */
export function toView(record: ConnectionRecord): ConnectionView {
  const { sealedToken: _sealed, fingerprint: _fingerprint, ...view } = record;
  return view;
}

export function statusAfter(outcome: VerifyStatus, previous: ConnectionStatus): ConnectionStatus {
  switch (outcome) {
    case 'valid':
      return 'active';
    case 'rejected':
      return 'revoked';
    case 'forbidden':
    case 'wrong_environment':
      return 'needs_attention';
    case 'unreachable':
    case 'rate_limited':
      // Says nothing about the token: keep what we knew.
      return previous;
  }
}

/** The associated data a connection's token is sealed under: moving it to another record breaks it. */
export function sealOwner(tenant: string, connectionId: string): string {
  return `tenant:${tenant}|connection:${connectionId}`;
}
