import { createHmac } from 'node:crypto';
import { constantTimeEqual } from './constant-time.js';

/**
 * The webhook signature Shopify (`X-Shopify-Hmac-Sha256`) and WooCommerce (`X-WC-Webhook-Signature`) both
 * send: base64 HMAC-SHA256 of the exact raw body, keyed with a shared secret. Compared in constant time.
 */
export function verifyBase64Hmac(rawBody: Buffer, signature: string | undefined, secret: string): boolean {
  if (signature === undefined || signature.trim() === '') return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest('base64');
  return constantTimeEqual(expected, signature.trim());
}
