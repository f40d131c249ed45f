// Flat config for the whole monorepo. `process.env` is read in one place only: each
// process parses its env once through packages/common/src/env.ts.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/generated/**', '.data/**', '**/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Parse env once with packages/common/src/env.ts.',
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { globals: globals.node, sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // entry scripts, tools and tests may read their own switches from the environment
    files: [
      'packages/common/src/env.ts',
      'scripts/**',
      'bench/**',
      'test/**',
      '**/*.test.ts',
      'packages/testkit/**',
      'schema/src/*-cli.ts',
      '**/*.config.ts',
      'codegen.ts',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
);
