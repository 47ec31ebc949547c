import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'bench-results', 'screenshots'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { files: ['**/*.{js,mjs}'], languageOptions: { globals: { ...globals.node } } },
  // Bench and screenshot scripts pass callbacks that run in the page.
  { files: ['scripts/bench*.mjs', 'scripts/bench/*.mjs', 'scripts/bench/floor/*.mjs', 'scripts/screenshots.mjs'], languageOptions: { globals: { ...globals.browser } } },
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      '@typescript-eslint/no-explicit-any': 'error',
      // Scrollable result regions must be reachable by keyboard (WCAG 2.1.1).
      'jsx-a11y/no-noninteractive-tabindex': ['error', { roles: ['region'] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // A feature owns its view; it may use shared code (@/components, @/lib, @/data) but never another feature.
    files: ['src/features/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^@/features/', message: 'Features must not import each other; move shared code to src/components, src/lib or src/data.' },
            { regex: '^\\.\\./(?!\\.)', message: 'Features must not import each other; move shared code to src/components, src/lib or src/data.' },
            { regex: '^@/app/', message: 'Features must not import the app shell.' },
          ],
        },
      ],
    },
  },
  {
    // Shared code sits below the features and must not reach up into them.
    files: ['src/components/**/*.{ts,tsx}', 'src/lib/**/*.{ts,tsx}', 'src/data/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^@/(features|app)/', message: 'Shared code must not import features or the app.' }] }],
    },
  },
);
