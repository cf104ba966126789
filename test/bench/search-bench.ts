// `npm run bench:search [-- --statements N]`: search at scale. Builds a synthetic corpus from the
// bundled documents (shuffled, spliced and perturbed statements), ingests it through the real schema
// and index, and times a fixed query set against ripgrep and a LIKE scan over the same text.
// Prints a table and ends with one JSON line (the figures docs/benchmarks.md records).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { flushPending } from '../../electron/search/indexer';
import { termIds, union } from '../../electron/search/postings';
import { runSearch } from '../../electron/search/query';
import { compiledDictionary } from '../../electron/search/variants';
import { libraryPathFor } from '../../electron/store/library-file';
import { openDatabase } from '../../electron/store/open';
import { defaultResourcesDir } from '../../electron/store/paths';
import { parseQuery } from '../../shared/query/parse';
import { bundledStatements, perturb, rng, type Source } from './synthetic-corpus';

interface Args {
  statements: number;
  perDocument: number;
  runs: number;
  keep: boolean;
  dir: string | null;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { statements: 1_000_000, perDocument: 1000, runs: 15, keep: false, dir: null };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i + 1];
    if (argv[i] === '--statements') a.statements = Number(v);
    else if (argv[i] === '--per-document') a.perDocument = Number(v);
    else if (argv[i] === '--runs') a.runs = Number(v);
    else if (argv[i] === '--dir') a.dir = v;
    else if (argv[i] === '--keep') {
      a.keep = true;
      continue;
    } else continue;
    i++;
  }
  if (!Number.isInteger(a.statements) || a.statements < 1000) throw new Error('--statements must be an integer ≥ 1000');
  return a;
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

interface BenchQuery {
  query: string;
  kind: 'short' | 'long' | 'compound' | 'or' | 'exclusion' | 'zero';
  /** Fixed strings for rg/LIKE (OR = any of them); null when they cannot express the query. */
  plain: string[] | null;
}

const QUERIES: BenchQuery[] = [
  { query: '中国', kind: 'short', plain: ['中国'] },
  { query: '技術', kind: 'short', plain: ['技術'] },
  { query: '特許', kind: 'short', plain: ['特許'] },
  { query: '防衛', kind: 'short', plain: ['防衛'] },
  { query: '半導', kind: 'short', plain: ['半導'] },
  { query: '米', kind: 'short', plain: ['米'] },
  { query: '経済安全保障', kind: 'long', plain: ['経済安全保障'] },
  { query: 'サプライチェーン', kind: 'long', plain: ['サプライチェーン'] },
  { query: '強靱化', kind: 'long', plain: ['強靱化'] },
  { query: '重要インフラ', kind: 'long', plain: ['重要インフラ'] },
  { query: '機微技術', kind: 'long', plain: ['機微技術'] },
  { query: 'DARPA', kind: 'long', plain: ['DARPA'] },
  { query: '中国 技術', kind: 'compound', plain: null },
  { query: '経済安全保障 推進法', kind: 'compound', plain: null },
  { query: '特許 OR 発明', kind: 'or', plain: ['特許', '発明'] },
  { query: '半導体 OR 蓄電池 OR 重要鉱物', kind: 'or', plain: ['半導体', '蓄電池', '重要鉱物'] },
  { query: '技術 -中国', kind: 'exclusion', plain: null },
  { query: '量子暗号衛星XYZ', kind: 'zero', plain: ['量子暗号衛星XYZ'] },
];

function timeIt<T>(fn: () => T): [T, number] {
  const t = process.hrtime.bigint();
  const v = fn();
  return [v, Number(process.hrtime.bigint() - t) / 1e6];
}

