// Makes one committed schema fixture (test/fixtures/store/schema-*.sql): a database as earlier
// builds of the workbench left it, written by those builds' own code and dumped as plain SQL.
//
// Usage (from the repository root, with node_modules installed):
//   node scripts/make-schema-fixture.js OUT.sql STEP [STEP ...]
//   STEP = COMMIT:ACTION[,ACTION...]   ACTION = open | seed | search
// Each step takes that commit's source (git archive, into a temp folder), bundles its store and
// search modules with esbuild, and acts on the same database file in turn:
//   open   the commit's openDatabase(): its migrations, as `workbench init` or app start ran them;
//   seed   a few rows in whatever tables exist (a real excerpt of the bundled commentary, its
//          statements, an annotation with pillar, tag and journal rows, a briefing citing it);
//   search the commit's ensureIndex() (and statementMeta() where it exists), as a first search did.
// The dump never consults this checkout's code: it is read back from sqlite_master and the rows.
// It is run by hand when a new released state needs a fixture; the tests only read the .sql files.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const esbuild = require('esbuild');
const Database = require('better-sqlite3');

const ROOT = path.resolve(__dirname, '..');

/** The real text the seed uses: the opening of the bundled commentary (economic-security-commentary). */
const DOCUMENT = {
  id: 'economic-security-commentary',
  title: '経済安全保障',
  date: '2022-06-18',
  sentences: [
    '(抜粋)中国の人民解放軍の関係者が、日米欧の大学や企業との学術連携に紛れ込んでいる実態がわかってきた。',
    '狙いは軍事転用が可能な「機微技術」だ。',
    '日本経済新聞が国際論文データベースを分析したところ、過去5年間で合計473件の先端分野の共同研究に軍関係者が加わっていた。',
    '民間研究を国防分野に積極的に取り入れる中国とどう向き合っていくのか、揺れるアカデミアの世界を追った。',
  ],
};
const AT = '2026-11-20T09:00:00.000Z';

function sourceOf(commit) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `wb-fixture-${commit}-`));
  const tar = execFileSync('git', ['archive', commit, 'electron', 'shared', 'resources'], { cwd: ROOT, maxBuffer: 1 << 30 });
  execFileSync('tar', ['-x', '-C', dir], { input: tar });
  // The bundle's own require('better-sqlite3') resolves to this checkout's native build.
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

/** The commit's own modules, bundled against this checkout's node_modules (better-sqlite3 stays native). */
function load(commit) {
  const dir = sourceOf(commit);
  const has = (p) => fs.existsSync(path.join(dir, p));
  const lines = ["export { openDatabase } from './electron/store/open';"];
  if (has('electron/search/query.ts')) lines.push("export { ensureIndex } from './electron/search/query';");
  if (has('electron/search/meta.ts')) lines.push("export * as meta from './electron/search/meta';");
  const out = esbuild.buildSync({
    stdin: { contents: lines.join('\n'), resolveDir: dir, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['better-sqlite3', 'electron'],
    write: false,
    logLevel: 'error',
  });
  const file = path.join(dir, 'bundle.cjs');
  fs.writeFileSync(file, out.outputFiles[0].text);
  return require(file);
}

const tableExists = (db, name) => !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name);
const columnExists = (db, table, column) => db.prepare(`PRAGMA table_info(${table})`).all().some((c) => c.name === column);

