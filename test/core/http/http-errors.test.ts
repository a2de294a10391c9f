import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorHandler, notFoundHandler } from '../../../core/http/error-handler.js';
import { jsonBody, parseWith } from '../../../core/http/json-body.js';
import { requestLogging } from '../../../core/http/request-logging.js';
import { rememberSecret } from '../../../core/security/redact.js';
import { capturingLogger } from '../../support/log-capture.js';
import { listen } from '../../support/listen.js';

describe('HTTP error rendering', () => {
  const { logger, text } = capturingLogger();
  let server: Awaited<ReturnType<typeof listen>>;
  const canary = `canary-${Date.now()}-Zq9`;

  beforeAll(async () => {
    const app = express();
    app.use(requestLogging(logger));
    app.post('/echo', jsonBody('1kb'), (request, response) => {
      const body = parseWith(
        z.object({ name: z.string().min(1), count: z.number().int() }).strict(),
        request.body,
      );
      logger.info({ body: { ...body, apiToken: canary } }, 'echoing');
      response.json(body);
    });
    app.get('/items/:id', (request, response) => {
      response.json({ id: request.params.id });
    });
    app.get('/boom', () => {
      // As the token lifecycle does with a pasted token: known secrets are scrubbed from any log text.
      rememberSecret(canary);
      throw new Error(`internal detail with ${canary}`);
    });
    app.use(notFoundHandler);
    app.use(errorHandler(logger));
    server = await listen(app);
  });
  afterAll(() => server.close());

  const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    fetch(`${server.url}/echo`, { method: 'POST', body, headers });

  it('answers malformed JSON with 400 RB_ERR_BAD_JSON', async () => {
    const response = await post('{"name": "x",');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { code: 'RB_ERR_BAD_JSON', message: 'The request body is not valid JSON.' },
    });
  });

  it('answers an oversized body with 413 RB_ERR_BODY_TOO_LARGE', async () => {
    const response = await post(JSON.stringify({ name: 'x'.repeat(5000), count: 1 }));
    expect(response.status).toBe(413);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('RB_ERR_BODY_TOO_LARGE');
    expect(body.error.message).toContain('1 KB');
  });

  it('answers invalid fields with 400 and per-field details', async () => {
    const response = await post(JSON.stringify({ name: '', count: 1.5, extra: true }));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; details: { path: string }[] } };
    expect(body.error.code).toBe('RB_ERR_VALIDATION');
    expect(body.error.details.map((d) => d.path).sort()).toEqual(['', 'count', 'name']);
  });

  it('never shows a stack trace or internal detail, even for a crash', async () => {
    const response = await fetch(`${server.url}/boom`);
    expect(response.status).toBe(500);
    const raw = await response.text();
    expect(JSON.parse(raw)).toEqual({
      error: { code: 'RB_ERR_INTERNAL', message: expect.any(String) as string },
    });
    expect(raw).not.toContain('internal detail');
    expect(raw).not.toContain('at ');
  });

  it('answers a malformed %-escape in a path parameter with a coded 404, not a fault', async () => {
    const response = await fetch(`${server.url}/items/%E0%A4%A`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'RB_ERR_ROUTE_NOT_FOUND',
    );
  });

  it('answers unknown routes with a coded 404', async () => {
    const response = await fetch(`${server.url}/nothing-here`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'RB_ERR_ROUTE_NOT_FOUND',
    );
  });

  it('gives every request an id, echoes it, and logs the error code on the request line', async () => {
    const response = await post('{', { 'content-type': 'application/json', 'x-request-id': 'req-abc-123' });
    expect(response.headers.get('x-request-id')).toBe('req-abc-123');
    const line = text()
      .split('\n')
      .map((l) => JSON.parse(l) as { req?: { id: string }; errorCode?: string; msg: string })
      .find((entry) => entry.req?.id === 'req-abc-123' && entry.msg === 'request completed');
    expect(line?.errorCode).toBe('RB_ERR_BAD_JSON');
  });

  it("logs a crash's request line at error level with its code and timing", async () => {
    const response = await fetch(`${server.url}/boom`, { headers: { 'x-request-id': 'req-boom-1' } });
    expect(response.status).toBe(500);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const line = text()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown> & { req?: { id: string; url: string } })
      .find((entry) => entry.req?.id === 'req-boom-1');
    expect(line).toMatchObject({
      level: 50,
      msg: 'request errored',
      req: { method: 'GET', url: '/boom' },
      res: { statusCode: 500 },
      errorCode: 'RB_ERR_INTERNAL',
    });
    expect(typeof line?.['responseTime']).toBe('number');
  });

  it('redacts anything named like a credential from every log line (canary)', async () => {
    const response = await post(JSON.stringify({ name: 'ok', count: 2 }), {
      'content-type': 'application/json',
      authorization: `Bearer ${canary}`,
      cookie: `session=${canary}`,
    });
    expect(response.status).toBe(200);
    await fetch(`${server.url}/boom?token=${canary}`);
    const logs = text();
    expect(logs).toContain('echoing');
    expect(logs).toContain('[redacted]');
    expect(logs).not.toContain(canary);
  });
});
