import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist', 'node_modules', '.cache', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The security policy forbids code from strings and markup from strings; so does the linter.
    files: ['src/**'],
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'User strings are rendered as text; no HTML from strings.',
        },
        {
          selector: 'MemberExpression[property.name=/^(innerHTML|outerHTML)$/]',
          message: 'User strings are rendered as text; no HTML from strings.',
        },
        {
          selector: "CallExpression[callee.property.name='insertAdjacentHTML']",
          message: 'User strings are rendered as text; no HTML from strings.',
        },
      ],
    },
  },
  {
    files: ['src/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // The domain core is pure: no DOM framework, no tensors, no state library, nothing above it.
    files: ['src/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@tensorflow/*'],
              message: 'core is pure TypeScript: tensors live in src/engine.',
            },
            { group: ['react', 'react-dom', 'react/*'], message: 'core never renders.' },
            { group: ['zustand', 'zustand/*'], message: 'state lives in src/store.' },
            {
              group: ['**/engine/**', '**/worker/**', '**/store/**', '**/ui/**'],
              message: 'core imports nothing else from src.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/engine/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-dom', 'zustand'], message: 'the engine has no UI.' },
            {
              group: ['**/worker/**', '**/store/**', '**/ui/**'],
              message: 'engine imports only core.',
            },
          ],
        },
      ],
    },
  },
);
