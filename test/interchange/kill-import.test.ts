// The import kill test: a child process imports the foreign REFI-QDA fixture (24 sources, 315
// codes, 72 selections) and undoes and redoes it, and is killed with SIGKILL at seeded moments.
// After each kill the workspace is opened as the app opens it (the start-up repair included): both
// files pass integrity_check, and the import is either wholly there (documents, records, search
// entries, annotations, pillars) or not at all, as the journal says.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { closeContext, ensureLibrary, openContext } from '../../electron/app/context';
import { corpusContext, REPO_ROOT, RESOURCES_DIR, tempDir } from '../helpers/db';
import { seeded } from './helpers';

const ROUNDS = 6;
const FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'qda', 'foreign-atlas.qdpx');
/** The seed of the kill points: a failure names its round, and the same seed replays it. */
const SEED = 16;

function bundleImporter(): string {
  const out = path.join(tempDir('wb-kill-import-'), 'kill-import-writer.js');
  buildSync({ entryPoints: [path.join(__dirname, 'kill-import-writer.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: out, external: ['better-sqlite3'], logLevel: 'error' });
  return out;
}

/** Kills the importer once it reported `after` steps, plus `delayMs`: inside an import, an undo or a redo. */
function runAndKill(script: string, dbPath: string, after: number, delayMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, dbPath, FIXTURE], { env: { ...process.env, NODE_PATH: path.join(REPO_ROOT, 'node_modules') }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | null = null;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      const steps = out.split('\n').length - 2;
      if (!timer && out.includes('ready\n') && steps >= after) timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`importer exited by itself (code ${code}): ${err}`));
      resolve(out.split('\n').slice(1, -1));
    });
  });
}

describe('kill -9 during a QDA import, its undo and its redo', () => {
  it(`leaves the import whole or absent, as the journal says, over ${ROUNDS} kills`, async () => {
    const script = bundleImporter();
    const random = seeded(SEED);
    const seen = { whole: 0, absent: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const fresh = corpusContext();
      const dbPath = fresh.dbPath;
      const baseline = (fresh.db.prepare('SELECT COUNT(*) AS n FROM documents').get() as { n: number }).n;
      closeContext(fresh);
      const after = Math.floor(random() * 4);
      const delay = Math.floor(random() * 1500);
      const steps = await runAndKill(script, dbPath, after, delay);
      const where = `round ${round} (seed ${SEED}: kill ${delay} ms after step ${after}; reported ${steps.join(', ') || 'nothing'})`;

      const ctx = openContext({ dbPath, resourcesDir: RESOURCES_DIR, author: 'test-analyst' });
      try {
        await ensureLibrary(ctx);
        const { db } = ctx;
        expect(db.pragma('main.integrity_check', { simple: true }), where).toBe('ok');
        expect(db.pragma('library.integrity_check', { simple: true }), where).toBe('ok');
        const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
        const documents = count("SELECT COUNT(*) AS n FROM documents WHERE origin = 'imported'");
        const records = count('SELECT COUNT(DISTINCT document_id) AS n FROM import_records');
        const annotations = count("SELECT COUNT(*) AS n FROM annotations WHERE deleted_at IS NULL AND id LIKE 'qda-%'");
        const pillars = count("SELECT COUNT(*) AS n FROM pillars WHERE deleted_at IS NULL AND id LIKE 'qda-%'");
        const placed = count("SELECT COUNT(*) AS n FROM annotations a JOIN statements s ON s.id = a.statement_id WHERE a.deleted_at IS NULL AND a.id LIKE 'qda-%'");
        const indexed = count("SELECT COUNT(*) AS n FROM search_fts WHERE search_fts MATCH '\"資料\"'");
        const newest = db.prepare("SELECT label_en FROM change_groups WHERE state = 'done' ORDER BY id DESC LIMIT 1").pluck().get() as string | undefined;
        const visible = newest?.startsWith('Import REFI-QDA') ?? false;
        const got = { documents, records, annotations, pillars, placed };
        if (visible) {
          expect(got, where).toEqual({ documents: 24, records: 24, annotations: 72, pillars: 315, placed: 72 });
          expect(indexed, where).toBeGreaterThan(0);
          seen.whole++;
        } else {
          expect(got, where).toEqual({ documents: 0, records: 0, annotations: 0, pillars: 0, placed: 0 });
          seen.absent++;
        }
        expect(count('SELECT COUNT(*) AS n FROM documents') - documents, where).toBe(baseline);
        // Nothing of the analyst's points at a document the library lacks.
        expect(count('SELECT COUNT(*) AS n FROM annotations a WHERE a.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM statements s WHERE s.id = a.statement_id)'), where).toBe(0);
      } finally {
        closeContext(ctx);
      }
    }
    console.log(`import kill test: ${ROUNDS} SIGKILLs, import whole ${seen.whole}×, absent ${seen.absent}×, integrity_check ok every round`);
    fs.rmSync(path.dirname(script), { recursive: true, force: true });
    // Six child processes one after another, each loading the app and importing 24 sources: about
    // 7 s a round alone, several times that beside the rest of the suite on two cores.
  }, 300_000);
});
