import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ENVIRONMENT_VARIABLES } from '../core/config.js';

describe('README', () => {
  it('documents every environment variable the config reads', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    for (const name of Object.keys(ENVIRONMENT_VARIABLES)) expect(readme).toContain(`| \`${name}\` |`);
  });
});