function seed(db) {
  const text = DOCUMENT.sentences.join('');
  db.prepare(
    `INSERT INTO documents (id, title, date, issuer, kind, language, source, origin, content_hash, text, ingested_at)
     VALUES (?, ?, ?, NULL, 'commentary', 'ja', '004_a3269449e30e5e64.txt', 'bundled', 'fixture-hash', ?, ?)`,
  ).run(DOCUMENT.id, DOCUMENT.title, DOCUMENT.date, text, AT);
  let offset = 0;
  const insertStatement = db.prepare(
    `INSERT INTO statements (id, document_id, ordinal, kind, text, start_offset, end_offset, heading_path, speaker)
     VALUES (?, ?, ?, 'paragraph', ?, ?, ?, '["経済安全保障"]', ?)`,
  );
  DOCUMENT.sentences.forEach((s, i) => {
    insertStatement.run(`${DOCUMENT.id}:s${i + 1}`, DOCUMENT.id, i, s, offset, offset + s.length, i === 3 ? '日本経済新聞' : null);
    offset += s.length;
  });
  db.prepare("INSERT INTO app_state (key, value) VALUES ('corpus_hash', 'fixture-hash')").run();

  if (tableExists(db, 'annotations')) {
    const first = DOCUMENT.sentences[0];
    const q = first.indexOf('中国の人民解放軍');
    db.prepare(
      `INSERT INTO annotations (id, statement_id, document_id, scope, quote_exact, quote_prefix, quote_suffix, start_offset, end_offset,
         doc_start, doc_end, comment, importance, author, created_at, updated_at)
       VALUES ('ann-1', ?, ?, 'span', '中国の人民解放軍', ?, ?, ?, ?, ?, ?, '学術連携への浸透', 3, 'analyst', ?, ?)`,
    ).run(`${DOCUMENT.id}:s1`, DOCUMENT.id, first.slice(0, q), first.slice(q + 8, q + 40), q, q + 8, q, q + 8, AT, AT);
    db.prepare("INSERT INTO annotation_pillars (annotation_id, pillar_id) VALUES ('ann-1', 'tech-protection')").run();
    db.prepare("INSERT INTO annotation_tags (annotation_id, tag) VALUES ('ann-1', '学術連携')").run();
    db.prepare("INSERT INTO pillar_terms (pillar_id, term, weight, created_at) VALUES ('tech-protection', '機微技術', 1.5, ?)").run(AT);
    db.prepare("INSERT INTO suggestion_rejections (statement_id, pillar_id, author, rejected_at) VALUES (?, 'patents', 'analyst', ?)").run(`${DOCUMENT.id}:s2`, AT);
    const group = db
      .prepare("INSERT INTO change_groups (kind, label_ja, label_en, author, at, state) VALUES ('annotation.create', '注釈を追加', 'Add annotation', 'analyst', ?, 'done')")
      .run(AT).lastInsertRowid;
    db.prepare("INSERT INTO change_entries (group_id, ordinal, entity, entity_id, before_json, after_json) VALUES (?, 0, 'annotation', 'ann-1', NULL, '{\"id\":\"ann-1\"}')").run(group);
    db.prepare(
      `INSERT INTO activity (group_id, action, kind, label_ja, label_en, statement_id, annotation_id, pillar_id, author, at)
       VALUES (?, 'do', 'annotation.create', '注釈を追加', 'Add annotation', ?, 'ann-1', 'tech-protection', 'analyst', ?)`,
    ).run(group, `${DOCUMENT.id}:s1`, AT);
  }
  if (tableExists(db, 'briefings')) {
    db.prepare(
      `INSERT INTO briefings (id, title, subtitle, author, date, marking, language, summary, created_at, updated_at)
       VALUES ('brief-1', '技術流出の実態', '学術連携', 'analyst', '2026-11-20', '取扱注意', 'ja', '共同研究を通じた流出', ?, ?)`,
    ).run(AT, AT);
    db.prepare("INSERT INTO briefing_sections (id, briefing_id, position, heading, body) VALUES ('sec-1', 'brief-1', 0, '概要', '')").run();
    db.prepare("INSERT INTO briefing_items (id, section_id, position, annotation_id, statement_id, comment, quote_at_add) VALUES ('item-1', 'sec-1', 0, 'ann-1', NULL, '', '中国の人民解放軍')").run();
    db.prepare("INSERT INTO briefing_items (id, section_id, position, annotation_id, statement_id, comment, quote_at_add) VALUES ('item-2', 'sec-1', 1, NULL, ?, '件数', '')").run(`${DOCUMENT.id}:s3`);
    db.prepare("INSERT INTO briefing_templates (id, name, spec, created_at) VALUES ('tpl-1', '柱ごと', '{\"groupBy\":\"pillar\"}', ?)").run(AT);
    db.prepare(
      "INSERT INTO export_log (briefing_id, briefing_title, format, path, marking, bytes, author, exported_at) VALUES ('brief-1', '技術流出の実態', 'md', '/tmp/brief.md', '取扱注意', 1234, 'analyst', ?)",
    ).run(AT);
  }
  if (tableExists(db, 'annotations') && columnExists(db, 'annotations', 'last_locator')) {
    db.prepare(
      `INSERT INTO annotations (id, statement_id, document_id, scope, quote_exact, start_offset, end_offset, doc_start, doc_end, author, created_at, updated_at, orphaned, anchored_by, last_locator)
       VALUES ('ann-2', 'gone-statement', ?, 'statement', '消えた一文', 0, 5, 0, 5, 'analyst', ?, ?, 1, 'orphaned', 7)`,
    ).run(DOCUMENT.id, AT, AT);
  }
}

// ---- the dump: ordinary SQL that loads under better-sqlite3's defensive mode ----

const quote = (v) => {
  if (v === null) return 'NULL';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (Buffer.isBuffer(v)) return `X'${v.toString('hex')}'`;
  return `'${String(v).replace(/'/g, "''")}'`;
};

