// Type-aware lint for the TypeScript sources and tests. The rule set is typescript-eslint's
// recommended-type-checked, which catches the bugs type checking alone lets through (floating
// promises, awaiting non-promises, misused spreads), with the changes below, each for a reason.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.cache/', 'results/', 'docs/', 'test/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_`-prefixed names are the project's way of saying "deliberately unused" (destructuring
      // a field away, a callback's unused parameter).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // Rejecting with what was caught (unknown: an abort's reason, a lane's failure) passes it on
      // unchanged, as a rethrow in a catch does, which only-throw-error allows.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // node:test's test() and describe() return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite'] },
          ],
        },
      ],
      // Tests read the tool's JSON output (manifests, run records, --format json) to assert on it;
      // typing every parsed document would restate the production types, and an assertion on a
      // wrong field fails the test anyway.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    // Plain JavaScript (the executable, scripts, dependency-cruiser's CommonJS config): no type
    // information to lint with.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      globals: Object.fromEntries(
        ['process', 'console', 'URL', 'Buffer', 'setTimeout', 'clearTimeout', 'performance'].map((name) => [
          name,
          'readonly',
        ]),
      ),
    },
  },
  // typescript-eslint's base config makes every file an ES module; a .cjs file is CommonJS
  // (`module.exports`, `require`).
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
);
