// The workspace/library split (migration 0017, electron/store/library.ts): a single-file database
// of every earlier schema is split on open after a verified copy, with annotations, pillars,
// briefings, imported documents and search intact; a library that is deleted, damaged or another
// workspace's is rebuilt from the bundled corpus and the stored originals, touching no annotation;
// the background check finds a damaged page and a stale index, and flags the library for rebuild.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createAnnotation, deleteAnnotation } from '../../electron/annotate/annotations';
import { closeContext, ensureLibrary, openContext, type AppContext } from '../../electron/app/context';
import { libraryCheckStep, runLibraryCheck } from '../../electron/backup/library-check';
import { importDocument, removeDocument } from '../../electron/import/import';
import { sampleSearchIndex } from '../../electron/search/index-check';
import { runSearch } from '../../electron/search/query';
import { libraryOpenReport } from '../../electron/store/library';
import { libraryPathFor } from '../../electron/store/library-file';
import { LATEST_VERSION } from '../../electron/store/migrations';
import { openDatabase } from '../../electron/store/open';
import { libraryFlaggedDamaged, verifyLibrary, verifyWorkspace } from '../../electron/store/verify';
import { compileDictionary } from '../../shared/query/expand';
import { normalizeKey } from '../../shared/text/normalize';
import { RESOURCES_DIR, tempDbPath } from '../helpers/db';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'store');
const CORPUS_TABLES = ['documents', 'statements', 'document_pages', 'search_fts', 'search_pending', 'search_meta_snapshot', 'search_state'];

const search = (db: Database.Database, query: string) =>
  runSearch(db, { query, limit: 200, expandVariants: false }, { dictionary: compileDictionary({ groups: [] }) }).hits.map((h) => h.statementId).sort();

function tablesOf(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
  } finally {
    db.close();
  }
}

function loadFixture(file: string): string {
  const dbPath = tempDbPath();
  const db = new Database(dbPath);
  db.exec(fs.readFileSync(path.join(FIXTURES, file), 'utf8'));
  db.close();
  return dbPath;
}

describe('the split of a single-file database', () => {
  // Fixtures of schema 3 and later hold an annotation (ann-1), a pillar link and a briefing item.
  it.each(['schema-v4-d528261-no-search.sql', 'schema-v4-4078902.sql', 'schema-v5-6eae2a2.sql', 'schema-v5-3342a60.sql'])('%s: a verified copy first, then the corpus moves to the library', (fixture) => {
    const dbPath = loadFixture(fixture);
    const old = new Database(dbPath);
    const annotationsBefore = old.prepare('SELECT * FROM annotations ORDER BY id').all();
    const statementsBefore = old.prepare('SELECT id, text FROM statements ORDER BY id').all() as { id: string; text: string }[];
    old.close();
    expect(annotationsBefore.length).toBeGreaterThan(0);

    const db = openDatabase(dbPath);
    const report = libraryOpenReport(db)!;
    try {
      // The copy taken before anything changed: the old schema, the same annotations.
      expect(report.preSplitCopy).toMatch(/workbench\.pre-split-.*\.db$/);
      const copy = new Database(report.preSplitCopy!, { readonly: true });
      expect(copy.pragma('quick_check', { simple: true })).toBe('ok');
      expect(copy.prepare('SELECT * FROM annotations ORDER BY id').all()).toEqual(annotationsBefore);
      copy.close();
      expect(fs.statSync(report.preSplitCopy!).mode & 0o777).toBe(0o600);

      // Annotations, pillars, briefings and statements, read through the one connection.
      expect(db.prepare('SELECT * FROM annotations ORDER BY id').all().map((a) => ({ ...(a as object), last_locator: undefined }))).toEqual(
        annotationsBefore.map((a) => ({ ...(a as object), last_locator: undefined })),
      );
      expect(db.prepare("SELECT pillar_id FROM annotation_pillars WHERE annotation_id = 'ann-1'").pluck().all()).toEqual(['tech-protection']);
      expect(db.prepare("SELECT annotation_id FROM briefing_items WHERE id = 'item-1'").pluck().get()).toBe('ann-1');
      expect(db.prepare('SELECT id, text FROM statements ORDER BY id').all()).toEqual(statementsBefore);
      const expected = statementsBefore.filter((s) => normalizeKey(s.text).includes(normalizeKey('中国'))).map((s) => s.id).sort();
      expect(expected.length).toBeGreaterThan(0);
      expect(search(db, '中国')).toEqual(expected);
      expect(verifyWorkspace(db)).toEqual({ ok: true, problems: [] });
      expect(verifyLibrary(db)).toEqual({ ok: true, problems: [] });
    } finally {
      db.close();
    }
    // The workspace file no longer holds the corpus; the library file holds only the corpus.
    const workspaceTables = tablesOf(dbPath);
    for (const t of CORPUS_TABLES) expect(workspaceTables, t).not.toContain(t);
    expect(workspaceTables).toEqual(expect.arrayContaining(['annotations', 'pillars', 'briefings', 'import_records', 'app_state']));
    const libraryTables = tablesOf(libraryPathFor(dbPath));
    for (const t of CORPUS_TABLES) expect(libraryTables, t).toContain(t);
    for (const t of ['annotations', 'pillars', 'briefings', 'import_records', 'app_state', 'change_groups']) expect(libraryTables, t).not.toContain(t);
  });
});

