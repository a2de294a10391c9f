import http from 'node:http';
import { describe, expect, it } from 'vitest';
import express from 'express';
import { redactLogObject } from '../../../core/security/redact-log-object.js';
import { rememberSecret, withSecretScope } from '../../../core/security/redact.js';
import { requestLogging } from '../../../core/http/request-logging.js';
import { capturingLogger } from '../../support/log-capture.js';

const CANARY = 'canary-7f3a9c1e-secret-value';

describe("the logger's redaction", () => {
  it('hands a clean log object back as it is, without a copy', () => {
    const object = { tenant: 't1', destination: { state: 'NSW', postcode: '2000' }, lines: [{ sku: 'A' }] };
    expect(redactLogObject(object)).toBe(object);
  });

  it('replaces credential fields, secret URL parts and remembered secrets at any depth, leaving the input alone', () => {
    const object = {
      tenant: 't1',
      nested: { list: [{ accessToken: 't', keyId: 'rbk_1' }], url: '/x?code=abc&q=1' },
      message: withSecretScope(() => {
        rememberSecret(CANARY);
        return redactLogObject({ text: `failed with ${CANARY}` });
      }),
      at: new URL(`https://example.com/cb?state=${CANARY}`),
      error: new Error('boom'),
    };
    const redacted = redactLogObject(object);
    expect(redacted).toMatchObject({
      tenant: 't1',
      nested: { list: [{ accessToken: '[redacted]', keyId: 'rbk_1' }], url: '/x?code=[redacted]&q=1' },
      message: { text: 'failed with [redacted]' },
      error: { type: 'Error', message: 'boom' },
    });
    expect(JSON.stringify(redacted)).not.toContain(CANARY);
    expect(object.nested.list[0]?.accessToken).toBe('t');
  });

  it("writes a request's line from the serializers only: no header, cookie or secret path reaches it", async () => {
    const { logger, text } = capturingLogger('info');
    const app = express();
    app.use(requestLogging(logger));
    app.get('/shopify/carrier-service/:key', (_request, response) => {
      response.json({ ok: true });
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as { port: number };
    await fetch(`http://127.0.0.1:${port}/shopify/carrier-service/${CANARY}?hmac=${CANARY}`, {
      headers: { authorization: `Bearer ${CANARY}`, cookie: `s=${CANARY}`, 'x-canary': CANARY },
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    server.close();
    expect(text()).toContain('"statusCode":200');
    expect(text()).toContain('/shopify/carrier-service/[redacted]');
    expect(text()).not.toContain(CANARY);
  });

  it('serializes a raw request logged by hand under req without its headers', async () => {
    const { logger, text } = capturingLogger('info');
    const server = http.createServer((request, response) => {
      logger.info({ req: request, res: response }, 'by hand');
      response.end();
    });
    server.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as { port: number };
    await fetch(`http://127.0.0.1:${port}/login/${CANARY}`, { headers: { authorization: CANARY } });
    server.close();
    expect(text()).toContain('"method":"GET"');
    expect(text()).toContain('/login/[redacted]');
    expect(text()).not.toContain(CANARY);
  });
});
