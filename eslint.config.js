// @ts-check
import js from '@eslint/js';
import security from 'eslint-plugin-security';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/', '**/node_modules/', '.dev/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  security.configs.recommended,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Template literals with numbers are how we build log lines and problem details.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // Flags every `obj[key]`, almost all of them typed lookups; TypeScript already guards those.
      'security/detect-object-injection': 'off',
      // Paths come from validated config or test temp dirs, never from requests.
      'security/detect-non-literal-fs-filename': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