/** Wall time and this process's CPU time: on a shared machine the wall clock includes waiting for a core. */
function timeBoth<T>(fn: () => T): [T, number, number] {
  const c = process.cpuUsage();
  const [v, wall] = timeIt(fn);
  const d = process.cpuUsage(c);
  return [v, wall, (d.user + d.system) / 1000];
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const dir = args.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'wb-bench-search-'));
  fs.mkdirSync(dir, { recursive: true });
  const dbPath = path.join(dir, 'bench.db');
  for (const base of [dbPath, libraryPathFor(dbPath)]) for (const f of [base, `${base}-wal`, `${base}-shm`]) fs.rmSync(f, { force: true });
  const log = (s: string) => process.stderr.write(`${s}\n`);

  const src = bundledStatements();
  log(`source: ${src.length} bundled statements; building ${args.statements} statements in ${dir}`);

  // Generate first (not timed), so ingest throughput measures the store and the index only.
  const rand = rng(20260401);
  const docs: Source[][] = [];
  for (let made = 0; made < args.statements; ) {
    const n = Math.min(args.perDocument, args.statements - made);
    const doc: Source[] = new Array(n);
    for (let i = 0; i < n; i++) doc[i] = perturb(src, rand);
    docs.push(doc);
    made += n;
  }
  let textBytes = 0;
  for (const d of docs) for (const s of d) textBytes += Buffer.byteLength(s.text);

  // Ingest: the real schema (migrations, triggers) and the real index flush, one transaction per
  // document as ingest does (the segmenter is not part of this measurement).
  const db = openDatabase(dbPath);
  db.pragma('synchronous = NORMAL');
  db.pragma('library.synchronous = NORMAL');
  const insDoc = db.prepare(
    `INSERT INTO documents (id, title, date, issuer, kind, language, source, origin, content_hash, text, ingested_at)
     VALUES (?, ?, ?, NULL, 'report', 'ja', ?, 'imported', ?, ?, ?)`,
  );
  const insSt = db.prepare(
    `INSERT INTO statements (id, document_id, ordinal, kind, level, text, start_offset, end_offset, heading_path, parent_id, speaker, marker, table_cell, footnotes)
     VALUES (?, ?, ?, 'paragraph', NULL, ?, ?, ?, ?, NULL, ?, NULL, NULL, '[]')`,
  );
  const now = new Date().toISOString();
  const cpu0 = process.cpuUsage();
  const [, ingestMs] = timeIt(() => {
    docs.forEach((doc, di) => {
      const id = `bench-${String(di).padStart(5, '0')}`;
      const date = `20${String(10 + (di % 15)).padStart(2, '0')}-${String(1 + (di % 12)).padStart(2, '0')}-15`;
      db.transaction(() => {
        const text = doc.map((s) => s.text).join('\n');
        insDoc.run(id, `合成文書 ${di}`, date, `${id}.txt`, id, text, now);
        let at = 0;
        doc.forEach((s, k) => {
          insSt.run(`${id}:${k}`, id, k, s.text, at, at + s.text.length, s.headingPath, s.speaker);
          at += s.text.length + 1;
        });
        flushPending(db);
      }).immediate();
    });
  });
  const cpu = process.cpuUsage(cpu0);
  const ingestCpuMs = (cpu.user + cpu.system) / 1000;
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('library.wal_checkpoint(TRUNCATE)');
  // The corpus is in the library file beside the workspace (electron/store/library-file.ts).
  const dbBytes = fs.statSync(dbPath).size + fs.statSync(libraryPathFor(dbPath)).size;
  const ingestMBps = textBytes / 1e6 / (ingestMs / 1000);
  const ingestCpuMBps = textBytes / 1e6 / (ingestCpuMs / 1000);
  log(`ingest: ${round(textBytes / 1e6, 1)} MB in ${round(ingestMs / 1000, 1)} s = ${round(ingestMBps, 1)} MB/s wall, ${round(ingestCpuMBps, 1)} MB/s of this process's CPU time; db ${round(dbBytes / 1e6, 1)} MB (${round(dbBytes / textBytes)}× text)`);

  // The same text as files for rg: one statement per line, in rowid order.
  const textFile = path.join(dir, 'statements.txt');
  const fd = fs.openSync(textFile, 'w');
  const rowOfLine: number[] = [];
  for (const [rowid, text] of db.prepare('SELECT rowid, text FROM statements ORDER BY rowid').raw().iterate() as IterableIterator<[number, string]>) {
    fs.writeSync(fd, `${text.replace(/[\r\n]+/g, ' ')}\n`);
    rowOfLine.push(rowid);
  }
  fs.closeSync(fd);
  const rg = fs.existsSync('/usr/bin/rg') ? '/usr/bin/rg' : 'rg';

  const dictionary = compiledDictionary(db, defaultResourcesDir());
  const [, firstMs] = timeIt(() => runSearch(db, { query: '経済', limit: 50 }, { dictionary }));
  log(`first search after open (builds the per-statement arrays): ${round(firstMs)} ms`);

  const lat = new Map<string, number[]>();
  const cpuLat = new Map<string, number[]>();
  const cold: number[] = [];
  const totals = new Map<string, number>();
  for (let run = 0; run < args.runs; run++) {
    for (const q of run % 2 ? [...QUERIES].reverse() : QUERIES) {
      const [r, ms, cpuMs] = timeBoth(() => runSearch(db, { query: q.query, limit: 50, expandVariants: false }, { dictionary }));
      // Run 0 is cold (each term's doclist walked for the first time); later runs reuse term lists.
      if (run > 0) {
        (lat.get(q.query) ?? lat.set(q.query, []).get(q.query)!).push(ms);
        (cpuLat.get(q.query) ?? cpuLat.set(q.query, []).get(q.query)!).push(cpuMs);
      } else cold.push(ms);
      totals.set(q.query, r.total);
    }
  }

  // rg and LIKE on the same text, for the queries they can express as fixed strings.
  const rgMs: number[] = [];
  const likeMs: number[] = [];
  const oursMs: number[] = [];
  let recallHit = 0;
  let recallAll = 0;
  const likeStmt = (n: number) => db.prepare(`SELECT count(*) FROM statements WHERE ${Array.from({ length: n }, () => 'text LIKE ?').join(' OR ')}`).pluck();
  const table: string[] = [];
  for (const q of QUERIES) {
    const mine = lat.get(q.query)!;
    const row = [`${q.kind.padEnd(9)} ${q.query.padEnd(22)} hits ${String(totals.get(q.query)).padStart(8)}  p50 ${round(percentile(mine, 50)).toString().padStart(7)} ms  p95 ${round(percentile(mine, 95)).toString().padStart(7)} ms  cpu p50 ${round(percentile(cpuLat.get(q.query)!, 50)).toString().padStart(6)} p95 ${round(percentile(cpuLat.get(q.query)!, 95)).toString().padStart(6)} ms`];
    if (q.plain) {
      const rgArgs = ['-F', '-c', ...q.plain.flatMap((p) => ['-e', p]), textFile];
      const rgTimes: number[] = [];
      for (let i = 0; i < 3; i++) rgTimes.push(timeIt(() => spawnSync(rg, rgArgs, { encoding: 'utf8' }))[1]);
      const [, like] = timeIt(() => likeStmt(q.plain!.length).get(...q.plain!.map((p) => `%${p}%`)));
      const rgMed = percentile(rgTimes, 50);
      rgMs.push(rgMed);
      likeMs.push(like);
      oursMs.push(percentile(mine, 50));
      row.push(`  rg ${round(rgMed).toString().padStart(7)} ms  LIKE ${round(like).toString().padStart(7)} ms`);
      // Recall: every line rg finds must be a hit of ours (ours also finds the folded variants).
      const out = spawnSync(rg, ['-F', '-n', '--no-filename', ...q.plain.flatMap((p) => ['-e', p]), textFile], { encoding: 'utf8', maxBuffer: 1 << 30 }).stdout;
      const rgRows = out ? out.split('\n').filter(Boolean).map((l) => rowOfLine[Number(l.slice(0, l.indexOf(':'))) - 1]) : [];
      // All of our hits (not just the page), by the lookup the search runs: one OR clause is the
      // union of its terms' statement lists.
      const parsed = parseQuery(q.plain.join(' OR '));
      const ours = new Set(union(parsed.clauses[0].anyOf.map((t) => termIds(db, t.norm))));
      const oursAll = rgRows.filter((rid) => ours.has(rid));
      recallHit += oursAll.length;
      recallAll += rgRows.length;
    }
    table.push(row.join(''));
  }
  log(table.join('\n'));
  log(`cold (first run of each query): ${QUERIES.map((q, i) => `${q.query} ${round(cold[i])}`).join(', ')}`);

  const shortMs = QUERIES.filter((q) => q.kind === 'short').flatMap((q) => lat.get(q.query)!);
  const otherMs = QUERIES.filter((q) => q.kind !== 'short').flatMap((q) => lat.get(q.query)!);
  const shortCpu = QUERIES.filter((q) => q.kind === 'short').flatMap((q) => cpuLat.get(q.query)!);
  const otherCpu = QUERIES.filter((q) => q.kind !== 'short').flatMap((q) => cpuLat.get(q.query)!);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const result = {
    statements: args.statements,
    ingestMBps: round(ingestMBps),
    dbToTextRatio: round(dbBytes / textBytes),
    p50Ms: round(percentile(otherMs, 50)),
    p95Ms: round(percentile(otherMs, 95)),
    p95ShortMs: round(percentile(shortMs, 95)),
    rgSpeedup: round(sum(rgMs) / sum(oursMs)),
    likeSpeedup: round(sum(likeMs) / sum(oursMs)),
    recallVsRg: recallAll ? round(recallHit / recallAll, 4) : 1,
    // Beyond the required keys: figures that qualify the ones above.
    ingestCpuMBps: round(ingestCpuMBps),
    p50CpuMs: round(percentile(otherCpu, 50)),
    p95CpuMs: round(percentile(otherCpu, 95)),
    p95ShortCpuMs: round(percentile(shortCpu, 95)),
    coldP95Ms: round(percentile(cold, 95)),
    coldMaxMs: round(Math.max(...cold)),
    firstSearchMs: round(firstMs),
    loadAvg: round(os.loadavg()[0]),
  };
  db.close();
  // Reopened: the per-statement arrays come from the stored snapshot instead of a full scan.
  const db2 = openDatabase(dbPath);
  const [, reopenMs] = timeIt(() => runSearch(db2, { query: '経済', limit: 50 }, { dictionary }));
  db2.close();
  log(`first search after reopening (snapshot): ${round(reopenMs)} ms`);
  (result as Record<string, number>).firstSearchAfterReopenMs = round(reopenMs);
  if (!args.keep && !args.dir) fs.rmSync(dir, { recursive: true, force: true });
  try {
    log(`rg: ${execFileSync(rg, ['--version'], { encoding: 'utf8' }).split('\n')[0]}`);
  } catch {
    log('rg: not found');
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main();
