#!/usr/bin/env node
// Copies pdfjs-dist's packed CMaps and standard fonts into resources/pdfjs/, which the app ships
// (electron-builder extraResources): PDFs with non-embedded Japanese CID fonts extract offline.
// Runs as part of `npm run build`; copies only when the package version changed.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const pkgDir = path.dirname(require.resolve('pdfjs-dist/package.json'));
const version = require('pdfjs-dist/package.json').version;
const target = path.join(__dirname, '..', 'resources', 'pdfjs');
const stamp = path.join(target, 'VERSION');

if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8').trim() === version) process.exit(0);
fs.rmSync(target, { recursive: true, force: true });
for (const dir of ['cmaps', 'standard_fonts']) {
  fs.cpSync(path.join(pkgDir, dir), path.join(target, dir), { recursive: true });
}
fs.copyFileSync(path.join(pkgDir, 'LICENSE'), path.join(target, 'LICENSE'));
fs.writeFileSync(stamp, `${version}\n`);
console.log(`pdfjs assets ${version} copied to ${path.relative(process.cwd(), target)}`);
