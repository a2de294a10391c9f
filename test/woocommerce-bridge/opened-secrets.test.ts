/**
 * The opened connector secret is kept briefly, keyed by key id, owner and sealed record: a resealed or
 * replaced secret is opened afresh (revocation is checked on the key document each request, see
 * connector-keys.test.ts "revokes with immediate effect", which uses a key before revoking it).
 */
import { describe, expect, it } from 'vitest';
import { createOpenedSecrets } from '../../woocommerce-bridge/connector-keys/opened-secrets.js';

describe('opened connector secrets', () => {
  it('opens a sealed secret once, and again when the sealed record or its owner changes', () => {
    const opened: string[] = [];
    const open = createOpenedSecrets((sealed, owner) => (opened.push(sealed), `${sealed}@${owner}`));
    expect(open('rbk_1', 'sealed-v1', 'o1')).toBe('sealed-v1@o1');
    expect(open('rbk_1', 'sealed-v1', 'o1')).toBe('sealed-v1@o1');
    expect(opened).toEqual(['sealed-v1']);
    expect(open('rbk_1', 'sealed-v2', 'o1')).toBe('sealed-v2@o1');
    expect(open('rbk_1', 'sealed-v2', 'o2')).toBe('sealed-v2@o2');
    expect(opened).toEqual(['sealed-v1', 'sealed-v2', 'sealed-v2']);
  });

  it('keeps nothing when opening fails', () => {
    let fail = true;
    const open = createOpenedSecrets(() => {
      if (fail) throw new Error('wrong key');
      return 'secret';
    });
    expect(() => open('rbk_1', 'sealed', 'o')).toThrow('wrong key');
    fail = false;
    expect(open('rbk_1', 'sealed', 'o')).toBe('secret');
  });
});
