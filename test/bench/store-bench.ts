// `npm run bench:store [-- --statements N --annotations N --dir D --keep]`: opening at scale. Builds
// a workspace of N synthetic statements (the generator of bench:search) with the bundled corpus and
// N annotations, then times, in fresh processes, what the CLI and the app's worker do before the
// first search can answer: open (quick_check of the workspace only, attach the library), make sure
// the library is filled, run one search. Cold runs first drop the two files from the page cache
// (`dd iflag=nocache`, no root needed); warm runs follow. Also: file sizes, one full pass of the
// background library check, a workspace backup, peak RSS. Prints one JSON line at the end.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAnnotation } from '../../electron/annotate/annotations';
import { closeContext, ensureCorpus, ensureLibrary, openContext } from '../../electron/app/context';
import { runLibraryCheck } from '../../electron/backup/library-check';
import { flushPending } from '../../electron/search/indexer';
import { runSearch } from '../../electron/search/query';
import { compiledDictionary } from '../../electron/search/variants';
import { libraryPathFor } from '../../electron/store/library-file';
import { defaultResourcesDir } from '../../electron/store/paths';
import { bundledStatements, perturb, rng, type Source } from './synthetic-corpus';

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const log = (s: string) => process.stderr.write(`${s}\n`);

/** The child: a fresh process that opens the workspace and answers one search, timing each step. */
async function probe(dbPath: string): Promise<void> {
  const t0 = performance.now(); // ms since this process started (performance.timeOrigin)
  const ctx = openContext({ dbPath, resourcesDir: defaultResourcesDir(), author: 'bench' });
  const opened = performance.now();
  await ensureLibrary(ctx);
  const ready = performance.now();
  const dictionary = compiledDictionary(ctx.db, defaultResourcesDir());
  const r = runSearch(ctx.db, { query: '経済安全保障', limit: 50 }, { dictionary });
  const searched = performance.now();
  closeContext(ctx);
  const out = {
    sinceStartMs: round(searched),
    moduleLoadMs: round(t0),
    openMs: round(opened - t0),
    ensureLibraryMs: round(ready - opened),
    searchMs: round(searched - ready),
    hits: r.total,
    maxRssMB: round(process.resourceUsage().maxRSS / 1024),
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

function dropFromCache(files: string[]): boolean {
  let ok = true;
  for (const f of files) {
    if (!fs.existsSync(f)) continue;
    const r = spawnSync('dd', [`if=${f}`, 'iflag=nocache', 'count=0', 'status=none']);
    ok = ok && r.status === 0;
  }
  return ok;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === '--probe') return probe(argv[1]);
  const opt = (name: string, dflt: number) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : dflt);
  const statements = opt('--statements', 1_000_000);
  const annotations = opt('--annotations', 10_000);
  const runs = opt('--runs', 5);
  const dir = argv.includes('--dir') ? argv[argv.indexOf('--dir') + 1] : fs.mkdtempSync(path.join(os.tmpdir(), 'wb-bench-store-'));
  fs.mkdirSync(dir, { recursive: true });
  const dbPath = path.join(dir, 'workbench.db');
  const libPath = libraryPathFor(dbPath);
  for (const base of [dbPath, libPath]) for (const ext of ['', '-wal', '-shm']) fs.rmSync(base + ext, { force: true });

  // Build (not timed): the bundled corpus, the synthetic statements, the annotations.
  const src = bundledStatements();
  log(`building ${statements} statements and ${annotations} annotations in ${dir}`);
  const ctx = openContext({ dbPath, resourcesDir: defaultResourcesDir(), author: 'bench' });
  ctx.db.pragma('library.synchronous = NORMAL');
  ctx.db.pragma('synchronous = NORMAL');
  ensureCorpus(ctx);
  const rand = rng(20260401);
  const insDoc = ctx.db.prepare(
    `INSERT INTO documents (id, title, date, issuer, kind, language, source, origin, content_hash, text, ingested_at)
     VALUES (?, ?, '2024-01-15', NULL, 'report', 'ja', ?, 'bundled', ?, ?, ?)`,
  );
  const insSt = ctx.db.prepare(
    `INSERT INTO statements (id, document_id, ordinal, kind, level, text, start_offset, end_offset, heading_path, parent_id, speaker, marker, table_cell, footnotes)
     VALUES (?, ?, ?, 'paragraph', NULL, ?, ?, ?, ?, NULL, ?, NULL, NULL, '[]')`,
  );
  const now = new Date().toISOString();
  for (let made = 0, di = 0; made < statements; di++) {
    const n = Math.min(1000, statements - made);
    const doc: Source[] = Array.from({ length: n }, () => perturb(src, rand));
    const id = `bench-${String(di).padStart(5, '0')}`;
    ctx.db.transaction(() => {
      insDoc.run(id, `合成文書 ${di}`, `${id}.txt`, id, doc.map((s) => s.text).join('\n'), now);
      let at = 0;
      doc.forEach((s, k) => {
        insSt.run(`${id}:${k}`, id, k, s.text, at, at + s.text.length, s.headingPath, s.speaker);
        at += s.text.length + 1;
      });
      flushPending(ctx.db);
    }).immediate();
    made += n;
    if (di % 100 === 0) log(`  ${made} statements`);
  }
  const targets = ctx.db.prepare("SELECT id, text FROM statements WHERE length(text) >= 8 AND id LIKE 'bench-%' ORDER BY rowid LIMIT ?").all(annotations) as { id: string; text: string }[];
  const actor = { db: ctx.db, author: 'bench' };
  for (const [i, s] of targets.entries()) createAnnotation(actor, { statementId: s.id, quote: s.text.slice(2, 6), comment: `注釈 ${i}`, tags: i % 3 ? [] : ['bench'], pillarIds: i % 2 ? ['supply-chain'] : [] });
  // The first search writes the per-statement arrays' snapshot that later processes read.
  runSearch(ctx.db, { query: '経済', limit: 10 }, { dictionary: compiledDictionary(ctx.db, defaultResourcesDir()) });
  ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  ctx.db.pragma('library.wal_checkpoint(TRUNCATE)');

  // One full pass of the background check, and a backup of the workspace (what backups copy).
  const c0 = performance.now();
  let slices = 0;
  let slowestSliceMs = 0;
  let last = performance.now();
  const check = runLibraryCheck(ctx.db, () => {
    const t = performance.now();
    slowestSliceMs = Math.max(slowestSliceMs, t - last);
    last = t;
    slices++;
  });
  const checkMs = performance.now() - c0;
  const backupFile = path.join(dir, 'workspace-backup.db');
  fs.rmSync(backupFile, { force: true });
  const b0 = performance.now();
  await ctx.db.backup(backupFile);
  const backupMs = performance.now() - b0;
  closeContext(ctx);
  const workspaceBytes = fs.statSync(dbPath).size;
  const libraryBytes = fs.statSync(libPath).size;
  log(`workspace ${round(workspaceBytes / 1e6)} MB, library ${round(libraryBytes / 1e6)} MB; check ${check.state} in ${round(checkMs / 1000)} s (${slices} slices, slowest ${round(slowestSliceMs)} ms); backup ${round(backupMs)} ms, ${round(fs.statSync(backupFile).size / 1e6)} MB`);

  const self = __filename;
  const files = [dbPath, `${dbPath}-wal`, libPath, `${libPath}-wal`];
  const child = () => JSON.parse(execFileSync(process.execPath, [self, '--probe', dbPath], { encoding: 'utf8' }).trim().split('\n').pop()!) as Record<string, number>;
  const cold: Record<string, number>[] = [];
  let dropped = true;
  for (let i = 0; i < runs; i++) {
    dropped = dropFromCache(files) && dropped;
    cold.push(child());
  }
  const warm: Record<string, number>[] = [];
  for (let i = 0; i < runs; i++) warm.push(child());
  for (const [label, rs] of [['cold', cold], ['warm', warm]] as const) {
    log(`${label}: ${rs.map((r) => `${r.sinceStartMs} ms (open ${r.openMs}, library ${r.ensureLibraryMs}, search ${r.searchMs}, rss ${r.maxRssMB} MB)`).join('; ')}`);
  }
  const pick = (rs: Record<string, number>[], k: string) => round(median(rs.map((r) => r[k])));
  const result = {
    statements,
    annotations: targets.length,
    firstSearchColdMs: pick(cold, 'sinceStartMs'),
    firstSearchWarmMs: pick(warm, 'sinceStartMs'),
    openColdMs: pick(cold, 'openMs'),
    openWarmMs: pick(warm, 'openMs'),
    ensureLibraryWarmMs: pick(warm, 'ensureLibraryMs'),
    searchColdMs: pick(cold, 'searchMs'),
    searchWarmMs: pick(warm, 'searchMs'),
    moduleLoadWarmMs: pick(warm, 'moduleLoadMs'),
    peakRssMB: Math.max(...cold.map((r) => r.maxRssMB), ...warm.map((r) => r.maxRssMB)),
    workspaceMB: round(workspaceBytes / 1e6, 2),
    libraryMB: round(libraryBytes / 1e6),
    backupMs: round(backupMs),
    libraryCheckPassS: round(checkMs / 1000),
    libraryCheckSlices: slices,
    libraryCheckSlowestSliceMs: round(slowestSliceMs),
    libraryCheckState: check.state,
    coldCacheDropped: dropped,
    loadAvg: round(os.loadavg()[0], 2),
  };
  if (!argv.includes('--keep') && !argv.includes('--dir')) fs.rmSync(dir, { recursive: true, force: true });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

void main();