interface Snapshot {
  documents: unknown[];
  statementIds: string[];
  annotations: unknown[];
  importRecords: unknown[];
}

function snapshot(ctx: AppContext): Snapshot {
  return {
    documents: ctx.db.prepare('SELECT id, title, date, issuer, kind, origin, content_hash FROM documents ORDER BY id').all(),
    statementIds: ctx.db.prepare('SELECT id FROM statements ORDER BY id').pluck().all() as string[],
    annotations: ctx.db.prepare('SELECT * FROM annotations ORDER BY id').all(),
    importRecords: ctx.db.prepare('SELECT * FROM import_records ORDER BY id').all(),
  };
}

const MEMO = '# 調達メモ\n\n半導体製造装置の調達先を多角化する方針について、関係省庁と協議した。\n\n量子暗号通信の研究開発支援は来年度から拡充する。\n';

/** A workspace with the bundled corpus, an imported memo with corrected metadata, and annotations on both. */
async function populated(): Promise<{ dbPath: string; before: Snapshot }> {
  const dbPath = tempDbPath();
  const ctx = openContext({ dbPath, resourcesDir: RESOURCES_DIR, author: 'test-analyst' });
  await ensureLibrary(ctx);
  const imported = await importDocument(ctx.db, { fileName: 'memo.md', bytes: Buffer.from(MEMO), date: '2024-05-01' });
  ctx.db.prepare("INSERT INTO document_edits (document_id, fields_json, edited_at) VALUES (?, '{\"issuer\":\"経済安全保障室\"}', 'now')").run(imported.documentId);
  ctx.db.prepare("UPDATE documents SET issuer = '経済安全保障室' WHERE id = ?").run(imported.documentId);
  const actor = { db: ctx.db, author: 'test-analyst' };
  const memo = ctx.db.prepare('SELECT id, text FROM statements WHERE document_id = ? AND text LIKE ?').get(imported.documentId, '%半導体%') as { id: string; text: string };
  createAnnotation(actor, { statementId: memo.id, quote: '半導体製造装置', comment: '調達', tags: ['memo'], pillarIds: ['supply-chain'] });
  const bundled = ctx.db.prepare("SELECT s.id, s.text FROM statements s JOIN documents d ON d.id = s.document_id WHERE d.origin = 'bundled' AND s.text LIKE '%技術%' LIMIT 1").get() as { id: string; text: string };
  createAnnotation(actor, { statementId: bundled.id, quote: '技術', comment: '技術流出', tags: [], pillarIds: ['tech-protection'] });
  const before = snapshot(ctx);
  closeContext(ctx);
  return { dbPath, before };
}

async function reopen(dbPath: string): Promise<{ ctx: AppContext; ready: Awaited<ReturnType<typeof ensureLibrary>> }> {
  const ctx = openContext({ dbPath, resourcesDir: RESOURCES_DIR, author: 'test-analyst' });
  const ready = await ensureLibrary(ctx);
  return { ctx, ready };
}

