/**
 * Signs a request the way the WordPress plugin does (`hash_hmac('sha256', $t . '.' . $body, $secret)`),
 * written here again rather than borrowed from core, so a mistake in core's signer cannot hide itself.
 */
import { createHmac } from 'node:crypto';

export function pluginSignature(
  secret: string,
  body: string,
  timestamp = Math.floor(Date.now() / 1000),
): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function pluginHeaders(
  keyId: string,
  secret: string,
  body: string,
  timestamp?: number,
): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-ratebridge-key': keyId,
    'x-ratebridge-signature': pluginSignature(secret, body, timestamp),
  };
}
