/**
 * Every platform API call goes through the same gate, in this order: 400 missing_environment; the
 * injected behaviour; 401 missing_token or invalid_token (unknown and revoked look the same); 403
 * wrong_environment. Then the handler runs with the authenticated token.
 */
import type { Request, Response } from 'express';
import { injectBehaviour } from './inject-behaviour.js';
import { sendError } from './sandbox-replies.js';
import type { CountedCall, SandboxStateAccess } from './sandbox-state.js';
import type { ApiTokenSummary, TokenRegistry } from './token-registry.js';
import { ENVIRONMENT_HEADER, environmentSchema } from './wire-format.js';

export type PlatformHandler = (req: Request, res: Response, token: ApiTokenSummary) => Promise<void> | void;

export const platformCall =
  (state: SandboxStateAccess, registry: TokenRegistry) =>
  (call: CountedCall, handler: PlatformHandler) =>
  async (req: Request, res: Response): Promise<void> => {
    const environment = environmentSchema.safeParse(req.get(ENVIRONMENT_HEADER));
    if (!environment.success) {
      return sendError(
        res,
        400,
        'missing_environment',
        'Send the X-Sandbox-Environment header: live or test.',
      );
    }
    const current = await state.read();
    const callNumber = await state.count(current, call);
    if (!(await injectBehaviour(state, current, callNumber, res))) return;

    const presented = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
    if (presented === undefined) {
      return sendError(res, 401, 'missing_token', 'Send an API token as Authorization: Bearer <token>.');
    }
    const auth = await registry.authenticate(presented);
    if (!auth.ok) {
      return sendError(
        res,
        401,
        'invalid_token',
        'This API token is not valid: mistyped or revoked. Create a new one.',
      );
    }
    if (auth.token.environment !== environment.data) {
      return sendError(
        res,
        403,
        'wrong_environment',
        `This is a ${auth.token.environment} token; it cannot be used for ${environment.data}.`,
        { tokenEnvironment: auth.token.environment },
      );
    }
    await handler(req, res, auth.token);
  };