describe('a library that is missing, damaged or not this workspace’s is rebuilt', () => {
  it('deleted: the same documents and statement ids come back, annotations untouched, search works', async () => {
    const { dbPath, before } = await populated();
    const lib = libraryPathFor(dbPath);
    for (const ext of ['', '-wal', '-shm']) fs.rmSync(lib + ext, { force: true });
    const { ctx, ready } = await reopen(dbPath);
    try {
      expect(ready.library).toMatchObject({ state: 'created', reason: 'missing' });
      expect(ready.corpus.skipped).toBe(false);
      expect(ready.imported.restored).toEqual(['import-memo']);
      expect(ready.imported.failed).toEqual([]);
      expect(snapshot(ctx)).toEqual(before);
      expect(search(ctx.db, '量子暗号').length).toBe(1);
    } finally {
      closeContext(ctx);
    }
  });

  it('damaged (garbage over the file): set aside, rebuilt, annotations untouched', async () => {
    const { dbPath, before } = await populated();
    const lib = libraryPathFor(dbPath);
    fs.writeFileSync(lib, Buffer.alloc(64 * 1024, 0x5a));
    const { ctx, ready } = await reopen(dbPath);
    try {
      expect(ready.library).toMatchObject({ state: 'created', reason: 'damaged', setAside: `${lib}.damaged` });
      expect(fs.readFileSync(`${lib}.damaged`).subarray(0, 4)).toEqual(Buffer.alloc(4, 0x5a));
      expect(snapshot(ctx)).toEqual(before);
    } finally {
      closeContext(ctx);
    }
  });

  it('another workspace’s library in its place is not used', async () => {
    const a = await populated();
    const other = tempDbPath();
    const octx = openContext({ dbPath: other, resourcesDir: RESOURCES_DIR, author: 'x' });
    await ensureLibrary(octx);
    closeContext(octx);
    fs.copyFileSync(libraryPathFor(other), libraryPathFor(a.dbPath));
    for (const ext of ['-wal', '-shm']) fs.rmSync(libraryPathFor(a.dbPath) + ext, { force: true });
    const { ctx, ready } = await reopen(a.dbPath);
    try {
      expect(ready.library).toMatchObject({ state: 'created', reason: 'other-workspace' });
      expect(snapshot(ctx)).toEqual(a.before);
    } finally {
      closeContext(ctx);
    }
  });

  it('an original that is gone is reported by document, and the rest is rebuilt', async () => {
    const { dbPath, before } = await populated();
    fs.rmSync(path.join(path.dirname(dbPath), 'originals'), { recursive: true, force: true });
    for (const ext of ['', '-wal', '-shm']) fs.rmSync(libraryPathFor(dbPath) + ext, { force: true });
    const { ctx, ready } = await reopen(dbPath);
    try {
      expect(ready.imported.restored).toEqual([]);
      expect(ready.imported.failed).toEqual([expect.objectContaining({ documentId: 'import-memo', error: expect.objectContaining({ code: 'not-found' }) })]);
      // The records and annotations stay: the original can be put back and the library reopened.
      expect(snapshot(ctx).annotations).toEqual(before.annotations);
      expect(snapshot(ctx).importRecords).toEqual(before.importRecords);
    } finally {
      closeContext(ctx);
    }
  });

  it('removing an imported document removes its records from the workspace (no key crosses the files)', async () => {
    const { dbPath } = await populated();
    const { ctx } = await reopen(dbPath);
    try {
      for (const id of ctx.db.prepare("SELECT id FROM annotations WHERE document_id = 'import-memo'").pluck().all() as string[]) deleteAnnotation({ db: ctx.db, author: 'test-analyst' }, id);
      removeDocument(ctx.db, 'import-memo');
      expect(ctx.db.prepare("SELECT COUNT(*) FROM import_records WHERE document_id = 'import-memo'").pluck().get()).toBe(0);
      expect(ctx.db.prepare("SELECT COUNT(*) FROM document_edits WHERE document_id = 'import-memo'").pluck().get()).toBe(0);
      expect(ctx.db.prepare("SELECT COUNT(*) FROM documents WHERE id = 'import-memo'").pluck().get()).toBe(0);
    } finally {
      closeContext(ctx);
    }
  });
});

