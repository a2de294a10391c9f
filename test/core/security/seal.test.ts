import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatKeyRingEntry, parseKeyRing, type KeyRing } from '../../../core/security/key-ring.js';
import { createSealer } from '../../../core/security/seal.js';
import { createFingerprinter } from '../../../core/security/fingerprint.js';
import { RateBridgeError } from '../../../core/errors.js';

const ring = (...ids: string[]): KeyRing => {
  const parsed = parseKeyRing(ids.map((id) => formatKeyRingEntry(id, keys.get(id)!)).join(','));
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.ring;
};
const keys = new Map(['k1', 'k2', 'k3'].map((id) => [id, randomBytes(32)]));

function expectCode(fn: () => unknown, code: string): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(RateBridgeError);
    expect((error as RateBridgeError).code).toBe(code);
    return;
  }
  throw new Error(`expected ${code}, but nothing was thrown`);
}

/** Flips one base64url character of part `index` of a sealed value. */
function tamper(sealed: string, index: number): string {
  const parts = sealed.split('.');
  const part = parts[index]!;
  const flipped = part[2] === 'A' ? 'B' : 'A';
  parts[index] = `${part.slice(0, 2)}${flipped}${part.slice(3)}`;
  return parts.join('.');
}

describe('seal and open', () => {
  const sealer = createSealer(ring('k1'));
  const owner = 'tenant:shop-a|connection:con_1';

  it('round-trips a secret and never stores it in the clear', () => {
    const sealed = sealer.seal('canary-token-123456', owner);
    expect(sealed).not.toContain('canary');
    expect(sealed.startsWith('rb1.k1.')).toBe(true);
    expect(sealer.open(sealed, owner)).toBe('canary-token-123456');
  });

  it('uses a fresh nonce each time, so equal secrets seal differently', () => {
    expect(sealer.seal('same', owner)).not.toBe(sealer.seal('same', owner));
  });

  it('refuses tampered ciphertext, nonce or tag with a coded error', () => {
    const sealed = sealer.seal('a secret long enough to flip a character', owner);
    expectCode(() => sealer.open(tamper(sealed, 3), owner), 'RB_ERR_SEAL_UNREADABLE');
    expectCode(() => sealer.open(tamper(sealed, 2), owner), 'RB_ERR_SEAL_UNREADABLE');
    expectCode(() => sealer.open(tamper(sealed, 4), owner), 'RB_ERR_SEAL_UNREADABLE');
    expectCode(() => sealer.open('not sealed at all', owner), 'RB_ERR_SEAL_UNREADABLE');
  });

  it('refuses a record moved to another owner (associated data)', () => {
    const sealed = sealer.seal('secret', owner);
    expectCode(() => sealer.open(sealed, 'tenant:shop-b|connection:con_1'), 'RB_ERR_SEAL_UNREADABLE');
    expectCode(() => sealer.open(sealed, 'tenant:shop-a|connection:con_2'), 'RB_ERR_SEAL_UNREADABLE');
  });

  it('names an unknown key id without opening anything', () => {
    const sealed = createSealer(ring('k3')).seal('secret', owner);
    expectCode(() => sealer.open(sealed, owner), 'RB_ERR_SEAL_UNKNOWN_KEY');
  });

  it('keeps old records readable after rotation and re-seals them with the new primary key', () => {
    const before = createSealer(ring('k1')).seal('rotating secret', owner);
    const rotated = createSealer(ring('k2', 'k1'));
    expect(rotated.open(before, owner)).toBe('rotating secret');
    const resealed = rotated.reseal(before, owner)!;
    expect(resealed.startsWith('rb1.k2.')).toBe(true);
    expect(rotated.reseal(resealed, owner)).toBeUndefined();
    // Once k1 is dropped the re-sealed record still opens.
    expect(createSealer(ring('k2')).open(resealed, owner)).toBe('rotating secret');
  });
});

describe('key ring parsing', () => {
  it('reports problems without echoing key material', () => {
    const secretish = Buffer.from('short').toString('base64');
    const result = parseKeyRing(`k1:${secretish}`);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem).toContain('32 bytes');
      expect(result.problem).not.toContain(secretish);
    }
    expect(parseKeyRing('').ok).toBe(false);
    expect(parseKeyRing('no-colon').ok).toBe(false);
    const dup = formatKeyRingEntry('k1', keys.get('k1')!);
    expect(parseKeyRing(`${dup},${dup}`).ok).toBe(false);
  });
});

describe('keyed fingerprints', () => {
  it('recognise the same secret, differ for another, and survive rotation', () => {
    const before = createFingerprinter(ring('k1'));
    const print = before.fingerprint('token-a');
    expect(print).toMatch(/^k1:[0-9a-f]{64}$/);
    expect(before.matches('token-a', print)).toBe(true);
    expect(before.matches('token-b', print)).toBe(false);
    const after = createFingerprinter(ring('k2', 'k1'));
    expect(after.matches('token-a', print)).toBe(true);
    expect(after.fingerprint('token-a')).not.toBe(print);
    // A fingerprint made with another key of the same id is not a match.
    expect(createFingerprinter(ring('k3')).matches('token-a', print)).toBe(false);
  });
});
