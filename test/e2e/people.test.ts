/**
 * People of a standalone store, end to end over real sockets and a real SMTP server (smtp-server): an
 * owner invites by mail, the invited person joins through the mailed single-use link and later signs in
 * with a mailed single-use sign-in link; roles apply on the next request; removal ends every session of
 * the person at once; a sign-in request answers the same for an unknown address and is rate-limited; no
 * invitation or sign-in secret is ever in a log line, in any answer but the one that shows it to copy, or
 * in the store.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ActivityResponse,
  ConnectorKeyView,
  ErrorBody,
  InviteResponse,
  ListedConnectorKey,
  PeopleResponse,
  SessionResponse,
} from '../../core/wire/admin-api-types.js';
import { startAppHarness, type AppHarness, type TenantClient } from '../support/app-harness.js';
import { signInWithLink } from '../support/sign-in.js';
import { readMail, startSmtpServer, type TestSmtpServer } from '../support/smtp-server.js';
import { pluginHeaders } from '../woocommerce-bridge/plugin-signing.js';

const mark = randomBytes(3).toString('hex');
const TENANT = `people-${mark}`;
const ALICE = `alice-${mark}@example.com`;

/** A one-click connect request, as the plugin's "Connect" button links to it. */
const oneClickQuery = () =>
  new URLSearchParams({
    store_url: 'https://127.0.0.1:9',
    return_url: 'https://127.0.0.1:9/wp-admin/admin-post.php?action=ratebridge_connect_return',
    state: 'plugin-state-0123456789',
    code_challenge: randomBytes(32).toString('base64url'),
    code_challenge_method: 'S256',
  }).toString();