describe('the background check of the library', () => {
  it('passes an intact library in slices, resuming where it stopped', async () => {
    const { dbPath } = await populated();
    const { ctx } = await reopen(dbPath);
    try {
      const first = libraryCheckStep(ctx.db, 500);
      expect(first).toMatchObject({ state: 'running', problems: [] });
      expect(first.cursor?.table).toBe(0);
      const done = runLibraryCheck(ctx.db);
      expect(done).toMatchObject({ state: 'passed', problems: [] });
      expect(done.cursor?.passes).toBe(1);
      expect(libraryFlaggedDamaged(ctx.db)).toBe(false);
    } finally {
      closeContext(ctx);
    }
  });

  it('finds a zeroed page of statements, flags the library, and the next open rebuilds it', async () => {
    const { dbPath, before } = await populated();
    const lib = libraryPathFor(dbPath);
    const probe = new Database(lib);
    probe.pragma('wal_checkpoint(TRUNCATE)');
    const pageSize = probe.pragma('page_size', { simple: true }) as number;
    // A leaf page of the statements table in the middle of it (dbstat names each page's owner).
    const leaves = probe.prepare("SELECT pageno FROM dbstat WHERE name = 'statements' AND pagetype = 'leaf' ORDER BY pageno").pluck().all() as number[];
    probe.close();
    expect(leaves.length).toBeGreaterThan(10);
    const page = leaves[Math.floor(leaves.length / 2)];
    const fd = fs.openSync(lib, 'r+');
    fs.writeSync(fd, Buffer.alloc(pageSize, 0), 0, pageSize, (page - 1) * pageSize);
    fs.closeSync(fd);

    const { ctx } = await reopen(dbPath);
    try {
      // Open does not read the library: the damage is found by the check, not at start.
      expect(libraryOpenReport(ctx.db)?.state).toBe('ok');
      const result = runLibraryCheck(ctx.db);
      expect(result.state).toBe('damaged');
      expect(result.problems.join(' ')).toMatch(/malformed|corrupt/i);
      expect(libraryFlaggedDamaged(ctx.db)).toBe(true);
    } finally {
      closeContext(ctx);
    }
    const again = await reopen(dbPath);
    try {
      expect(again.ready.library).toMatchObject({ state: 'created', reason: 'check-failed' });
      expect(snapshot(again.ctx)).toEqual(before);
      expect(libraryFlaggedDamaged(again.ctx.db)).toBe(false);
    } finally {
      closeContext(again.ctx);
    }
  });

  it('finds statements the search index lost', async () => {
    const { dbPath } = await populated();
    const { ctx } = await reopen(dbPath);
    try {
      expect(sampleSearchIndex(ctx.db, 50)).toEqual([]);
      // The index loses every statement (what a stale or damaged index looks like to search).
      const rowids = ctx.db.prepare('SELECT rowid FROM statements').pluck().all() as number[];
      const del = ctx.db.prepare('DELETE FROM search_fts WHERE rowid = ?');
      for (const r of rowids) del.run(r);
      const problems = sampleSearchIndex(ctx.db, 20);
      expect(problems.length).toBe(20);
      expect(problems[0]).toMatch(/statement \d+ is not found by its own text/);
    } finally {
      closeContext(ctx);
    }
  });
});

describe('a new workspace', () => {
  it('is two files from the start, at the latest schema', () => {
    const dbPath = tempDbPath();
    const db = openDatabase(dbPath);
    db.close();
    expect(fs.existsSync(libraryPathFor(dbPath))).toBe(true);
    expect(tablesOf(dbPath)).not.toContain('statements');
    expect(tablesOf(libraryPathFor(dbPath))).toContain('statements');
    const ws = new Database(dbPath, { readonly: true });
    expect(ws.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    ws.close();
  });
});
