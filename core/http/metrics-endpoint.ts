/**
 * GET /metrics in Prometheus's text format. On the public listener it needs `Authorization: Bearer
 * <METRICS_TOKEN>`, compared in constant time; without METRICS_TOKEN it is not served (404). The private
 * listener (METRICS_PORT, bound to 127.0.0.1) serves it without a token: whoever reaches that port is
 * already on the machine.
 */
import type { RequestHandler } from 'express';
import { rbError } from '../errors.js';
import type { Metrics } from '../metrics/metrics-registry.js';
import { constantTimeEqual } from '../security/constant-time.js';

export function metricsEndpoint(metrics: Pick<Metrics, 'render' | 'contentType'>, token: string | undefined) {
  const handler: RequestHandler = async (request, response) => {
    if (token === undefined) throw rbError('RB_ERR_METRICS_OFF');
    const presented = /^Bearer (\S+)$/i.exec(request.get('authorization') ?? '')?.[1] ?? '';
    if (!constantTimeEqual(presented, token)) {
      response.set('WWW-Authenticate', 'Bearer realm="metrics"');
      throw rbError('RB_ERR_METRICS_UNAUTHORIZED');
    }
    await sendMetrics(metrics, response);
  };
  return handler;
}

/** The private listener's handler: no token. */
export function privateMetricsEndpoint(metrics: Pick<Metrics, 'render' | 'contentType'>): RequestHandler {
  return async (_request, response) => sendMetrics(metrics, response);
}

async function sendMetrics(
  metrics: Pick<Metrics, 'render' | 'contentType'>,
  response: Parameters<RequestHandler>[1],
): Promise<void> {
  const body = await metrics.render();
  response.set('Cache-Control', 'no-store').type(metrics.contentType).send(body);
}
