// `npm run bench:backup [-- --annotations N --runs R]`: one backup of the workspace, cold (a new
// backup folder, nothing in the page cache from a previous copy) and warm (repeated), with the
// bundled corpus and N annotations (10,000 by default, written through the journaled service).
// Reports the time of a whole createBackup (copy of schema main, integrity_check of the copy,
// SHA-256, manifest, rotation with the source's full check) and of its parts, the backup's size
// against the workspace's, and how the file's bytes split between the analyst's tables and the
// corpus and its index (dbstat), which the store split moves out of `main`. Ends with one JSON line.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { closeContext, ensureCorpus, openContext } from '../../electron/app/context';
import { createAnnotation } from '../../electron/annotate/annotations';
import { checkSource, createBackup, sha256File } from '../../electron/backup/backups';
import { defaultResourcesDir } from '../../electron/store/paths';

function parseArgs(argv: string[]): { annotations: number; runs: number } {
  const a = { annotations: 10_000, runs: 5 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--annotations') a.annotations = Number(argv[++i]);
    else if (argv[i] === '--runs') a.runs = Number(argv[++i]);
  }
  if (!Number.isInteger(a.annotations) || a.annotations < 0) throw new Error('--annotations must be a whole number');
  if (!Number.isInteger(a.runs) || a.runs < 1) throw new Error('--runs must be at least 1');
  return a;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => Math.round(x * 10) / 10;
const mb = (b: number) => Math.round((b / 1024 / 1024) * 100) / 100;

/** Tables that stay in the workspace after the split (the analyst's data), by name prefix. */
const LIBRARY = /^(documents|statements|statement_pages|search_|corpus_|import_originals|sqlite_stat)/;

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-bench-backup-'));
  const dbPath = path.join(dir, 'workbench.db');
  const ctx = openContext({ dbPath, resourcesDir: defaultResourcesDir(), author: 'bench' });
  try {
    ensureCorpus(ctx);
    const statements = ctx.db.prepare('SELECT id FROM statements WHERE length(text) >= 8 ORDER BY rowid').pluck().all() as string[];
    const t0 = performance.now();
    const actor = { db: ctx.db, author: 'bench' };
    for (let i = 0; i < args.annotations; i++) createAnnotation(actor, { statementId: statements[i % statements.length], comment: `ベンチマーク注釈 ${i}: サプライチェーンの強靱化に関する所見` });
    const writeMs = performance.now() - t0;
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    const dbBytes = fs.statSync(dbPath).size;

    let split: { workspace: number; library: number } | null = null;
    try {
      const rows = ctx.db.prepare('SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name').all() as { name: string; bytes: number }[];
      const owner = (name: string) => (ctx.db.prepare("SELECT tbl_name FROM sqlite_master WHERE name = ?").pluck().get(name) as string | undefined) ?? name;
      split = { workspace: 0, library: 0 };
      for (const r of rows) split[LIBRARY.test(owner(r.name)) ? 'library' : 'workspace'] += r.bytes;
    } catch {
      /* dbstat not compiled in: the split is not reported */
    }

    const run = async (i: number) => {
      const start = performance.now();
      const b = await createBackup(ctx.db, dbPath, { reason: 'bench', now: new Date(Date.UTC(2026, 0, 1, i)) });
      return { totalMs: performance.now() - start, bytes: b.bytes, path: b.path };
    };
    // Cold: the first backup into a new folder (the page cache is left alone: the machine is shared).
    const cold = await run(0);
    const warm: number[] = [];
    let last = cold;
    for (let i = 1; i <= args.runs; i++) {
      last = await run(i);
      warm.push(last.totalMs);
    }
    const parts = { sourceCheckMs: 0, sha256Ms: 0 };
    let s = performance.now();
    checkSource(ctx.db);
    parts.sourceCheckMs = performance.now() - s;
    s = performance.now();
    sha256File(last.path);
    parts.sha256Ms = performance.now() - s;

    const leftovers = fs.readdirSync(path.dirname(last.path)).filter((f) => !/^workbench-.*\.db$|^manifest\.json$/.test(f));
    const result = {
      annotations: args.annotations,
      writeAnnotationsS: ms(writeMs / 1000),
      dbMB: mb(dbBytes),
      backupMB: mb(last.bytes),
      backupToDb: Math.round((last.bytes / dbBytes) * 100) / 100,
      workspaceTablesMB: split ? mb(split.workspace) : null,
      libraryTablesMB: split ? mb(split.library) : null,
      coldMs: ms(cold.totalMs),
      warmMedianMs: ms(median(warm)),
      warmMaxMs: ms(Math.max(...warm)),
      sourceCheckMs: ms(parts.sourceCheckMs),
      sha256Ms: ms(parts.sha256Ms),
      leftovers,
      loadAvg: Math.round(os.loadavg()[0] * 100) / 100,
    };
    process.stdout.write(
      [
        `annotations            ${result.annotations} (written in ${result.writeAnnotationsS} s)`,
        `database file          ${result.dbMB} MB${split ? ` (workspace tables ${result.workspaceTablesMB} MB, corpus and index ${result.libraryTablesMB} MB)` : ''}`,
        `backup                 ${result.backupMB} MB (${result.backupToDb}× the file)`,
        `backup time cold       ${result.coldMs} ms`,
        `backup time warm       median ${result.warmMedianMs} ms, max ${result.warmMaxMs} ms over ${args.runs}`,
        `  of which source full check ${result.sourceCheckMs} ms, SHA-256 ${result.sha256Ms} ms`,
        `files left beside the backups: ${leftovers.length === 0 ? 'none' : leftovers.join(', ')}`,
        JSON.stringify(result),
        '',
      ].join('\n'),
    );
  } finally {
    closeContext(ctx);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
