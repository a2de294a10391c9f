import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'admin-ui/dist/**', 'test-artifacts/**', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // One operation per function (issue 13): a function longer than a screen is several operations that
    // each deserve a name and a file. Production code only; tests and bench read better as long scenarios.
    files: [
      'core/**/*.ts',
      'shopify-app/**/*.ts',
      'woocommerce-bridge/**/*.ts',
      'server.ts',
      'admin-ui/src/**/*.{ts,tsx}',
    ],
    ignores: [
      // Grew past 60 lines with the budgets and alerts merges (#14); their owners split them.
      'core/quoting/budget/platform-budgets.ts',
      'core/ratebridge.ts',
      'core/tokens/token-context.ts',
      'server.ts',
      'shopify-app/shopify-app.ts',
    ],
    rules: { 'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }] },
  },
  {
    // Polaris React is deprecated for Polaris web components: keep it behind our own thin wrappers.
    files: ['admin-ui/src/**'],
    ignores: ['admin-ui/src/ui/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@shopify/polaris', '@shopify/polaris/*'],
              message:
                'Import the wrapper from admin-ui/src/ui instead, so a move off Polaris React stays local.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**', 'bench/**', 'scripts/**'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
