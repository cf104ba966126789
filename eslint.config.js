// Lint: TypeScript hygiene plus the layering rules that keep the three runtimes apart.
// renderer/ (DOM) -> shared/ (plain JS) <- electron/ (Node); only electron/main and electron/preload touch Electron.
const tseslint = require('typescript-eslint');
const { builtinModules } = require('node:module');

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const noNode = { paths: nodeBuiltins.map((name) => ({ name, message: 'Node built-ins are not available here: this side must run in a browser.' })) };
const noElectron = { name: 'electron', message: 'Only electron/main and electron/preload may import electron; services must run under plain Node.' };

module.exports = tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-output/**', 'coverage/**', 'renderer/dist/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.object.name='it'][callee.property.name='only']", message: 'No focused tests.' }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/vite.config.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron, ...noNode.paths],
        patterns: [{ group: ['**/electron/**', '**/electron'], message: 'The renderer reaches the back end only through shared/api.' }],
      }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron, ...noNode.paths, { name: 'react', message: 'shared/ is UI-free.' }],
        patterns: [{ group: ['**/electron/**', '**/renderer/**'], message: 'shared/ depends on nothing but itself and pure libraries.' }],
      }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main/**', 'electron/preload/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron],
        patterns: [{ group: ['**/renderer/**'], message: 'The Node side never imports renderer code.' }],
      }],
    },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/renderer/**'], message: 'The Node side never imports renderer code.' }] }],
    },
  },
  {
    files: ['test/**/*.ts', 'test/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Tests never load the real electron module: mock it.' }] }],
    },
  },
);
