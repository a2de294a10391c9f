/**
 * Keyed fingerprints (HMAC-SHA256): recognise a secret seen before (the same token pasted twice) without
 * storing anything that could be tested offline against guesses. A fingerprint is tagged with its key id;
 * after a rotation `matches` still recognises fingerprints made with any key in the ring.
 */
import { createHmac } from 'node:crypto';
import { deriveKey, type KeyRing } from './key-ring.js';
import { constantTimeEqual } from './constant-time.js';

export interface Fingerprinter {
  /** `<keyId>:<hex>` with the primary key. */
  fingerprint(secret: string): string;
  /** Whether `fingerprint` was made from `secret` by any key in the ring. */
  matches(secret: string, fingerprint: string): boolean;
}

export function createFingerprinter(ring: KeyRing): Fingerprinter {
  const macKeys = new Map([...ring.keys.values()].map((key) => [key.id, deriveKey(key, 'fingerprint')]));
  const make = (keyId: string, secret: string): string | undefined => {
    const macKey = macKeys.get(keyId);
    return macKey && `${keyId}:${createHmac('sha256', macKey).update(secret, 'utf8').digest('hex')}`;
  };
  return {
    fingerprint: (secret) => make(ring.primary.id, secret) as string,
    matches(secret, fingerprint) {
      const expected = make(fingerprint.split(':')[0] ?? '', secret);
      return expected !== undefined && constantTimeEqual(expected, fingerprint);
    },
  };
}