function rowsOf(db, table) {
  const cols = db.prepare(`PRAGMA table_info("${table}")`).all().map((c) => `"${c.name}"`);
  const hasRowid = !/WITHOUT\s+ROWID/i.test(db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').pluck().get(table));
  const order = hasRowid ? 'rowid' : cols.join(', ');
  return db
    .prepare(`SELECT ${cols.join(', ')} FROM "${table}" ORDER BY ${order}`)
    .raw()
    .all()
    .map((r) => `INSERT INTO "${table}" (${cols.join(', ')}) VALUES (${r.map(quote).join(', ')});`);
}

/**
 * An FTS5 table's rows, read back from its index: fts5vocab lists every token instance by rowid
 * and position, and joining them with spaces re-creates the same index under the ascii tokenizer.
 */
function ftsRows(db, table) {
  db.exec(`CREATE VIRTUAL TABLE temp.fixture_vocab USING fts5vocab(main, "${table}", instance)`);
  const byDoc = new Map();
  for (const { term, doc, offset } of db.prepare('SELECT term, doc, offset FROM temp.fixture_vocab ORDER BY doc, offset').all()) {
    const list = byDoc.get(doc) ?? [];
    list[offset] = term;
    byDoc.set(doc, list);
  }
  db.exec('DROP TABLE temp.fixture_vocab');
  const out = [...byDoc].map(([doc, terms]) => `INSERT INTO "${table}" (rowid, grams) VALUES (${doc}, ${quote(terms.join(' '))});`);
  for (const { k, v } of db.prepare(`SELECT k, v FROM "${table}_config" WHERE k <> 'version' ORDER BY k`).all()) {
    out.push(`INSERT INTO "${table}" ("${table}", rank) VALUES (${quote(k)}, ${quote(v)});`);
  }
  return out;
}

function dump(db) {
  const objects = db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid").all();
  const virtual = objects.filter((o) => o.type === 'table' && /^CREATE VIRTUAL TABLE/i.test(o.sql));
  const shadow = (name) => virtual.some((v) => name.startsWith(`${v.name}_`));
  const tables = objects.filter((o) => o.type === 'table' && !virtual.includes(o) && !shadow(o.name) && !o.name.startsWith('sqlite_'));
  const out = [`PRAGMA application_id = ${db.pragma('application_id', { simple: true })};`, `PRAGMA user_version = ${db.pragma('user_version', { simple: true })};`];
  for (const t of tables) out.push(`${t.sql};`);
  // Rows before indexes and triggers, so loading fires no trigger (the search queue stays as dumped).
  for (const t of tables) out.push(...rowsOf(db, t.name));
  if (tableExists(db, 'sqlite_sequence')) {
    for (const { name, seq } of db.prepare('SELECT name, seq FROM sqlite_sequence ORDER BY name').all()) {
      out.push(`UPDATE sqlite_sequence SET seq = ${seq} WHERE name = ${quote(name)};`);
    }
  }
  for (const v of virtual) out.push(`${v.sql};`, ...ftsRows(db, v.name));
  for (const o of objects) if (o.type === 'index' && !shadow(o.tbl_name)) out.push(`${o.sql};`);
  for (const o of objects) if (o.type === 'trigger') out.push(`${o.sql};`);
  return out.join('\n');
}

function main() {
  const [outFile, ...steps] = process.argv.slice(2);
  if (!outFile || steps.length === 0) {
    console.error('usage: node scripts/make-schema-fixture.js OUT.sql COMMIT:open[,seed][,search] [...]');
    process.exit(2);
  }
  const dbFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wb-fixture-db-')), 'workbench.db');
  for (const step of steps) {
    const [commit, actions] = step.split(':');
    const mod = load(commit);
    const db = mod.openDatabase(dbFile);
    for (const action of actions.split(',')) {
      if (action === 'seed') db.transaction(() => seed(db))();
      else if (action === 'search') {
        mod.ensureIndex(db);
        if (mod.meta?.statementMeta) mod.meta.statementMeta(db);
      } else if (action !== 'open') throw new Error(`unknown action ${action}`);
    }
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
  }
  const db = new Database(dbFile, { readonly: true });
  const header = [
    `-- Schema fixture: a database as these builds left it (made by scripts/make-schema-fixture.js).`,
    `-- node scripts/make-schema-fixture.js ${path.relative(ROOT, path.resolve(outFile))} ${steps.join(' ')}`,
  ];
  const sql = dump(db);
  db.close();
  // Round trip: the dump loaded into an empty database dumps to the same text (index included).
  const check = new Database(':memory:');
  check.exec(sql);
  if (dump(check) !== sql) throw new Error('the dump does not load back to the same database');
  check.close();
  fs.writeFileSync(outFile, `${header.join('\n')}\n${sql}\n`);
}

main();
