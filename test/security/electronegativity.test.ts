// Doyensec's electronegativity over the app's own code (electron/, renderer/, package.json for
// the Electron version): nothing of medium severity or above, except findings that
// docs/security.md explains one by one ("Electronegativity findings" table) with the code that
// covers them. A new finding, or an explanation left for one that is gone, fails this test.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir } from '../helpers/db';

const TOOL = path.join(REPO_ROOT, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js');
const SEVERE = new Set(['MEDIUM', 'HIGH', 'CRITICAL']);

interface Finding {
  check: string;
  severity: string;
  file: string;
}

/** The tool's CSV: one finding a line, quoted fields, file paths relative to the scanned folder. */
export function parseFindings(csv: string): Finding[] {
  return csv
    .split('\n')
    .slice(1)
    .filter((l) => l.trim())
    .map((line) => {
      const cells = [...line.matchAll(/"((?:[^"]|"")*)"|([^,]+)|(?<=,)(?=,|$)/g)].map((m) => (m[1] ?? m[2] ?? '').trim());
      return { check: cells[0], severity: cells[1], file: cells[3] };
    });
}

/** `| CHECK | file |` rows of the explanation table in docs/security.md. */
function explained(): string[] {
  const doc = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'security.md'), 'utf8');
  const section = doc.split(/^## /m).find((s) => s.startsWith('Electronegativity findings')) ?? '';
  return [...section.matchAll(/^\| `([A-Z_]+)` \| `([^`]+)` \|/gm)].map((m) => `${m[1]} ${m[2]}`);
}

describe('electronegativity', () => {
  it('finds nothing of medium severity or above that docs/security.md does not explain', () => {
    const stage = tempDir('wb-eneg-');
    // The app as it ships: main, preload, services, renderer; no tests, no node_modules.
    fs.cpSync(path.join(REPO_ROOT, 'electron'), path.join(stage, 'electron'), { recursive: true });
    fs.cpSync(path.join(REPO_ROOT, 'renderer'), path.join(stage, 'renderer'), { recursive: true, filter: (src) => !src.includes('node_modules') });
    fs.copyFileSync(path.join(REPO_ROOT, 'package.json'), path.join(stage, 'package.json'));
    const csv = path.join(tempDir('wb-eneg-out-'), 'findings.csv');
    const electron = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
    const run = spawnSync(process.execPath, [TOOL, '-i', stage, '-e', electron, '-r', '-v', 'false', '-o', csv], { encoding: 'utf8', timeout: 240_000 });
    expect(run.status, run.stderr).toBe(0);
    const findings = parseFindings(fs.readFileSync(csv, 'utf8'));
    // The scan ran over our code: it reports (low) findings of its own on the files it parsed.
    expect(findings.length).toBeGreaterThan(0);
    const severe = [...new Set(findings.filter((f) => SEVERE.has(f.severity)).map((f) => `${f.check} ${f.file}`))].sort();
    expect(severe).toEqual([...new Set(explained())].sort());
  }, 300_000);

  it('reads the tool’s CSV, quoted commas included', () => {
    const csv = 'issue, severity, confidence, filename, location, sample, description, url\nPRELOAD_JS_CHECK,"MEDIUM","FIRM","electron/main/window.ts","18:6","preload: path.join(a, b)","Review, please",https://x\n';
    expect(parseFindings(csv)).toEqual([{ check: 'PRELOAD_JS_CHECK', severity: 'MEDIUM', file: 'electron/main/window.ts' }]);
  });
});
