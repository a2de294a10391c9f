/**
 * How people reach a standalone store (docs/people-and-roles.md), mounted at /admin beside the signed
 * login links:
 *
 *   POST /admin/sign-in {email}         mails a sign-in link per store; 202 whether or not it has any
 *   GET  /admin/sign-in/:secret         asks to confirm (which store); POST spends it and signs in
 *   GET  /admin/invitation/:secret      asks to confirm (which store, which role); POST joins and signs in
 *
 * Opening a link only shows a page: a mail scanner that fetches it spends nothing. Every POST must come
 * from our own origin, like the login links' confirmation.
 */
import express, { Router, type Request, type Response } from 'express';
import { rbError } from '../errors.js';
import { escapeHtml } from '../http/escape-html.js';
import { jsonBody, parseWith } from '../http/json-body.js';
import { simplePage } from '../http/simple-page.js';
import type { PeopleService } from '../people/people-service.js';
import { personActor } from '../people/people-store.js';
import { signInBodySchema } from '../wire/people-schema.js';
import type { createStandaloneSessions } from './standalone-session.js';
import { storeDisplayName } from './store-display.js';

type Sessions = ReturnType<typeof createStandaloneSessions>;

const form = express.urlencoded({ extended: false, limit: '1kb' });

export function personSignInRoutes(
  sessions: Sessions,
  service: PeopleService,
  landingPath = '/admin/',
): Router {
  const router = Router();
  const sameOrigin = (request: Request) => {
    if (!sessions.sameOrigin(request.headers)) throw rbError('RB_ERR_CROSS_SITE');
  };

  router.post('/sign-in', jsonBody('1kb'), async (request, response) => {
    sameOrigin(request);
    const { email } = parseWith(signInBodySchema, request.body);
    await service.requestSignIn(email, request.ip ?? 'unknown');
    response.status(202).json({ sent: true });
  });

  router.get('/sign-in/:secret', async (request, response) => {
    const claims = await service.signInLinks.peek(String(request.params.secret));
    if (!claims) throw rbError('RB_ERR_LOGIN_LINK_INVALID');
    confirmPage(request, response, `Sign in to ${storeDisplayName(claims.tenant)}`, 'This link signs you in');
  });

  router.post('/sign-in/:secret', form, async (request, response) => {
    sameOrigin(request);
    const claims = await service.signInLinks.spend(String(request.params.secret));
    const person = claims && (await service.people.get(claims.tenant, claims.person));
    if (!claims || !person) throw rbError('RB_ERR_LOGIN_LINK_INVALID');
    await sessions.startSession(response, request.headers, {
      tenant: claims.tenant,
      actor: personActor(person.id),
      role: person.role,
      frontEnd: 'standalone',
      person: person.id,
    });
    response.setHeader('Cache-Control', 'no-store');
    response.redirect(303, landingPath);
  });

  invitationRoutes(router, sessions, service, landingPath);
  return router;
}

/** GET/POST /admin/invitation/:secret: join the store with the invited role, and sign in. */
function invitationRoutes(router: Router, sessions: Sessions, service: PeopleService, landingPath: string) {
  router.get('/invitation/:secret', async (request, response) => {
    const found = await service.invitations.peek(String(request.params.secret));
    if (!found) throw rbError('RB_ERR_INVITATION_INVALID');
    const { tenant, invitation } = found;
    const lead = `This invitation (for ${invitation.email}, as ${invitation.role}) adds you`;
    confirmPage(request, response, `Join ${storeDisplayName(tenant)}`, lead);
  });

  router.post('/invitation/:secret', form, async (request, response) => {
    if (!sessions.sameOrigin(request.headers)) throw rbError('RB_ERR_CROSS_SITE');
    const { tenant, invitation } = await service.invitations.accept(String(request.params.secret));
    const person = await service.people.add(tenant, { ...invitation, addedBy: invitation.invitedBy });
    const actor = personActor(person.id);
    await service.activity.record(tenant, {
      at: new Date().toISOString(),
      action: 'person_joined',
      actor,
      actorEmail: person.email,
      frontEnd: 'standalone',
      subject: person.id,
    });
    await sessions.startSession(response, request.headers, {
      tenant,
      actor,
      role: person.role,
      frontEnd: 'standalone',
      person: person.id,
    });
    response.setHeader('Cache-Control', 'no-store');
    response.redirect(303, landingPath);
  });
}

/** A page that only asks to confirm: the POST of its form is what spends the link. */
function confirmPage(request: Request, response: Response, title: string, lead: string): void {
  response.setHeader('Cache-Control', 'no-store');
  // no-referrer (helmet's default) makes the browser send `Origin: null` with the form below.
  response.setHeader('Referrer-Policy', 'same-origin');
  const action = request.originalUrl.split('?')[0] ?? '';
  response
    .status(200)
    .type('html')
    .send(
      simplePage(
        title,
        `<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(lead)} to the RateBridge admin. Only continue if you asked for it.</p>
<form method="post" action="${escapeHtml(action)}">
<button type="submit">${escapeHtml(title)}</button>
</form>
`,
      ),
    );
}
