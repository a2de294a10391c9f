import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config.js';
import { RateBridgeError } from '../../core/errors.js';

const validKeys = `k1:${randomBytes(32).toString('base64')}`;

function configProblems(environment: Record<string, string>): RateBridgeError {
  try {
    loadConfig(environment);
  } catch (error) {
    if (error instanceof RateBridgeError) return error;
    throw error;
  }
  throw new Error('expected loadConfig to refuse');
}

describe('config', () => {
  it('needs nothing to run locally and is frozen', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.redis).toBeUndefined();
    expect(config.sandboxEnabled).toBe(true);
    expect(config.demoStoreEnabled).toBe(true);
    expect(config.quote.deadlineMs).toBe(2500);
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.quote)).toBe(true);
    expect(() => {
      (config as { port: number }).port = 1;
    }).toThrow();
  });

  it('reports every invalid or missing key in one error', () => {
    const error = configProblems({
      NODE_ENV: 'production',
      PORT: 'eighty',
      QUOTE_DEADLINE_MS: '10',
      REDIS_URL: 'http://wrong-scheme',
    });
    expect(error.code).toBe('RB_ERR_CONFIG');
    for (const name of ['PORT', 'QUOTE_DEADLINE_MS', 'REDIS_URL']) expect(error.message).toContain(name);
    // Cross-key checks are reported together with invalid keys, not after they are fixed.
    const both = configProblems({ NODE_ENV: 'production', PORT: 'abc' });
    for (const name of ['PORT', 'RATEBRIDGE_KEYS is required', 'PUBLIC_URL is required'])
      expect(both.message).toContain(name);
    const production = configProblems({ NODE_ENV: 'production' });
    expect(production.message).toContain('RATEBRIDGE_KEYS is required');
    expect(production.message).toContain('PUBLIC_URL is required');
  });

  it('never echoes a secret value in its error', () => {
    const secretRedis = 'redis://:hunter2-canary@[bad';
    const secretKeys = 'k1:Y2FuYXJ5LWtleS1tYXRlcmlhbA==';
    const error = configProblems({ REDIS_URL: secretRedis, RATEBRIDGE_KEYS: secretKeys });
    expect(error.message).not.toContain('hunter2-canary');
    expect(error.message).not.toContain('Y2FuYXJ5');
    expect(JSON.stringify(error.details)).not.toContain('hunter2-canary');
  });

  it('selects Redis, Sentinel or Cluster and refuses more than one', () => {
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).redis).toEqual({
      mode: 'standalone',
      url: 'redis://127.0.0.1:6379',
    });
    expect(loadConfig({ REDIS_SENTINELS: 'a:26379,b:26379', REDIS_SENTINEL_NAME: 'main' }).redis).toEqual({
      mode: 'sentinel',
      name: 'main',
      sentinels: [
        { host: 'a', port: 26379 },
        { host: 'b', port: 26379 },
      ],
    });
    expect(loadConfig({ REDIS_CLUSTER_NODES: 'c1:7000' }).redis?.mode).toBe('cluster');
    expect(configProblems({ REDIS_URL: 'redis://x:1', REDIS_CLUSTER_NODES: 'c:1' }).message).toContain(
      'only one',
    );
  });

  it('production defaults: sandbox and demo store off, keys parsed', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      RATEBRIDGE_KEYS: validKeys,
      PUBLIC_URL: 'https://rb.example',
    });
    expect(config.sandboxEnabled).toBe(false);
    expect(config.demoStoreEnabled).toBe(false);
    expect(config.keyRing?.primary.id).toBe('k1');
    expect(config.host).toBe('0.0.0.0');
  });

  it('alert mail: SMTP settings come as a set, secrets are never echoed, production requires TLS', () => {
    expect(loadConfig({}).alerts.mail).toBeUndefined();
    const incomplete = configProblems({ SMTP_HOST: 'smtp.example.com', SMTP_USER: 'alerts' });
    expect(incomplete.message).toContain('ALERT_MAIL_FROM is required with SMTP_HOST');
    expect(incomplete.message).toContain('ALERT_MAIL_TO is required with SMTP_HOST');
    expect(incomplete.message).toContain('SMTP_USER and SMTP_PASSWORD are set together');
    const badMetrics = configProblems({ METRICS_TOKEN: 'short-metrics-secret' });
    expect(badMetrics.message).toContain('METRICS_TOKEN is not valid');
    expect(badMetrics.message).not.toContain('short-metrics-secret');

    const mail = {
      SMTP_HOST: 'smtp.example.com',
      SMTP_USER: 'alerts',
      SMTP_PASSWORD: 'pw',
      ALERT_MAIL_FROM: 'alerts@example.com',
      ALERT_MAIL_TO: 'a@example.com, b@example.com',
    };
    expect(loadConfig(mail).alerts.mail).toEqual({
      host: 'smtp.example.com',
      port: 587,
      secure: false,
      requireTls: false,
      auth: { user: 'alerts', password: 'pw' },
      from: 'alerts@example.com',
      to: ['a@example.com', 'b@example.com'],
    });
    const production = loadConfig({
      ...mail,
      NODE_ENV: 'production',
      RATEBRIDGE_KEYS: validKeys,
      PUBLIC_URL: 'https://rates.example.com',
    });
    expect(production.alerts.mail).toMatchObject({ requireTls: true, port: 587 });
    expect(loadConfig({ ...mail, SMTP_SECURE: 'true' }).alerts.mail).toMatchObject({
      port: 465,
      secure: true,
    });
    expect(loadConfig({}).alerts.fallback).toEqual({ share: 0.5, sustainMs: 15 * 60_000, minQuotes: 10 });
  });

  it('reads TRUST_PROXY as a hop count or named proxies, off by default, and refuses `true`', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, loopback,::1' }).trustProxy).toEqual([
      '10.0.0.0/8',
      'loopback',
      '::1',
    ]);
    for (const bad of ['true', '10.0.0.0/33', 'proxy.example.com'])
      expect(configProblems({ TRUST_PROXY: bad }).message, bad).toContain('TRUST_PROXY');
  });
});
