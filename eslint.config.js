// CommonJS because package.json has no "type": "module"; ESLint loads either.
const { builtinModules } = require('node:module');
const { defineConfig } = require('eslint/config');
const tseslint = require('typescript-eslint');
const i18next = require('eslint-plugin-i18next');
const reactHooks = require('eslint-plugin-react-hooks');

const electronModule = { name: 'electron', message: 'Only electron/main and electron/preload may import electron.' };
const nodeMessage = 'This folder runs outside Node: no Node built-ins here.';

/**
 * `fs`, `fs/promises`, … matched as exact names: a gitignore-style pattern such as `domain` would
 * also match a relative path like `../shared/domain/x`. `node:` anything is caught by a regex.
 */
const builtinPaths = (message) =>
  builtinModules.filter((m) => !m.startsWith('_') && !m.startsWith('node:')).map((name) => ({ name, message }));
const nodePrefix = (message) => ({ regex: '^node:', message });

// Folder boundaries (see docs: folders say where code runs). Each entry is one
// `no-restricted-imports` config; ESLint keeps only the last rule config per file, so every folder
// lists its full set.
const sharedRestrictions = {
  paths: [
    electronModule,
    { name: 'react-dom', message: 'shared/ must not depend on the DOM.' },
    ...builtinPaths('shared/ runs in main and renderer: no Node built-ins.'),
  ],
  patterns: [
    nodePrefix('shared/ runs in main and renderer: no Node built-ins.'),
    { group: ['electron/*', 'react-dom/*'], message: 'shared/ imports no electron and no DOM.' },
    { group: ['**/renderer/**', '**/electron/**'], message: 'shared/ may not import from app folders.' },
  ],
};
const rendererRestrictions = {
  paths: [{ ...electronModule, message: 'The renderer talks to main only through window.desk.' }, ...builtinPaths(nodeMessage)],
  patterns: [
    nodePrefix(nodeMessage),
    { group: ['electron/*', '**/electron/**'], message: 'The renderer may not import main/preload/emulator code.' },
  ],
};
const emulatorRestrictions = {
  paths: [{ ...electronModule, message: 'The emulator also runs as a plain Node CLI: no electron.' }],
  patterns: [{ group: ['**/renderer/**', '**/main/**', '**/preload/**'], message: 'The emulator stands alone.' }],
};
const mainRestrictions = {
  patterns: [{ group: ['**/renderer/**'], message: 'Main and preload may not import renderer code.' }],
};

const sharedDomGlobals = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'HTMLElement'].map(
  (name) => ({ name, message: 'shared/ runs in main too: no DOM globals.' }),
);

/**
 * `no-literal-string` for the renderer's plain modules (actions, selectors, the SDK layer), where
 * messages are made outside components: any string of two or more words is taken for text an
 * agent reads (an action's error, a banner line, a title) and must come from `i18n.t`. Single
 * tokens (keys, ids, CSS classes, event names, MIME types) are not. Log lines are not text for
 * agents: `console.*` and the binding's `warn`/`log` helpers are skipped.
 */
const rendererModuleText = {
  mode: 'all',
  'should-validate-template': true,
  words: { exclude: ['[0-9!-/:-@[-`{-~\\s·—–…“”‘’«»]+', '[^\\s]+'] },
  callees: {
    exclude: [
      'i18n(ext)?',
      't',
      'require',
      'addEventListener',
      'removeEventListener',
      'includes',
      'startsWith',
      'endsWith',
      'querySelector(All)?',
      'console.*',
      'warn',
      'log',
      'performance.*',
    ],
  },
};

module.exports = defineConfig(
  { ignores: ['out/**', 'dist/**', 'release/**', 'coverage/**', 'node_modules/**', '.tmp/**', 'test-results/**', '../shared/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
    },
  },
  {
    // Type-aware rules: a promise nobody awaits or catches, or one handed where a void callback is
    // expected (event handlers), is how rejected IPC calls went unnoticed.
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: __dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  { files: ['renderer/**/*.tsx', 'renderer/**/*.ts'], ...reactHooks.configs.flat['recommended-latest'] },
  { files: ['shared/**'], rules: { 'no-restricted-imports': ['error', sharedRestrictions], 'no-restricted-globals': ['error', ...sharedDomGlobals] } },
  { files: ['renderer/**'], rules: { 'no-restricted-imports': ['error', rendererRestrictions] } },
  { files: ['electron/emulator/**'], rules: { 'no-restricted-imports': ['error', emulatorRestrictions] } },
  { files: ['electron/main/**', 'electron/preload/**'], rules: { 'no-restricted-imports': ['error', mainRestrictions] } },
  {
    // Every word an agent reads comes from shared/i18n's catalogues: raw text in JSX, and in the
    // attributes people read or hear (labels, tooltips, placeholders, alt text), is an error.
    // Class names, roles, test ids, keys and other attributes are left alone; so are strings that
    // hold no letters ("99+", "·", "—"). Tests render English on purpose and are not checked.
    files: ['renderer/src/components/**/*.tsx'],
    ignores: ['**/*.test.tsx'],
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': [
        'error',
        {
          mode: 'jsx-only',
          'should-validate-template': true,
          'jsx-attributes': {
            include: ['aria-label', 'aria-description', 'aria-valuetext', 'aria-roledescription', 'title', 'placeholder', 'alt', 'label', 'message', 'confirmLabel'],
          },
          words: { exclude: ['[0-9!-/:-@[-`{-~\\s·—–…“”‘’«»]+'] },
          // Calls whose string arguments are keys or field names, not text (the plugin's defaults plus ours).
          callees: {
            exclude: ['i18n(ext)?', 't', 'require', 'addEventListener', 'removeEventListener', 'includes', 'startsWith', 'endsWith', 'field', 'describe'],
          },
        },
      ],
    },
  },
  {
    // The same rule over the renderer's plain modules (see rendererModuleText); tests are not checked.
    files: ['renderer/src/**/*.ts'],
    ignores: ['**/*.test.ts', 'renderer/src/test/**'],
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': ['error', rendererModuleText],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
