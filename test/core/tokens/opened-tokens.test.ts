import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatKeyRingEntry, parseKeyRing } from '../../../core/security/key-ring.js';
import { createSealer } from '../../../core/security/seal.js';
import { createOpenedTokens } from '../../../core/tokens/opened-tokens.js';

function sealer() {
  const parsed = parseKeyRing(formatKeyRingEntry('k1', randomBytes(32)));
  if (!parsed.ok) throw new Error(parsed.problem);
  return createSealer(parsed.ring);
}

describe('opened tokens', () => {
  const owner = 'tenant:shop-a|connection:con_1';

  it('opens a sealed token once, and a replacement token afresh at once', () => {
    const real = sealer();
    let opens = 0;
    const openToken = createOpenedTokens({
      open: (sealed, forOwner) => (opens++, real.open(sealed, forOwner)),
    });
    const first = real.seal('first-token', owner);
    expect(openToken(first, owner)).toBe('first-token');
    expect(openToken(first, owner)).toBe('first-token');
    expect(opens).toBe(1);
    // A replaced token is a new sealed record: never answered from the old one.
    const second = real.seal('second-token', owner);
    expect(openToken(second, owner)).toBe('second-token');
    expect(opens).toBe(2);
  });

  it('still refuses a token sealed for another owner, even after it was opened for its own', () => {
    const real = sealer();
    const openToken = createOpenedTokens(real);
    const sealed = real.seal('tenant-a-token', owner);
    expect(openToken(sealed, owner)).toBe('tenant-a-token');
    expect(() => openToken(sealed, 'tenant:shop-b|connection:con_1')).toThrow();
  });
});
