/** MachShip over HTTP: one host for test and live users, the token in a `token` header. */
import type { Logger } from '../../logger.js';
import type { PlatformCredentials } from '../freight-platform.js';
import { createPlatformHttp } from '../http-client.js';
import type { HttpOutcome } from '../http-client.js';
import { MACHSHIP_DISPLAY_NAME } from './mapper.js';
import type { MachShipRequest } from './mapper.js';

export interface MachShipSettings {
  /** `https://live.machship.com`; a trailing `/apiv2` (as MachShip's docs write the base) is dropped. */
  readonly baseUrl: string;
  readonly timeoutMs: number;
  /** Warnings about the account's set-up (no residential question); none are logged without it. */
  readonly logger?: Pick<Logger, 'warn'>;
}

export interface MachShipClient {
  send(
    credentials: PlatformCredentials,
    request: MachShipRequest,
    signal?: AbortSignal,
  ): Promise<HttpOutcome>;
}

export function createMachShipClient(settings: MachShipSettings): MachShipClient {
  const http = createPlatformHttp({
    // Paths start with /apiv2, so a base that also ends in it would double the segment.
    baseUrl: settings.baseUrl.replace(/\/apiv2\/?$/, ''),
    timeoutMs: settings.timeoutMs,
    displayName: MACHSHIP_DISPLAY_NAME,
  });
  return {
    send(credentials, request, signal) {
      // The document's security scheme "User API Token": an apiKey in the `token` header.
      return http.send({
        ...request,
        headers: { token: credentials.token },
        ...(signal ? { signal } : {}),
        ...(credentials.budget ? { budget: credentials.budget } : {}),
      });
    },
  };
}
