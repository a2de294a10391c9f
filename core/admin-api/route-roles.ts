/**
 * Every admin route says, next to itself and first, which role it needs:
 *
 *   router.put('/rules', needs('admin'), jsonBody('64kb'), handler)
 *
 * `needs` refuses a caller below that role with a coded 403 naming the role (RB_ERR_ROLE_REQUIRED) before
 * anything else runs. Whatever only an admin or an owner may do, and is not a read, is a change worth the
 * store's activity trail: once its handler has answered with success, `needs` records the route, the
 * actor and the front end (core/people/activity-trail.ts). Nobody has to remember to audit a new route.
 * `assertRolesDeclared` walks a router's stack and throws when a route's first handler for a method is not
 * a `needs`, or when a `use` layer that is not a router would run undeclared code:
 * each admin router calls it as it is built, so a route added without a declaration stops the server from
 * starting (and test/e2e/route-roles.test.ts walks every route with every role).
 */
import type { RequestHandler, Response, Router } from 'express';
import { rbError } from '../errors.js';
import type { ActivityTrail } from '../people/activity-trail.js';
import type { Role } from '../wire/admin-api-types.js';
import { ROLES } from '../wire/people-schema.js';
import { tenantContext } from './tenant-context.js';

const DECLARATION = Symbol('rb-route-role');
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

interface Declared {
  readonly [DECLARATION]: { readonly role: Role };
}

/** Each front end's auth middleware hands the store's activity trail to the declarations through this. */
export function useActivityTrail(response: Response, trail: ActivityTrail): void {
  response.locals.rbActivity = trail;
}

function activityTrailOf(response: Response): ActivityTrail | undefined {
  return response.locals.rbActivity as ActivityTrail | undefined;
}

/** Whether `have` includes everything `need` may do. */
export function roleAtLeast(have: Role, need: Role): boolean {
  return ROLES.indexOf(have) >= ROLES.indexOf(need);
}

export function needs(role: Role): RequestHandler {
  const audited = role !== 'viewer';
  const handler: RequestHandler = (request, response, next) => {
    const context = tenantContext(response);
    if (!roleAtLeast(context.role, role)) {
      // They may have the role: whoever could say was not reachable. A 403 would tell them they do not.
      if (context.roleUnconfirmed) throw rbError('RB_ERR_SHOPIFY_STAFF_UNKNOWN').withRetryAfter(30);
      throw rbError('RB_ERR_ROLE_REQUIRED', role, context.role);
    }
    const route = (request as { route?: { path?: unknown } }).route?.path;
    if (audited && !SAFE_METHODS.has(request.method) && typeof route === 'string')
      recordOnSuccess(response, `${request.method} ${route}`, request.params.id);
    next();
  };
  return Object.assign(handler, { [DECLARATION]: { role } });
}

/**
 * Holds the answer back until its activity entry is written: the next read of the trail then has it. A
 * failed write costs the entry (logged), never the answer.
 */
function recordOnSuccess(response: Response, action: string, named: unknown): void {
  const end = response.end.bind(response) as (...args: unknown[]) => Response;
  const json = response.json.bind(response);
  const { tenant, actor, frontEnd, email } = tenantContext(response);
  const trail = activityTrailOf(response);
  // A route that names no record (POST /connections, POST /connector-keys…) made one: its id is the subject.
  let created: string | undefined;
  response.json = ((body: unknown) => {
    created = createdIdOf(body);
    return json(body);
  }) as Response['json'];
  response.end = ((...args: unknown[]) => {
    if (response.statusCode >= 400 || !trail) return end(...args);
    const subject = typeof named === 'string' ? named : action.startsWith('POST ') ? created : undefined;
    const entry = {
      at: new Date().toISOString(),
      action,
      actor,
      ...(email === undefined ? {} : { actorEmail: email }),
      frontEnd,
      ...(subject === undefined ? {} : { subject }),
    };
    trail
      .record(tenant, entry)
      .catch((error: unknown) => {
        (response.req as { log?: { error(o: object, m: string): void } }).log?.error(
          { err: error },
          'an activity entry could not be recorded',
        );
      })
      .finally(() => end(...args));
    return response;
  }) as Response['end'];
}

/**
 * The id of the record an answer carries: `{id}` itself, or the one `{thing: {id}}` beside non-records
 * (`{key: {id…}, secret}`). Never anything else of the answer: the trail holds ids, not content.
 */
function createdIdOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { id } = body as { id?: unknown };
  if (typeof id === 'string') return id;
  const ids = Object.values(body)
    .map((value) =>
      typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined,
    )
    .filter((value): value is string => typeof value === 'string');
  return ids.length === 1 ? ids[0] : undefined;
}

interface Layer {
  route?: { path: string; methods: Record<string, boolean>; stack: RouteLayer[] };
  handle?: { stack?: Layer[] } & Partial<Declared>;
}
/** A handler of a route; `method` undefined for `route.all(...)`. */
interface RouteLayer {
  method?: string;
  handle: unknown;
}

/** The declaration of `method` on a route layer: its first handler for that method, if it is a `needs`. */
function declarationOf(layer: Layer, method: string): Declared[typeof DECLARATION] | undefined {
  const first = layer.route?.stack.find(
    (handler) => handler.method === undefined || handler.method === method,
  );
  return (first?.handle as Partial<Declared> | undefined)?.[DECLARATION];
}

/**
 * Every `METHOD /path` of `routers` with the role it declares (undefined: none declared), each method on
 * its own (`route(p).get(needs('viewer'), h).put(h2)`: the PUT declares nothing). A `use` layer that is not
 * a router, and not a declaration itself, runs on requests no route declares for: it is listed as
 * `USE <handler name>` with no role, so assertRolesDeclared refuses it.
 */
export function declaredRoles(routers: readonly Router[]): Map<string, Role | undefined> {
  const found = new Map<string, Role | undefined>();
  const walk = (stack: readonly Layer[]): void => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods))
          found.set(`${method.toUpperCase()} ${layer.route.path}`, declarationOf(layer, method)?.role);
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack);
      } else if (layer.handle?.[DECLARATION] === undefined) {
        found.set(`USE ${(layer as { name?: string }).name ?? 'anonymous'}`, undefined);
      }
    }
  };
  walk(routers.flatMap((router) => router.stack as unknown as Layer[]));
  return found;
}

/** Throws, naming them, when any route of `router` does not declare its role first. */
export function assertRolesDeclared<R extends Router>(router: R, name: string): R {
  const missing = [...declaredRoles([router])].filter(([, role]) => role === undefined).map(([r]) => r);
  if (missing.length > 0)
    throw new Error(
      `${name}: every admin route declares its role first (needs(...)); missing: ${missing.join(', ')}`,
    );
  return router;
}
