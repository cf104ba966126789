// `workbench history | head -1` (issue 11, defect 9): when the reader of the output goes away, the
// CLI ends quietly with status 0 instead of an EPIPE stack trace. A real pipe to a real `head`,
// with far more output than a pipe buffer holds, so the writes after head has gone must fail.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { desktopApiFor } from '../helpers/api';
import { closeContext, corpusContext, REPO_ROOT, tempDir } from '../helpers/db';
import { ANNOTATIONS_FILE_FORMAT, ANNOTATIONS_FILE_VERSION } from '../../shared/annotations';

describe('a CLI whose reader has gone', () => {
  it('history | head -1 prints one line and ends with status 0, without a stack trace', async () => {
    const built = path.join(REPO_ROOT, 'dist', 'electron', 'cli', 'main.js');
    expect(fs.existsSync(built), 'npm test builds dist/ before running vitest').toBe(true);
    const ctx = corpusContext();
    const statements = ctx.db.prepare('SELECT id, document_id AS documentId, text, start_offset AS start FROM statements WHERE length(text) >= 8 ORDER BY ordinal LIMIT 300').all() as {
      id: string;
      documentId: string;
      text: string;
      start: number;
    }[];
    const at = '2026-01-02T03:04:05.000Z';
    const annotations = Array.from({ length: 3_000 }, (_, i) => {
      const s = statements[i % statements.length];
      return {
        id: `pipe-${i}`, documentId: s.documentId, statementId: s.id,
        target: { scope: 'span', quote: { exact: s.text.slice(0, 4), prefix: '', suffix: '' }, position: { start: 0, end: 4 }, docStart: s.start, docEnd: s.start + 4 },
        comment: '', tags: [], pillarIds: [], importance: 1, author: 'piper', createdAt: at, updatedAt: at,
      };
    });
    const file = path.join(tempDir('wb-pipe-'), 'many.json');
    fs.writeFileSync(file, JSON.stringify({ format: ANNOTATIONS_FILE_FORMAT, version: ANNOTATIONS_FILE_VERSION, exportedAt: at, exportedBy: 't', pillars: [], annotations }));
    const { api, openFrom } = desktopApiFor(ctx);
    await api.call('annotations.import', { source: openFrom(file) });
    closeContext(ctx);

    const full = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'workbench.js'), 'history', '--limit', '10000', '--db', ctx.dbPath], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(full.status).toBe(0);
    expect(Buffer.byteLength(full.stdout), 'well over a pipe buffer (64 KB)').toBeGreaterThan(128 * 1024);

    const piped = spawnSync('bash', ['-o', 'pipefail', '-c', `"${process.execPath}" bin/workbench.js history --limit 10000 --db "${ctx.dbPath}" | head -1`], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(piped.stderr).toBe('');
    expect(piped.status).toBe(0);
    expect(piped.stdout).toBe(full.stdout.split('\n')[0] + '\n');
  });
});