describe('people of a standalone store: invitations, sign-in by mail, roles, removal', () => {
  let smtp: TestSmtpServer;
  let app: AppHarness;
  let owner: TenantClient;
  let origin: string;
  /** Every one-time secret this test saw; none may leak (checked last). */
  const secrets: string[] = [];
  const answers: string[] = [];

  beforeAll(async () => {
    smtp = await startSmtpServer();
    app = await startAppHarness({
      env: {
        SMTP_HOST: smtp.host,
        SMTP_PORT: String(smtp.port),
        ALERT_MAIL_FROM: 'ratebridge@ratebridge.test',
        ALERT_MAIL_TO: 'alerts@ratebridge.test',
      },
    });
    origin = new URL(app.config.publicUrl).origin;
    owner = await app.signIn(TENANT);
  });

  afterAll(async () => {
    await app?.close();
    await smtp?.close();
  });

  /** The one link of `kind` in the mail number `index` to `to`, pointed at the test server. */
  async function linkFromMail(index: number, to: string, kind: 'invitation' | 'sign-in'): Promise<string> {
    const mail = (await smtp.waitFor(index + 1))[index];
    expect(mail?.to).toEqual([to]);
    const text = readMail(mail ?? { from: '', to: [], raw: '' }).text;
    const link = new RegExp(`https?://\\S+/admin/${kind}/([A-Za-z0-9_-]{43})`).exec(text);
    expect(link, text).not.toBeNull();
    secrets.push(link?.[1] ?? '');
    return (link?.[0] ?? '').replace(app.config.publicUrl, app.url);
  }

  const clientOf = (cookie: string) => ({
    api: async (method: string, path: string, body?: unknown) => {
      const raw = await fetch(`${app.url}/admin/api${path}`, {
        method,
        headers: { cookie, origin, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await raw.text();
      answers.push(text);
      return { status: raw.status, body: text ? (JSON.parse(text) as unknown) : undefined };
    },
  });
  const requestSignIn = (email: string, headers: Record<string, string> = { origin }) =>
    fetch(`${app.url}/admin/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ email }),
    });
  const codeOf = (body: unknown) => (body as ErrorBody).error.code;

  let aliceId = '';
  let connectionId = '';
  const aliceSessions: string[] = [];

  it('invites by mail; the link joins once, with the role the owner chose', async () => {
    const invited = await owner.api('POST', '/people/invitations', { email: ALICE, role: 'admin' });
    expect(invited.status).toBe(201);
    const body = invited.body as InviteResponse;
    expect(body.mailed).toBe(true);
    expect(body).not.toHaveProperty('link');
    const link = await linkFromMail(0, ALICE, 'invitation');

    const cookie = await signInWithLink(link, origin);
    aliceSessions.push(cookie);
    const session = (await clientOf(cookie).api('GET', '/session')).body as SessionResponse;
    expect(session).toMatchObject({ tenant: TENANT, role: 'admin', frontEnd: 'standalone', email: ALICE });
    aliceId = session.actor.replace('person:', '');
    const again = await fetch(link, { method: 'POST', redirect: 'manual', headers: { origin } });
    expect(again.status).toBe(401);
    expect(codeOf(await again.json())).toBe('RB_ERR_INVITATION_INVALID');

    const people = (await owner.api('GET', '/people')).body as PeopleResponse;
    expect(people.people.map((person) => [person.email, person.role])).toEqual([[ALICE, 'admin']]);
    expect(people.invitations).toEqual([]);
  });

  it('refuses what the role cannot do with a coded 403 naming the role, and applies a new role at once', async () => {
    const alice = clientOf(aliceSessions[0] ?? '');
    const invite = await alice.api('POST', '/people/invitations', {
      email: `x-${mark}@example.com`,
      role: 'owner',
    });
    expect(invite.status).toBe(403);
    expect(codeOf(invite.body)).toBe('RB_ERR_ROLE_REQUIRED');
    expect((invite.body as ErrorBody).error.message).toContain('the owner role');

    // The escalation this closes: an admin's connector key signed "Open RateBridge" in as an owner.
    const key = await alice.api('POST', '/connector-keys', { name: 'Admin-made' });
    expect([key.status, codeOf(key.body)]).toEqual([403, 'RB_ERR_ROLE_REQUIRED']);
    expect((key.body as ErrorBody).error.message).toContain('the owner role');
    const revoke = await alice.api('POST', `/connector-keys/rbk_${'a'.repeat(22)}/revoke`);
    expect([revoke.status, codeOf(revoke.body)]).toEqual([403, 'RB_ERR_ROLE_REQUIRED']);
    const oneClick = await fetch(`${app.url}/woocommerce/one-click?${oneClickQuery()}`, {
      headers: { cookie: aliceSessions[0] ?? '' },
    });
    const refusal = (await oneClick.json()) as ErrorBody;
    expect([oneClick.status, refusal.error.code]).toEqual([403, 'RB_ERR_ROLE_REQUIRED']);
    expect(refusal.error.message).toContain('the owner role');

    // A person's token change names them in the connection's own trail, by address.
    const token = await app.createSandboxToken(`alice-${mark}`);
    const connected = await alice.api('POST', '/connections', {
      platform: 'sandbox',
      environment: 'test',
      label: 'Alice sandbox',
      token,
    });
    expect(connected.status).toBe(201);
    connectionId = (connected.body as { connection: { id: string } }).connection.id;

    const rules = ((await alice.api('GET', '/rules')).body as { rules: unknown }).rules;
    expect((await alice.api('PUT', '/rules', rules)).status).toBe(200);
    expect((await owner.api('PUT', `/people/${aliceId}/role`, { role: 'viewer' })).status).toBe(200);
    const refused = await alice.api('PUT', '/rules', rules);
    expect(refused.status).toBe(403);
    expect((refused.body as ErrorBody).error.message).toContain('the admin role');
    // A viewer still reads and runs test quotes' reads.
    expect((await alice.api('GET', '/rate-log')).status).toBe(200);
  });

  it('mails a sign-in link per store to a member; the link signs in once', async () => {
    const asked = await requestSignIn(ALICE.toUpperCase());
    expect(asked.status).toBe(202);
    const link = await linkFromMail(1, ALICE, 'sign-in');
    const page = await fetch(link);
    expect(await page.text()).toContain(`Sign in to ${TENANT}`);
    const cookie = await signInWithLink(link, origin);
    aliceSessions.push(cookie);
    expect(((await clientOf(cookie).api('GET', '/session')).body as SessionResponse).role).toBe('viewer');
    const again = await fetch(link, { method: 'POST', redirect: 'manual', headers: { origin } });
    expect(again.status).toBe(401);
    expect(codeOf(await again.json())).toBe('RB_ERR_LOGIN_LINK_INVALID');
  });

  it('answers an unknown address exactly as a member, sends it nothing, and limits the asking', async () => {
    const unknown = await requestSignIn(`nobody-${mark}@example.com`);
    const known = await requestSignIn(ALICE);
    expect([unknown.status, await unknown.text()]).toEqual([known.status, await known.text()]);
    await linkFromMail(2, ALICE, 'sign-in');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.received.filter((mail) => mail.to.some((to) => to.startsWith('nobody-')))).toEqual([]);

    expect((await requestSignIn(ALICE, {})).status).toBe(403);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await requestSignIn(ALICE)).status);
    expect(statuses).toEqual([202, 202, 202, 429]);
  });

  let olivia: Awaited<ReturnType<typeof join>> | undefined;

  /** Joins `email` as `role` through a link shown to copy; the new person's id and session cookie. */
  async function join(email: string, role: 'owner' | 'admin' | 'viewer') {
    const made = await owner.api('POST', '/people/invitations', { email, role, delivery: 'copy' });
    const link = (made.body as InviteResponse).link ?? '';
    secrets.push(/\/admin\/invitation\/([A-Za-z0-9_-]+)/.exec(link)?.[1] ?? '');
    answers.pop(); // the one answer allowed to show it
    const cookie = await signInWithLink(link.replace(app.config.publicUrl, app.url), origin);
    const session = (await clientOf(cookie).api('GET', '/session')).body as SessionResponse;
    return { id: session.actor.replace('person:', ''), cookie, client: clientOf(cookie) };
  }

  /** The role of the session the plugin's "Open RateBridge" signs in with `key`, or its refusal. */
  async function openRateBridge(key: { id: string; secret: string }) {
    // As the plugin sends it: its per-request nonce keeps two asks in one second apart.
    const body = JSON.stringify({ action: 'admin_login', request_id: randomBytes(8).toString('hex') });
    const asked = await fetch(`${app.url}/woocommerce/admin-link`, {
      method: 'POST',
      headers: pluginHeaders(key.id, key.secret, body),
      body,
    });
    const answer = (await asked.json()) as { url?: string } & Partial<ErrorBody>;
    if (!answer.url) return { status: asked.status, code: answer.error?.code };
    const cookie = await signInWithLink(answer.url.replace(app.config.publicUrl, app.url), origin);
    return {
      status: asked.status,
      role: ((await clientOf(cookie).api('GET', '/session')).body as SessionResponse).role,
    };
  }

  it("signs in with a connector key as no more than its maker is now, and flags a removed maker's keys", async () => {
    olivia = await join(`olivia-${mark}@example.com`, 'owner');
    const kim = await join(`kim-${mark}@example.com`, 'owner');
    const created = await kim.client.api('POST', '/connector-keys', { name: `Kim's store` });
    expect(created.status).toBe(201);
    answers.pop(); // the one answer that shows the key's secret
    const { key, secret } = created.body as { key: ConnectorKeyView; secret: string };
    expect(key.createdBy).toEqual({ actor: `person:${kim.id}`, email: `kim-${mark}@example.com` });
    expect(await openRateBridge({ id: key.id, secret })).toEqual({ status: 200, role: 'owner' });

    expect((await owner.api('PUT', `/people/${kim.id}/role`, { role: 'admin' })).status).toBe(200);
    expect(await openRateBridge({ id: key.id, secret })).toEqual({ status: 200, role: 'admin' });

    expect((await owner.api('DELETE', `/people/${kim.id}`)).status).toBe(204);
    expect(await openRateBridge({ id: key.id, secret })).toEqual({
      status: 403,
      code: 'RB_ERR_KEY_MAKER_REMOVED',
    });
    // Still active, and still signing the store's checkout: revoking it would stop the store's rates.
    const listed = (await owner.api('GET', '/connector-keys')).body as { keys: ListedConnectorKey[] };
    expect(listed.keys.find((k) => k.id === key.id)).toMatchObject({ revokedAt: null, creatorRemoved: true });
    const questions = '{"action":"checkout_questions"}';
    const checkout = await fetch(`${app.url}/woocommerce/checkout-questions`, {
      method: 'POST',
      headers: pluginHeaders(key.id, secret, questions),
      body: questions,
    });
    expect(checkout.status).toBe(200);
    const trail = (await owner.api('GET', '/activity')).body as ActivityResponse;
    expect(trail.entries).toContainEqual(
      expect.objectContaining({ action: 'key_maker_removed', actor: 'merchant', subject: key.id }),
    );
  });

  it('signs in with a key made before makers were kept as admin once the store has an owner', async () => {
    const created = await owner.api('POST', '/connector-keys', { name: 'Made before #19' });
    answers.pop(); // the one answer that shows the key's secret
    const { key, secret } = created.body as { key: ConnectorKeyView; secret: string };
    const ref = { tenant: TENANT, kind: 'woocommerce-connector-keys', id: 'all' };
    const stored = JSON.stringify(await app.store.getDoc(ref));
    const legacy = stored.replace(/,?"createdBy":\{[^}]*\}/g, '');
    expect(legacy).not.toBe(stored);
    await app.store.putDoc(ref, JSON.parse(legacy));
    expect(await openRateBridge({ id: key.id, secret })).toEqual({ status: 200, role: 'admin' });
  });

  it('keeps the store an owner, and nobody changes their own membership (coded 409s)', async () => {
    const only = olivia ?? (await join(`olivia-${mark}@example.com`, 'owner'));
    const ownOnly = [
      await only.client.api('PUT', `/people/${only.id}/role`, { role: 'admin' }),
      await only.client.api('DELETE', `/people/${only.id}`),
    ];
    for (const refused of ownOnly)
      expect([refused.status, codeOf(refused.body)]).toEqual([409, 'RB_ERR_OWN_MEMBERSHIP']);
    const lastOwner = [
      await owner.api('PUT', `/people/${only.id}/role`, { role: 'viewer' }),
      await owner.api('DELETE', `/people/${only.id}`),
    ];
    for (const refused of lastOwner)
      expect([refused.status, codeOf(refused.body)]).toEqual([409, 'RB_ERR_LAST_OWNER']);
    const people = ((await owner.api('GET', '/people')).body as PeopleResponse).people;
    expect(people.find((person) => person.id === only.id)?.role).toBe('owner');
    // With a second owner, the first may go: it is the last one that stays.
    const second = await join(`pat-${mark}@example.com`, 'owner');
    expect((await owner.api('PUT', `/people/${only.id}/role`, { role: 'admin' })).status).toBe(200);
    const now = await owner.api('PUT', `/people/${second.id}/role`, { role: 'admin' });
    expect([now.status, codeOf(now.body)]).toEqual([409, 'RB_ERR_LAST_OWNER']);
  });

  it('refuses to invite a member again, and an invitation accepted by a member changes nothing', async () => {
    const again = await owner.api('POST', '/people/invitations', { email: ALICE, role: 'owner' });
    expect([again.status, codeOf(again.body)]).toEqual([409, 'RB_ERR_ALREADY_MEMBER']);
    // Two invitations made before the person joined: the second, accepted after, is refused.
    const quinn = `quinn-${mark}@example.com`;
    const links: string[] = [];
    for (const role of ['viewer', 'owner'] as const) {
      const made = await owner.api('POST', '/people/invitations', { email: quinn, role, delivery: 'copy' });
      const link = ((made.body as InviteResponse).link ?? '').replace(app.config.publicUrl, app.url);
      secrets.push(/\/admin\/invitation\/([A-Za-z0-9_-]+)/.exec(link)?.[1] ?? '');
      answers.pop();
      links.push(link);
    }
    await signInWithLink(links[0] ?? '', origin);
    const second = await fetch(links[1] ?? '', { method: 'POST', redirect: 'manual', headers: { origin } });
    expect([second.status, codeOf(await second.json())]).toEqual([409, 'RB_ERR_ALREADY_MEMBER']);
    const people = ((await owner.api('GET', '/people')).body as PeopleResponse).people;
    expect(people.find((person) => person.email === quinn)?.role).toBe('viewer');
  });

  it('ends every session of a removed person on their next request', async () => {
    expect(aliceSessions).toHaveLength(2);
    for (const cookie of aliceSessions)
      expect((await clientOf(cookie).api('GET', '/session')).status).toBe(200);
    expect((await owner.api('DELETE', `/people/${aliceId}`)).status).toBe(204);
    for (const cookie of aliceSessions) {
      const refused = await clientOf(cookie).api('GET', '/session');
      expect(refused.status).toBe(401);
      expect(codeOf(refused.body)).toBe('RB_ERR_UNAUTHENTICATED');
    }
    // What she did still says who, by the address kept with it: her record is gone.
    const events = (await owner.api('GET', `/connections/${connectionId}/events`)).body as {
      events: { type: string; actor: string; actorEmail?: string }[];
    };
    expect(events.events).toContainEqual(
      expect.objectContaining({ type: 'connected', actor: `person:${aliceId}`, actorEmail: ALICE }),
    );
    const left = ((await owner.api('GET', '/people')).body as PeopleResponse).people;
    expect(left.map((person) => person.email)).not.toContain(ALICE);
    expect(left.map((person) => person.email)).toContain(`olivia-${mark}@example.com`);
  });

  it('keeps no invitation the mail server refused, and says so with a coded 503', async () => {
    smtp.refuse(true);
    const refused = await owner.api('POST', '/people/invitations', {
      email: `carol-${mark}@example.com`,
      role: 'viewer',
    });
    smtp.refuse(false);
    expect(refused.status).toBe(503);
    expect(codeOf(refused.body)).toBe('RB_ERR_MAIL_UNAVAILABLE');
    expect(((await owner.api('GET', '/people')).body as PeopleResponse).invitations).toEqual([]);
  });

  it('shows a link to copy once; withdrawing the invitation makes it refuse', async () => {
    const made = await owner.api('POST', '/people/invitations', {
      email: `bob-${mark}@example.com`,
      role: 'viewer',
      delivery: 'copy',
    });
    const { invitation, link, mailed } = made.body as InviteResponse;
    expect(mailed).toBe(false);
    secrets.push(/\/admin\/invitation\/([A-Za-z0-9_-]+)/.exec(link ?? '')?.[1] ?? '');
    answers.pop(); // the one answer allowed to show it
    const listed = (await owner.api('GET', '/people')).body as PeopleResponse;
    expect(listed.invitations.map((open) => open.id)).toEqual([invitation.id]);
    expect((await owner.api('DELETE', `/people/invitations/${invitation.id}`)).status).toBe(204);
    const page = await fetch((link ?? '').replace(app.config.publicUrl, app.url));
    expect(page.status).toBe(401);
  });

  it('records each change with its actor and front end', async () => {
    const trail = (await owner.api('GET', '/activity')).body as ActivityResponse;
    // A create route names what it created.
    expect(trail.entries).toContainEqual(
      expect.objectContaining({ action: 'POST /connections', actorEmail: ALICE, subject: connectionId }),
    );
    const actions = trail.entries.map((entry) => `${entry.action} by ${entry.actor} (${entry.frontEnd})`);
    expect(actions).toEqual(
      expect.arrayContaining([
        'POST /people/invitations by merchant (standalone)',
        `person_joined by person:${aliceId} (standalone)`,
        `PUT /rules by person:${aliceId} (standalone)`,
        'PUT /people/:id/role by merchant (standalone)',
        'DELETE /people/:id by merchant (standalone)',
        'DELETE /people/invitations/:id by merchant (standalone)',
      ]),
    );
  });

  it('never lets a sign-in or invitation secret into a log line, another answer or the store (canary)', async () => {
    expect(secrets.filter((secret) => secret.length >= 40)).toHaveLength(secrets.length);
    expect(secrets.length).toBeGreaterThanOrEqual(4);
    const logs = app.logs();
    expect(logs).toContain('/admin/invitation/');
    const stored = JSON.stringify([
      ...(await app.store.listDocs(TENANT, 'invitation')).values(),
      ...(await app.store.listDocs(TENANT, 'person')).values(),
      await app.store.listRange(TENANT, 'activity', 0, 500),
    ]);
    for (const secret of secrets) {
      expect(logs).not.toContain(secret);
      for (const answer of answers) expect(answer).not.toContain(secret);
      expect(stored).not.toContain(secret);
      // Kept by its hash only: the secret itself names nothing in the store.
      expect(await app.store.cacheGet(`sign-in-link:${secret}`)).toBeUndefined();
      expect(await app.store.cacheGet(`invitation-link:${secret}`)).toBeUndefined();
    }
  });
});
