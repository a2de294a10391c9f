/**
 * The sandbox's account endpoints (a platform's web UI; the sandbox has no users, so no auth): API tokens,
 * injected behaviour, call statistics and reset. The wire format is in sandbox-router.ts.
 */
import type { Router } from 'express';
import { behaviourSchema } from './behaviour.js';
import { parseBody, sendError } from './sandbox-replies.js';
import type { SandboxStateAccess } from './sandbox-state.js';
import type { TokenRegistry } from './token-registry.js';
import { createTokenBodySchema } from './wire-format.js';

export function mountAccountRoutes(router: Router, state: SandboxStateAccess, registry: TokenRegistry): void {
  router.post('/api-tokens', async (req, res) => {
    const body = parseBody(createTokenBodySchema, req, res);
    if (!body) return;
    const created = await registry.create(body.name, body.environment);
    if (!created.ok) {
      return created.reason === 'name_taken'
        ? sendError(res, 409, 'name_taken', 'A token with this name already exists. Choose another name.')
        : sendError(
            res,
            422,
            'too_many_tokens',
            'This sandbox holds as many tokens as it can. Reset it first.',
          );
    }
    res.status(201).set('Cache-Control', 'no-store').json({ token: created.value, apiToken: created.token });
  });

  router.get('/api-tokens', async (_req, res) => {
    res.json({ apiTokens: await registry.list() });
  });

  router.post('/api-tokens/:name/revoke', async (req, res) => {
    const revoked = await registry.revoke(String(req.params.name));
    if (!revoked) return sendError(res, 404, 'not_found', 'There is no token with this name.');
    res.json({ apiToken: revoked });
  });

  router.put('/behaviour', async (req, res) => {
    const behaviour = parseBody(behaviourSchema, req, res);
    if (!behaviour) return;
    await state.setBehaviour(behaviour);
    res.json({ behaviour });
  });

  router.get('/behaviour', async (_req, res) => {
    res.json({ behaviour: (await state.read()).behaviour });
  });

  router.get('/stats', async (_req, res) => {
    res.json(await state.stats());
  });

  router.post('/reset', async (_req, res) => {
    const { behaviour } = await state.reset();
    res.json({ behaviour, stats: await state.stats() });
  });
}
