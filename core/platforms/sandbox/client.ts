/** HTTP only: sends what the mapper built to the sandbox, with its auth and environment headers. */
import type { HttpPlatformSettings, PlatformCredentials } from '../freight-platform.js';
import { createPlatformHttp, type HttpOutcome } from '../http-client.js';
import type { SandboxRequest } from './mapper.js';
import { ENVIRONMENT_HEADER } from './wire-format.js';

export const SANDBOX_DISPLAY_NAME = 'RateBridge Sandbox';

export interface SandboxSettings extends HttpPlatformSettings {
  /** Where the sandbox is mounted, e.g. `https://ratebridge.example/sandbox`. */
  readonly baseUrl: string;
}

export interface SandboxClient {
  send(credentials: PlatformCredentials, request: SandboxRequest, signal?: AbortSignal): Promise<HttpOutcome>;
}

export function createSandboxClient(settings: SandboxSettings): SandboxClient {
  const http = createPlatformHttp({
    baseUrl: settings.baseUrl,
    timeoutMs: settings.timeoutMs,
    displayName: SANDBOX_DISPLAY_NAME,
  });
  return {
    send(credentials, request, signal) {
      return http.send({
        ...request,
        headers: {
          Authorization: `Bearer ${credentials.token}`,
          [ENVIRONMENT_HEADER]: credentials.environment,
        },
        ...(signal ? { signal } : {}),
        ...(credentials.budget ? { budget: credentials.budget } : {}),
      });
    },
  };
}
