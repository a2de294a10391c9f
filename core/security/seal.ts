/**
 * Sealing secrets at rest: AES-256-GCM with a random 96-bit nonce, the owner bound as associated data
 * (a sealed token copied onto another tenant's or connection's record will not open there).
 *
 * Format: `rb1.<keyId>.<nonce b64url>.<ciphertext b64url>.<tag b64url>` — self-describing, so any key in the
 * ring opens what it sealed and `reseal` can move records to the primary key.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { rbError } from '../errors.js';
import { deriveKey, type KeyRing, type SealingKey } from './key-ring.js';

const VERSION = 'rb1';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export type Sealed = string & { readonly __sealed: true };

export interface Sealer {
  seal(plaintext: string, owner: string): Sealed;
  /** Throws RB_ERR_SEAL_UNREADABLE / RB_ERR_SEAL_UNKNOWN_KEY; never returns wrong plaintext. */
  open(sealed: string, owner: string): string;
  /** The same secret sealed with the primary key, or undefined when it already is. */
  reseal(sealed: string, owner: string): Sealed | undefined;
  /** Whether the value is in the sealed format at all (for migrations and sanity checks). */
  isSealed(value: string): value is Sealed;
}

export function createSealer(ring: KeyRing): Sealer {
  const cipherKeys = new Map<string, Buffer>();
  const cipherKey = (key: SealingKey) => {
    let derived = cipherKeys.get(key.id);
    if (!derived) {
      derived = deriveKey(key, 'seal');
      cipherKeys.set(key.id, derived);
    }
    return derived;
  };

  const seal = (plaintext: string, owner: string): Sealed => {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', cipherKey(ring.primary), nonce, {
      authTagLength: TAG_BYTES,
    });
    cipher.setAAD(Buffer.from(owner, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, ring.primary.id, b64(nonce), b64(body), b64(cipher.getAuthTag())].join('.') as Sealed;
  };

  const open = (sealed: string, owner: string): string => {
    const parts = sealed.split('.');
    if (parts.length !== 5 || parts[0] !== VERSION) throw rbError('RB_ERR_SEAL_UNREADABLE');
    const [, keyId = '', nonce = '', body = '', tag = ''] = parts;
    const key = ring.keys.get(keyId);
    if (!key) throw rbError('RB_ERR_SEAL_UNKNOWN_KEY', keyId);
    const nonceBytes = Buffer.from(nonce, 'base64url');
    const tagBytes = Buffer.from(tag, 'base64url');
    if (nonceBytes.length !== NONCE_BYTES || tagBytes.length !== TAG_BYTES) {
      throw rbError('RB_ERR_SEAL_UNREADABLE');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', cipherKey(key), nonceBytes, {
        authTagLength: TAG_BYTES,
      });
      decipher.setAAD(Buffer.from(owner, 'utf8'));
      decipher.setAuthTag(tagBytes);
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      throw rbError('RB_ERR_SEAL_UNREADABLE');
    }
  };

  return {
    seal,
    open,
    reseal(sealed, owner) {
      if (sealed.split('.')[1] === ring.primary.id) return undefined;
      return seal(open(sealed, owner), owner);
    },
    isSealed(value): value is Sealed {
      return value.startsWith(`${VERSION}.`) && value.split('.').length === 5;
    },
  };
}

/**
 * Re-seals a record's values one by one with the primary key, counting how many moved: `value(sealed, owner)`
 * returns the re-sealed value, or the same one when it already is on the primary key. Make one per attempt
 * of a compare-and-set update, so a retried update counts afresh.
 */
export function resealCounter(sealer: Pick<Sealer, 'reseal'>) {
  let moved = 0;
  return {
    value<T extends string>(sealed: T, owner: string): T | Sealed {
      const resealed = sealer.reseal(sealed, owner);
      if (resealed === undefined) return sealed;
      moved += 1;
      return resealed;
    },
    get moved(): number {
      return moved;
    },
  };
}

function b64(bytes: Buffer): string {
  return bytes.toString('base64url');
}
