/** Big Post over HTTP: separate live and staging hosts, the token in an `AccessToken` header. */
import type { PlatformCredentials, PlatformEnvironment } from '../freight-platform.js';
import { createPlatformHttp } from '../http-client.js';
import type { HttpOutcome, PlatformHttp } from '../http-client.js';
import { BIGPOST_DISPLAY_NAME } from './mapper.js';
import type { BigPostRequest } from './mapper.js';

export interface BigPostSettings {
  /** `https://api.bigpost.com.au` */
  readonly liveBaseUrl: string;
  /** `https://stagingapiv2.bigpost.com.au` */
  readonly testBaseUrl: string;
  readonly timeoutMs: number;
}

export interface BigPostClient {
  /** Sends to the host of `credentials.environment`. */
  send(credentials: PlatformCredentials, request: BigPostRequest, signal?: AbortSignal): Promise<HttpOutcome>;
}

export function createBigPostClient(settings: BigPostSettings): BigPostClient {
  const hosts: Readonly<Record<PlatformEnvironment, PlatformHttp>> = {
    live: createPlatformHttp({
      baseUrl: settings.liveBaseUrl,
      timeoutMs: settings.timeoutMs,
      displayName: BIGPOST_DISPLAY_NAME,
    }),
    test: createPlatformHttp({
      baseUrl: settings.testBaseUrl,
      timeoutMs: settings.timeoutMs,
      displayName: `${BIGPOST_DISPLAY_NAME} staging`,
    }),
  };
  return {
    send(credentials, request, signal) {
      return hosts[credentials.environment].send({
        ...request,
        headers: { AccessToken: credentials.token },
        ...(signal ? { signal } : {}),
        ...(credentials.budget ? { budget: credentials.budget } : {}),
      });
    },
  };
}
