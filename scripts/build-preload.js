// Bundles the Electron preload into one self-contained script: a sandboxed preload may require
// only `electron` (and a few Node modules), never our own files, yet it imports the channel names
// and bridge type from shared/. Runs after `tsc` and replaces its dist/electron/preload/index.js.
const path = require('node:path');
const esbuild = require('esbuild');

const ROOT = path.resolve(__dirname, '..');

/** The esbuild options, also used by the test that proves the bundle needs nothing but electron. */
function preloadBuildOptions(outfile = path.join(ROOT, 'dist', 'electron', 'preload', 'index.js')) {
  return {
    entryPoints: [path.join(ROOT, 'electron', 'preload', 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['electron'],
    logLevel: 'warning',
  };
}

module.exports = { preloadBuildOptions };

if (require.main === module) {
  esbuild.buildSync(preloadBuildOptions(process.argv[2]));
}
