// Lint: TypeScript hygiene plus the layering rules that keep the three runtimes apart.
// renderer/ (DOM) -> shared/ (plain JS) <- electron/ (Node); only electron/main and electron/preload touch Electron.
// Inside electron/ and renderer/, folders form layers (docs/architecture.md): a folder imports only
// lower layers and its declared same-layer siblings, and no imports form a cycle anywhere.
const tseslint = require('typescript-eslint');
const { builtinModules } = require('node:module');
const workbench = require('./scripts/eslint-rules/workbench');

/** electron/ from bottom to top. */
const ELECTRON_LAYERS = [
  ['store', 'security', 'files'],
  ['corpus', 'search'],
  ['journal'],
  ['annotate', 'briefing', 'retrieval'],
  ['import', 'export', 'exchange', 'backup'],
  ['api'],
  ['app', 'cli', 'devhost', 'main', 'preload'],
];
/** Same-layer imports allowed, one way only (the reverse stays an error, so no cycle between them). */
const ELECTRON_SIBLINGS = {
  search: ['corpus'],
  briefing: ['annotate'],
  // Bundles and REFI-QDA projects carry imported sources: exchange reads originals and imports documents.
  exchange: ['export', 'import'],
  // A library rebuild reads imported sources again from their stored originals, as a restore brings a backup up to date.
  backup: ['import'],
  cli: ['app'],
  devhost: ['app'],
  main: ['app'],
};
/**
 * Known upward imports being removed by another part of issue 10 (the api <-> app cycle, one write
 * path). Each one fails lint as stale once its import is gone.
 */
const ELECTRON_EXCEPTIONS = [];
/** renderer/src/ from bottom to top; App.tsx and main.tsx sit above all. */
const RENDERER_LAYERS = [['api', 'i18n', 'lib'], ['stores'], ['components']];

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const noNode = { paths: nodeBuiltins.map((name) => ({ name, message: 'Node built-ins are not available here: this side must run in a browser.' })) };
const noElectron = { name: 'electron', message: 'Only electron/main and electron/preload may import electron; services must run under plain Node.' };

const config = tseslint.config(
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
    files: ['electron/**/*.ts', 'renderer/**/*.ts', 'renderer/**/*.tsx', 'shared/**/*.ts'],
    plugins: { workbench },
    rules: {
      'workbench/no-cycle': ['error', { root: '.' }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    plugins: { workbench },
    rules: {
      'workbench/layers': ['error', { root: 'electron', layers: ELECTRON_LAYERS, siblings: ELECTRON_SIBLINGS, exceptions: ELECTRON_EXCEPTIONS }],
    },
  },
  {
    files: ['renderer/src/**/*.ts', 'renderer/src/**/*.tsx'],
    plugins: { workbench },
    rules: {
      'workbench/layers': ['error', { root: 'renderer/src', layers: RENDERER_LAYERS }],
      // The UI areas (search, reader, inspector, briefing…) may use each other, but never in a circle.
      'workbench/no-folder-cycle': ['error', { root: 'renderer/src/components' }],
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
// The electron/ layer settings, for the lint tests that try the rule with an exception of their own.
config.electronLayers = { layers: ELECTRON_LAYERS, siblings: ELECTRON_SIBLINGS };
module.exports = config;
