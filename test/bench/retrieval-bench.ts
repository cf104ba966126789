// `npm run bench:retrieval [-- --statements N --annotations N --runs N --dir D --reuse]`: retrieval at scale. Builds
// the synthetic corpus of bench:search (test/bench/synthetic-corpus.ts; 1,000,000 statements by
// default, without the search index, which retrieval does not read) and 10,000 annotations with
// pillars, tags, importance and comments, then times the code matrix, co-occurrence, the first
// page of coded segments (unfiltered and filtered) and the timeline. Cold = the first call on a
// freshly opened connection; warm = the median of the following runs. Ends with one JSON line.
// `--reuse` keeps a database already built in --dir with the same arguments (the build takes minutes).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { cooccurrence } from '../../electron/retrieval/cooccurrence';
import { codingMatrix } from '../../electron/retrieval/matrix';
import { segmentPage } from '../../electron/retrieval/segments';
import { codingTimeline } from '../../electron/retrieval/timeline';
import { libraryPathFor } from '../../electron/store/library-file';
import { openDatabase } from '../../electron/store/open';
import { bundledStatements, perturb, rng, type Source } from './synthetic-corpus';

interface Args {
  statements: number;
  annotations: number;
  tags: number;
  perDocument: number;
  runs: number;
  dir: string | null;
  reuse: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { statements: 1_000_000, annotations: 10_000, tags: 200, perDocument: 1000, runs: 10, dir: null, reuse: false };
  for (let i = 0; i < argv.length; i += 2) {
    const v = argv[i + 1];
    if (argv[i] === '--reuse') {
      a.reuse = true;
      i--;
      continue;
    }
    if (argv[i] === '--statements') a.statements = Number(v);
    else if (argv[i] === '--annotations') a.annotations = Number(v);
    else if (argv[i] === '--tags') a.tags = Number(v);
    else if (argv[i] === '--per-document') a.perDocument = Number(v);
    else if (argv[i] === '--runs') a.runs = Number(v);
    else if (argv[i] === '--dir') a.dir = v;
    else throw new Error(`unknown option ${argv[i]}`);
  }
  if (!Number.isInteger(a.statements) || a.statements < 1000) throw new Error('--statements must be an integer ≥ 1000');
  if (!Number.isInteger(a.annotations) || a.annotations < 1 || a.annotations > a.statements) throw new Error('--annotations must be an integer between 1 and --statements');
  return a;
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function timeIt<T>(fn: () => T): [T, number] {
  const t = process.hrtime.bigint();
  const v = fn();
  return [v, Number(process.hrtime.bigint() - t) / 1e6];
}

/** Wall time and this process's CPU time: on a shared machine the wall clock includes waiting for a core. */
function timeBoth<T>(fn: () => T): [number, number] {
  const c = process.cpuUsage();
  const [, wall] = timeIt(fn);
  const d = process.cpuUsage(c);
  return [wall, (d.user + d.system) / 1000];
}

function build(db: Database.Database, args: Args, log: (s: string) => void): void {
  const src = bundledStatements();
  const rand = rng(20261202);
  const insDoc = db.prepare(
    `INSERT INTO documents (id, title, date, issuer, kind, language, source, origin, content_hash, text, ingested_at)
     VALUES (?, ?, ?, NULL, 'report', 'ja', ?, 'imported', ?, '', ?)`,
  );
  const insSt = db.prepare(
    `INSERT INTO statements (id, document_id, ordinal, kind, level, text, start_offset, end_offset, heading_path, parent_id, speaker, marker, table_cell, footnotes)
     VALUES (?, ?, ?, 'paragraph', NULL, ?, ?, ?, ?, NULL, ?, NULL, NULL, '[]')`,
  );
  const now = new Date().toISOString();
  const documents = Math.ceil(args.statements / args.perDocument);
  const [, ms] = timeIt(() => {
    for (let di = 0, made = 0; di < documents; di++) {
      const n = Math.min(args.perDocument, args.statements - made);
      const id = `bench-${String(di).padStart(5, '0')}`;
      // Every 20th document undated: the timeline lists it apart.
      const date = di % 20 === 19 ? null : `20${String(10 + (di % 15)).padStart(2, '0')}-${String(1 + (di % 12)).padStart(2, '0')}-15`;
      db.transaction(() => {
        insDoc.run(id, `合成文書 ${di}`, date, `${id}.txt`, id, now);
        let at = 0;
        for (let k = 0; k < n; k++) {
          const s: Source = perturb(src, rand);
          insSt.run(`${id}:${k}`, id, k, s.text, at, at + s.text.length, s.headingPath, s.speaker);
          at += s.text.length + 1;
        }
      })();
      made += n;
    }
    // The search index is not built: retrieval never reads it.
    db.exec('DELETE FROM search_pending');
  });
  log(`statements: ${args.statements} in ${documents} documents, ${round(ms / 1000, 1)} s`);

  const pillars = db.prepare('SELECT id FROM pillars WHERE deleted_at IS NULL ORDER BY position').pluck().all() as string[];
  const tags = Array.from({ length: args.tags }, (_, i) => `タグ${i}`);
  const insA = db.prepare(
    `INSERT INTO annotations (id, statement_id, document_id, scope, quote_exact, start_offset, end_offset, doc_start, doc_end, comment, importance, author, created_at, updated_at)
     VALUES (?, ?, ?, 'statement', ?, 0, ?, ?, ?, ?, ?, 'bench', ?, ?)`,
  );
  const insP = db.prepare('INSERT OR IGNORE INTO annotation_pillars (annotation_id, pillar_id) VALUES (?, ?)');
  const insT = db.prepare('INSERT OR IGNORE INTO annotation_tags (annotation_id, tag) VALUES (?, ?)');
  const getSt = db.prepare('SELECT id, document_id, text, start_offset, end_offset FROM statements WHERE rowid = ?');
  const [, annMs] = timeIt(() =>
    db.transaction(() => {
      for (let i = 0; i < args.annotations; i++) {
        const s = getSt.get(1 + Math.floor(rand() * args.statements)) as { id: string; document_id: string; text: string; start_offset: number; end_offset: number };
        const id = `ann-bench-${i}`;
        const at = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
        insA.run(id, s.id, s.document_id, s.text, s.text.length, s.start_offset, s.end_offset, i % 3 ? '' : '要確認の論点', i % 4 === 0 ? null : 1 + (i % 3), at, at);
        insP.run(id, pillars[Math.floor(rand() * pillars.length)]);
        if (rand() < 0.3) insP.run(id, pillars[Math.floor(rand() * pillars.length)]);
        // Tags with a skewed frequency, as real coding has: a few common, a long tail.
        for (let k = Math.floor(rand() * 4); k > 0; k--) insT.run(id, tags[Math.floor(rand() ** 2 * tags.length)]);
      }
    })(),
  );
  log(`annotations: ${args.annotations} (${pillars.length} pillars, ${args.tags} tags) in ${round(annMs)} ms`);
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const dir = args.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'wb-bench-retrieval-'));
  fs.mkdirSync(dir, { recursive: true });
  const dbPath = path.join(dir, 'bench.db');
  const log = (s: string) => process.stderr.write(`${s}\n`);
  // What the database in --dir was built with: --reuse takes it only when the arguments match.
  const builtWith = path.join(dir, 'built-with.json');
  const recipe = JSON.stringify({ statements: args.statements, annotations: args.annotations, tags: args.tags, perDocument: args.perDocument });
  const reuse = args.reuse && fs.existsSync(dbPath) && fs.existsSync(builtWith) && fs.readFileSync(builtWith, 'utf8') === recipe;
  if (!reuse) {
    for (const f of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`, libraryPathFor(dbPath), `${libraryPathFor(dbPath)}-wal`, `${libraryPathFor(dbPath)}-shm`, builtWith]) fs.rmSync(f, { force: true });
  } else log(`reusing ${dbPath} (${recipe})`);

  const db0 = openDatabase(dbPath);
  db0.pragma('synchronous = NORMAL');
  if (!reuse) {
    build(db0, args, log);
    fs.writeFileSync(builtWith, recipe);
  }
  const firstPillar = db0.prepare('SELECT id FROM pillars WHERE deleted_at IS NULL ORDER BY position LIMIT 1').pluck().get() as string;
  db0.pragma('wal_checkpoint(TRUNCATE)');
  db0.close();

  const commonTag = 'タグ0';
  const cases: [string, (db: Database.Database) => unknown][] = [
    ['matrix pillar×document', (db) => codingMatrix(db, 'pillar', 'document')],
    ['matrix pillar×speaker', (db) => codingMatrix(db, 'pillar', 'speaker')],
    ['matrix tag×document', (db) => codingMatrix(db, 'tag', 'document')],
    ['co-occurrence (300 codes)', (db) => cooccurrence(db)],
    ['segments first page', (db) => segmentPage(db, { limit: 50 })],
    ['segments first page, tag', (db) => segmentPage(db, { filter: { tags: [commonTag] }, limit: 50 })],
    ['segments first page, pillar + importance', (db) => segmentPage(db, { filter: { pillars: [firstPillar], importance: [3] }, limit: 50 })],
    ['segments first page, text', (db) => segmentPage(db, { filter: { text: '論点' }, limit: 50 })],
    ['segments first page, by updated', (db) => segmentPage(db, { sort: 'updated', limit: 50 })],
    ['timeline by month', (db) => codingTimeline(db, {}, 'month')],
  ];
  const loadBefore = os.loadavg()[0];
  const result: Record<string, number | string | number[]> = { statements: args.statements, annotations: args.annotations, tags: args.tags };
  const rows: string[] = [];
  for (const [name, fn] of cases) {
    // Cold: a fresh connection (no prepared statements, no SQLite page cache of its own).
    const db = openDatabase(dbPath);
    let cold: [number, number];
    try {
      cold = timeBoth(() => fn(db));
    } catch (e) {
      db.close();
      throw new Error(`${name}: ${(e as Error).message}`);
    }
    const warm: number[] = [];
    const warmCpu: number[] = [];
    for (let i = 0; i < args.runs; i++) {
      const [wall, cpu] = timeBoth(() => fn(db));
      warm.push(wall);
      warmCpu.push(cpu);
    }
    db.close();
    rows.push(
      `${name.padEnd(42)} cold ${round(cold[0]).toString().padStart(8)} ms (cpu ${round(cold[1]).toString().padStart(7)})   warm p50 ${round(median(warm)).toString().padStart(8)} ms (cpu ${round(median(warmCpu)).toString().padStart(7)})   max ${round(Math.max(...warm)).toString().padStart(8)} ms`,
    );
    const key = name.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, '');
    result[`${key}_coldMs`] = round(cold[0]);
    result[`${key}_coldCpuMs`] = round(cold[1]);
    result[`${key}_warmMs`] = round(median(warm));
    result[`${key}_warmCpuMs`] = round(median(warmCpu));
  }
  log(rows.join('\n'));
  result.loadAvg = [round(loadBefore), round(os.loadavg()[0])];
  result.node = process.version;
  result.cpus = os.cpus().length;
  if (!args.dir) fs.rmSync(dir, { recursive: true, force: true });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main();
