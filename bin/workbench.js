#!/usr/bin/env node
// The `workbench` command: runs the compiled CLI (npm run build writes dist/).
const path = require('node:path');
const fs = require('node:fs');
const entry = path.join(__dirname, '..', 'dist', 'electron', 'cli', 'main.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('workbench: the CLI is not built yet. Run `npm run build` first.\n');
  process.exit(2);
}
// Owner-only files (umask 077) before anything is created; see electron/store/file-modes.ts.
require(path.join(__dirname, '..', 'dist', 'electron', 'store', 'file-modes.js')).ownerOnlyFiles();
// Compiled code of the modules below cached in the per-user data folder where Node can (≥ 22.1);
// a no-op on older Node and on a read-only disk (dist/electron/app/compile-cache.js).
const { defaultDataDir } = require(path.join(__dirname, '..', 'dist', 'electron', 'store', 'paths.js'));
require(path.join(__dirname, '..', 'dist', 'electron', 'app', 'compile-cache.js')).enableCompileCache(defaultDataDir());
require(entry).main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
