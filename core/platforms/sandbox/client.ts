/** HTTP only: sends what the mapper built to the sandbox, with its auth and environment headers. */
import type { HttpPlatformSettings, PlatformCredentials } from '../freight-platform.js';
import { createPlatformHttp, type HttpOutcome } from '../http-client.js';
import { ENVIRONMENT_HEADER, type SandboxQuoteRequest } from './wire-format.js';

export const SANDBOX_DISPLAY_NAME = 'RateBridge Sandbox';

export interface SandboxSettings extends HttpPlatformSettings {
  /** Where the sandbox is mounted, e.g. `https://ratebridge.example/sandbox`. */
  readonly baseUrl: string;
}

export interface SandboxClient {
  ping(credentials: PlatformCredentials, signal?: AbortSignal): Promise<HttpOutcome>;
  quote(
    credentials: PlatformCredentials,
    body: SandboxQuoteRequest,
    signal: AbortSignal,
  ): Promise<HttpOutcome>;
  localities(credentials: PlatformCredentials, query: string, signal?: AbortSignal): Promise<HttpOutcome>;
  warehouses(credentials: PlatformCredentials, signal?: AbortSignal): Promise<HttpOutcome>;
}

export function createSandboxClient(settings: SandboxSettings): SandboxClient {
  const http = createPlatformHttp({
    baseUrl: settings.baseUrl,
    timeoutMs: settings.timeoutMs,
    displayName: SANDBOX_DISPLAY_NAME,
  });
  const headers = (credentials: PlatformCredentials) => ({
    Authorization: `Bearer ${credentials.token}`,
    [ENVIRONMENT_HEADER]: credentials.environment,
  });

  return {
    ping: (credentials, signal) =>
      http.send({ method: 'POST', path: 'v1/ping', headers: headers(credentials), signal }),
    quote: (credentials, body, signal) =>
      http.send({ method: 'POST', path: 'v1/quotes', headers: headers(credentials), body, signal }),
    localities: (credentials, query, signal) =>
      http.send({
        method: 'GET',
        path: `v1/localities?${new URLSearchParams({ q: query })}`,
        headers: headers(credentials),
        signal,
      }),
    warehouses: (credentials, signal) =>
      http.send({ method: 'GET', path: 'v1/warehouses', headers: headers(credentials), signal }),
  };
}
