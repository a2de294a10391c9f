import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The webhook signature Shopify (`X-Shopify-Hmac-Sha256`) and WooCommerce (`X-WC-Webhook-Signature`) both
 * send: base64 HMAC-SHA256 of the exact raw body, keyed with a shared secret. Compared in constant time, as
 * the 32 bytes themselves: a signature that is not exactly the canonical base64 of 32 bytes is refused
 * before any comparison, and that length is public, so nothing about the secret leaks. (Hashing both sides
 * first, as constantTimeEqual does for secrets of unknown length, cost two SHA-256 per checkout.)
 */
export function verifyBase64Hmac(rawBody: Buffer, signature: string | undefined, secret: string): boolean {
  if (signature === undefined) return false;
  const given = signature.trim();
  const bytes = Buffer.from(given, 'base64');
  if (bytes.length !== 32 || bytes.toString('base64') !== given) return false;
  return timingSafeEqual(createHmac('sha256', secret).update(rawBody).digest(), bytes);
}
