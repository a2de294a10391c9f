/**
 * Invitations expire after seven days and are then deleted, not kept forever: the owner's next list (or
 * the link's next opening) removes them from the store. A real embedded store; the clock is the test's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInvitations, INVITATION_TTL_MS } from '../../../core/people/invitations.js';
import { openEmbeddedStore } from '../../../core/storage/embedded-store.js';
import type { Store } from '../../../core/storage/store.js';
import { tempDir } from '../../support/temp-dir.js';

describe('expired invitations', () => {
  let store: Store;
  let remove: () => Promise<void>;
  let now = Date.parse('2026-12-01T00:00:00Z');

  beforeAll(async () => {
    const dir = await tempDir('invitations');
    remove = dir.remove;
    store = await openEmbeddedStore({ dataDir: dir.dir });
  });
  afterAll(async () => {
    await store?.close();
    await remove?.();
  });

  it('are deleted from the store once the list is read after they expire', async () => {
    const invitations = createInvitations(store, () => now);
    const old = await invitations.create('t1', {
      email: 'a@example.com',
      role: 'viewer',
      invitedBy: 'merchant',
    });
    now += INVITATION_TTL_MS - 60_000;
    const fresh = await invitations.create('t1', {
      email: 'b@example.com',
      role: 'admin',
      invitedBy: 'merchant',
    });
    now += 120_000;
    expect((await invitations.list('t1')).map((invitation) => invitation.id)).toEqual([fresh.invitation.id]);
    expect([...(await store.listDocs('t1', 'invitation')).keys()]).not.toContain(old.invitation.id);
    expect(await invitations.peek(old.secret)).toBeUndefined();
  });

  it('is deleted when its link is opened after it expired', async () => {
    const invitations = createInvitations(store, () => now);
    const made = await invitations.create('t2', {
      email: 'c@example.com',
      role: 'viewer',
      invitedBy: 'merchant',
    });
    now += INVITATION_TTL_MS + 1;
    expect(await invitations.peek(made.secret)).toBeUndefined();
    expect((await store.listDocs('t2', 'invitation')).size).toBe(0);
  });
});
