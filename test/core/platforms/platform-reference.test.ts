/** The published references are read from ../shared/reference/; missing ones skip locally and fail in CI. */
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readReference, REFERENCE_DIR } from '../../support/platform-reference.js';

describe('platform references', () => {
  const ci = process.env['CI'];
  afterEach(() => {
    if (ci === undefined) delete process.env['CI'];
    else process.env['CI'] = ci;
    vi.restoreAllMocks();
  });

  it('resolves them beside the repository root', () => {
    const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..');
    expect(REFERENCE_DIR).toBe(path.resolve(repoRoot, '..', 'shared', 'reference'));
  });

  it('skips a missing reference with a printed reason outside CI', () => {
    delete process.env['CI'];
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const read = readReference('nowhere/missing.json');
    expect(read).toMatchObject({ ok: false, reason: expect.stringContaining('missing.json is not here') });
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining('SKIPPING checks against nowhere/missing.json'),
    );
  });

  it('fails on a missing reference under CI', () => {
    process.env['CI'] = 'true';
    expect(() => readReference('nowhere/missing.json')).toThrow(/CI requires \.\.\/shared\/reference/);
  });
});
