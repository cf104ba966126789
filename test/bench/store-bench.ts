// `npm run bench:store [-- --statements N --annotations N --dir D --keep --reuse --runs N]`: opening at scale. Builds
// a workspace of N synthetic statements (the generator of bench:search) with the bundled corpus and
// N annotations, then times, in fresh processes, what the CLI and the app's worker do before the
// first search can answer: open (quick_check of the workspace only, attach the library), make sure
// the library is filled, run one search. Cold runs first drop the two files from the page cache
// (`dd iflag=nocache`, no root needed); warm runs follow. Also: file sizes, one full pass of the
// background library check, a workspace backup, peak RSS. Prints one JSON line at the end.
// Cold: as root, the whole page cache is dropped (`/proc/sys/vm/drop_caches`: Node, its modules and
// both files come from disk); otherwise only the two files (`dd iflag=nocache`). Every figure is
// wall time beside this process's CPU time, with the load average, since the machine is shared.
// `--reuse`: keep a workspace already built in --dir (skips the build, the check pass and the backup).
// Besides the probe (the services called directly), the CLI itself is timed: `workbench search`.
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
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const c0 = cpu(); // CPU since the process started: Node's start and the module loading
  const ctx = openContext({ dbPath, resourcesDir: defaultResourcesDir(), author: 'bench' });
  const opened = performance.now();
  const c1 = cpu();
  await ensureLibrary(ctx);
  const ready = performance.now();
  const c2 = cpu();
  const dictionary = compiledDictionary(ctx.db, defaultResourcesDir());
  const r = runSearch(ctx.db, { query: '経済安全保障', limit: 50 }, { dictionary });
  const searched = performance.now();
  const c3 = cpu();
  closeContext(ctx);
  const out = {
    sinceStartMs: round(searched),
    moduleLoadMs: round(t0),
    openMs: round(opened - t0),
    ensureLibraryMs: round(ready - opened),
    searchMs: round(searched - ready),
    cpuMs: round(c3),
    moduleLoadCpuMs: round(c0),
    openCpuMs: round(c1 - c0),
    ensureLibraryCpuMs: round(c2 - c1),
    searchCpuMs: round(c3 - c2),
    hits: r.total,
    maxRssMB: round(process.resourceUsage().maxRSS / 1024),
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

const DROP_CACHES = '/proc/sys/vm/drop_caches';

/** 'machine' when the whole page cache was dropped (root), 'files' for the two files alone, or 'none'. */
function dropCaches(files: string[]): 'machine' | 'files' | 'none' {
  try {
    execFileSync('sync');
    fs.writeFileSync(DROP_CACHES, '3\n');
    return 'machine';
  } catch {
    return dropFromCache(files) ? 'files' : 'none';
  }
}

/** The CLI as an analyst runs it, in a fresh process: wall time, and the CPU time it reports on exit. */
function timeCli(dbPath: string): { wallMs: number; cpuMs: number | null; hits: number } {
  const bin = path.join(__dirname, '..', '..', '..', 'bin', 'workbench.js');
  // The child reports its own CPU time (user + system) on exit, on stderr, after the answer.
  const script = `process.on('exit',()=>{const u=process.cpuUsage();process.stderr.write('\\ncpu '+((u.user+u.system)/1000)+'\\n')});require(${JSON.stringify(bin)})`;
  const t = performance.now();
  const r = spawnSync(process.execPath, ['-e', script, bin, 'search', '経済安全保障', '--limit', '50', '--json', '--db', dbPath], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wallMs = performance.now() - t;
  if (r.status !== 0) throw new Error(`workbench search failed: ${r.stderr}`);
  const m = /\ncpu ([\d.]+)\n/.exec(r.stderr);
  return { wallMs: round(wallMs), cpuMs: m ? round(Number(m[1])) : null, hits: (JSON.parse(r.stdout) as { total: number }).total };
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
  const reuse = argv.includes('--reuse') && fs.existsSync(dbPath) && fs.existsSync(libPath);
  let built: Record<string, number | string | null> = { backupMs: null, libraryCheckPassS: null, libraryCheckSlices: null, libraryCheckSlowestSliceMs: null, libraryCheckState: 'not run (--reuse)' };
  if (!reuse) built = await buildWorkspace(dbPath, statements, annotations, dir);
  else log(`reusing ${dbPath}`);
  const workspaceBytes = fs.statSync(dbPath).size;
  const libraryBytes = fs.statSync(libPath).size;

  const self = __filename;
  const files = [dbPath, `${dbPath}-wal`, libPath, `${libPath}-wal`];
  const child = () => JSON.parse(execFileSync(process.execPath, [self, '--probe', dbPath], { encoding: 'utf8' }).trim().split('\n').pop()!) as Record<string, number>;
  const loads: number[] = [os.loadavg()[0]];
  const cold: Record<string, number>[] = [];
  const coldCli: ReturnType<typeof timeCli>[] = [];
  const coldKinds = new Set<string>();
  for (let i = 0; i < runs; i++) {
    coldKinds.add(dropCaches(files));
    cold.push(child());
    coldKinds.add(dropCaches(files));
    coldCli.push(timeCli(dbPath));
  }
  loads.push(os.loadavg()[0]);
  const warm: Record<string, number>[] = [];
  const warmCli: ReturnType<typeof timeCli>[] = [];
  for (let i = 0; i < runs; i++) {
    warm.push(child());
    warmCli.push(timeCli(dbPath));
  }
  loads.push(os.loadavg()[0]);
  for (const [label, rs] of [['cold', cold], ['warm', warm]] as const) {
    log(`${label}: ${rs.map((r) => `${r.sinceStartMs} ms / cpu ${r.cpuMs} ms (modules ${r.moduleLoadMs}/${r.moduleLoadCpuMs}, open ${r.openMs}/${r.openCpuMs}, library ${r.ensureLibraryMs}, search ${r.searchMs}/${r.searchCpuMs}, rss ${r.maxRssMB} MB)`).join('; ')}`);
  }
  for (const [label, rs] of [['cold CLI', coldCli], ['warm CLI', warmCli]] as const) log(`${label}: ${rs.map((r) => `${r.wallMs} ms / cpu ${r.cpuMs} ms`).join('; ')}`);
  const pick = (rs: Record<string, number>[], k: string) => round(median(rs.map((r) => r[k])));
  const pickCli = (rs: ReturnType<typeof timeCli>[], k: 'wallMs' | 'cpuMs') => round(median(rs.map((r) => r[k] ?? NaN)));
  const result = {
    statements,
    annotations,
    firstSearchColdMs: pick(cold, 'sinceStartMs'),
    firstSearchWarmMs: pick(warm, 'sinceStartMs'),
    firstSearchColdCpuMs: pick(cold, 'cpuMs'),
    firstSearchWarmCpuMs: pick(warm, 'cpuMs'),
    firstSearchWarmMinMs: round(Math.min(...warm.map((r) => r.sinceStartMs))),
    cliSearchColdMs: pickCli(coldCli, 'wallMs'),
    cliSearchWarmMs: pickCli(warmCli, 'wallMs'),
    cliSearchColdCpuMs: pickCli(coldCli, 'cpuMs'),
    cliSearchWarmCpuMs: pickCli(warmCli, 'cpuMs'),
    openColdMs: pick(cold, 'openMs'),
    openWarmMs: pick(warm, 'openMs'),
    openWarmCpuMs: pick(warm, 'openCpuMs'),
    ensureLibraryWarmMs: pick(warm, 'ensureLibraryMs'),
    searchColdMs: pick(cold, 'searchMs'),
    searchWarmMs: pick(warm, 'searchMs'),
    searchWarmCpuMs: pick(warm, 'searchCpuMs'),
    moduleLoadWarmMs: pick(warm, 'moduleLoadMs'),
    moduleLoadWarmCpuMs: pick(warm, 'moduleLoadCpuMs'),
    peakRssMB: Math.max(...cold.map((r) => r.maxRssMB), ...warm.map((r) => r.maxRssMB)),
    hits: warm[0]?.hits,
    workspaceMB: round(workspaceBytes / 1e6, 2),
    libraryMB: round(libraryBytes / 1e6),
    ...built,
    cold: [...coldKinds].join('+'),
    runs,
    loadAvg: loads.map((l) => round(l, 2)),
    node: process.version,
  };
  if (!argv.includes('--keep') && !argv.includes('--dir')) fs.rmSync(dir, { recursive: true, force: true });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** Builds the workspace (not timed): the bundled corpus, the synthetic statements, the annotations; then one check pass and a backup. */
async function buildWorkspace(dbPath: string, statements: number, annotations: number, dir: string): Promise<Record<string, number | string | null>> {
  const libPath = libraryPathFor(dbPath);
  for (const base of [dbPath, libPath]) for (const ext of ['', '-wal', '-shm']) fs.rmSync(base + ext, { force: true });
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
  log(`workspace ${round(fs.statSync(dbPath).size / 1e6)} MB, library ${round(fs.statSync(libPath).size / 1e6)} MB; check ${check.state} in ${round(checkMs / 1000)} s (${slices} slices, slowest ${round(slowestSliceMs)} ms); backup ${round(backupMs)} ms, ${round(fs.statSync(backupFile).size / 1e6)} MB`);
  return { backupMs: round(backupMs), libraryCheckPassS: round(checkMs / 1000), libraryCheckSlices: slices, libraryCheckSlowestSliceMs: round(slowestSliceMs), libraryCheckState: check.state, annotationsWritten: targets.length };
}

void main();
