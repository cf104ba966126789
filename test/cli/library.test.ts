// `workbench library check|rebuild` (issue 11): the full check on a fresh library (every row of
// the sliced tables read, progress on stderr, the state recorded), on a library with a zeroed page
// (problems named, flagged, rebuilt at the next open) and on one overwritten with garbage (rebuilt
// at open, and said so); the rebuild brings back the same documents, statement ids and search
// hits, leaves annotations and the undo journal as they were, and is refused, naming the holder,
// while another process has the workspace open.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createAnnotation } from '../../electron/annotate/annotations';
import { closeContext, ensureLibrary, openContext, type AppContext } from '../../electron/app/context';
import { importDocument } from '../../electron/import/import';
import { runSearch } from '../../electron/search/query';
import { libraryPathFor } from '../../electron/store/library-file';
import { compileDictionary } from '../../shared/query/expand';
import type { ResponseOf } from '../../shared/api/contract';
import { apiFor } from '../helpers/api';
import { runCli } from '../helpers/cli';
import { killHoldersAfterAll, startHolder } from '../helpers/holder';
import { RESOURCES_DIR, tempDbPath } from '../helpers/db';

const MEMO = '# 調達メモ\n\n半導体製造装置の調達先を多角化する方針について、関係省庁と協議した。\n\n量子暗号通信の研究開発支援は来年度から拡充する。\n';

async function open(dbPath: string): Promise<AppContext> {
  const ctx = openContext({ dbPath, resourcesDir: RESOURCES_DIR, author: 'test-analyst' });
  await ensureLibrary(ctx);
  return ctx;
}

/** A workspace with the bundled corpus, an imported memo and an annotation on each; closed. */
async function workspace(): Promise<string> {
  const dbPath = tempDbPath();
  const ctx = await open(dbPath);
  try {
    const imported = await importDocument(ctx.db, { fileName: 'memo.md', bytes: Buffer.from(MEMO), date: '2024-05-01' });
    const actor = { db: ctx.db, author: 'test-analyst' };
    const memo = ctx.db.prepare('SELECT id FROM statements WHERE document_id = ? AND text LIKE ?').pluck().get(imported.documentId, '%半導体%') as string;
    createAnnotation(actor, { statementId: memo, quote: '半導体製造装置', comment: '調達', tags: [], pillarIds: ['supply-chain'] });
    const bundled = ctx.db.prepare("SELECT s.id FROM statements s JOIN documents d ON d.id = s.document_id WHERE d.origin = 'bundled' AND s.text LIKE '%技術%' LIMIT 1").pluck().get() as string;
    createAnnotation(actor, { statementId: bundled, quote: '技術', comment: '技術流出', tags: [], pillarIds: ['tech-protection'] });
  } finally {
    closeContext(ctx);
  }
  return dbPath;
}

interface Seen {
  documents: unknown[];
  statements: string[];
  annotations: unknown[];
  hits: Record<string, string[]>;
}

const QUERIES = ['半導体', '量子暗号', '経済安全保障', '技術'];

function seen(ctx: AppContext): Seen {
  const hits: Record<string, string[]> = {};
  for (const q of QUERIES) hits[q] = runSearch(ctx.db, { query: q, limit: 500, expandVariants: false }, { dictionary: compileDictionary({ groups: [] }) }).hits.map((h) => h.statementId).sort();
  return {
    documents: ctx.db.prepare('SELECT id, title, date, issuer, kind, origin, content_hash FROM documents ORDER BY id').all(),
    statements: ctx.db.prepare('SELECT id FROM statements ORDER BY id').pluck().all() as string[],
    annotations: ctx.db.prepare('SELECT * FROM annotations ORDER BY id').all(),
    hits,
  };
}

/** Rows in the tables the check reads by slices, counted directly. */
function slicedRows(dbPath: string): number {
  const db = new Database(libraryPathFor(dbPath), { readonly: true });
  try {
    return ['documents', 'statements', 'search_fts_data', 'search_fts_docsize'].reduce((n, t) => n + (db.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get() as number), 0);
  } finally {
    db.close();
  }
}

function zeroAStatementsPage(dbPath: string): void {
  const lib = libraryPathFor(dbPath);
  const probe = new Database(lib);
  probe.pragma('wal_checkpoint(TRUNCATE)');
  const pageSize = probe.pragma('page_size', { simple: true }) as number;
  const leaves = probe.prepare("SELECT pageno FROM dbstat WHERE name = 'statements' AND pagetype = 'leaf' ORDER BY pageno").pluck().all() as number[];
  probe.close();
  expect(leaves.length).toBeGreaterThan(10);
  const fd = fs.openSync(lib, 'r+');
  fs.writeSync(fd, Buffer.alloc(pageSize, 0), 0, pageSize, (leaves[Math.floor(leaves.length / 2)] - 1) * pageSize);
  fs.closeSync(fd);
}

type CheckJson = ResponseOf<'library.check'> & { library: ResponseOf<'storage.status'>['library']; rebuiltAtOpen: { reason: string; setAside: string | null } | null };

describe('workbench library check', () => {
  it('passes a fresh library, reading every row of the sliced tables, with progress on stderr', async () => {
    const dbPath = await workspace();
    const r = await runCli(['library', 'check', '--db', dbPath, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = r.json<CheckJson>();
    expect(out).toMatchObject({ ok: true, problems: [], flagged: false, rebuiltAtOpen: null });
    expect(out.rows).toBe(slicedRows(dbPath));
    expect(out.slices).toBeGreaterThan(4); // four sliced tables, then the small ones one by one
    expect(out.library.state).toBe('ok');
    expect(Date.parse(out.library.checkedAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
    expect(r.stderr).toContain('Checking the library: 0 %');
    expect(r.stderr).toContain('Checking the library: 100 %');

    const words = await runCli(['library', 'check', '--db', dbPath, '--lang', 'ja']);
    expect(words.code).toBe(0);
    expect(words.stdout).toMatch(/^ライブラリに問題は見つかりませんでした（\d+ 区画、\d+ 行、[\d.]+ 秒）。\n$/);
    expect(words.stderr).toContain('ライブラリを検査しています: 100 %');
  });

  it('finds a zeroed page, names the problem, flags the library; the next open rebuilds it and says so', async () => {
    const dbPath = await workspace();
    const ctx = await open(dbPath);
    const before = seen(ctx);
    closeContext(ctx);
    zeroAStatementsPage(dbPath);

    const r = await runCli(['library', 'check', '--db', dbPath]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/The library check found \d+ problem\(s\)/);
    expect(r.stdout).toMatch(/malformed|corrupt/i);
    expect(r.stdout).toContain('workbench library rebuild');

    const again = await runCli(['library', 'check', '--db', dbPath, '--json']);
    expect(again.code, again.stderr).toBe(0);
    const out = again.json<CheckJson>();
    expect(out.rebuiltAtOpen).toEqual({ reason: 'check-failed', setAside: `${libraryPathFor(dbPath)}.damaged` });
    expect(out.library.rebuilt?.reason).toBe('check-failed');
    expect(again.stderr).toMatch(/Rebuilding the library: \d+\/\d+/);
    const after = await open(dbPath);
    try {
      expect(seen(after)).toEqual(before);
    } finally {
      closeContext(after);
    }
  });

  it('a request that meets the damage says the library is damaged, not the workspace, and flags it', async () => {
    const dbPath = await workspace();
    zeroAStatementsPage(dbPath);
    const ctx = await open(dbPath);
    try {
      const api = apiFor(ctx);
      expect((await api.call('storage.status', {})).library.state).toBe('unchecked');
      // The reader reads every statement of a document: one of them holds the zeroed page.
      type Refusal = { code: string; subject: string; message: { ja: string; en: string }; hint: { en: string } };
      const { documents } = await api.call('documents.list', {});
      expect(documents.length).toBeGreaterThan(1);
      const errors: Refusal[] = [];
      for (const d of documents) {
        await api.call('statements.list', { documentId: d.id }).catch((e: { data: Refusal }) => void errors.push(e.data));
      }
      expect(errors.length).toBeGreaterThan(0);
      const error = errors[0];
      expect(error?.code).toBe('db-corrupt');
      expect(error?.subject).toBe(libraryPathFor(dbPath));
      expect(error?.message.en).toContain('The workspace (annotations, pillars, briefings) is intact');
      expect(error?.message.ja).toContain('ワークスペース（注釈・柱・ブリーフィング）は正常です');
      expect(error?.hint.en).toContain('workbench library rebuild');
      const { library } = await api.call('storage.status', {});
      expect(library.state).toBe('damaged');
      expect(library.problems.join(' ')).toMatch(/malformed|corrupt/i);
    } finally {
      closeContext(ctx);
    }
  });

  it('a library overwritten with garbage is rebuilt when the workspace opens, and the check says so in words', async () => {
    const dbPath = await workspace();
    const lib = libraryPathFor(dbPath);
    for (const ext of ['-wal', '-shm']) fs.rmSync(lib + ext, { force: true });
    fs.writeFileSync(lib, Buffer.alloc(64 * 1024, 0x5a));
    const r = await runCli(['library', 'check', '--db', dbPath]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`The library could not be read (damaged), so it was rebuilt when the workspace was opened (the old file is kept as ${lib}.damaged).`);
    expect(r.stdout).toMatch(/The library passed its check/);
    expect(fs.readFileSync(`${lib}.damaged`).equals(Buffer.alloc(64 * 1024, 0x5a))).toBe(true);
  });

  it('refuses a stray word', async () => {
    const r = await runCli(['library', 'fix', '--db', tempDbPath()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('library check');
  });
});

killHoldersAfterAll();

describe('workbench library rebuild', () => {
  it('brings back the same documents, statement ids and search hits; annotations and undo are untouched', async () => {
    const dbPath = await workspace();
    const ctx = await open(dbPath);
    const before = seen(ctx);
    closeContext(ctx);
    const libBefore = fs.readFileSync(libraryPathFor(dbPath));

    const r = await runCli(['library', 'rebuild', '--db', dbPath, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = r.json<ResponseOf<'library.rebuild'>>();
    expect(out.documents).toBe(before.documents.length);
    expect(out.statements).toBe(before.statements.length);
    expect(out.restored).toEqual(['import-memo']);
    expect(out.failed).toEqual([]);
    expect(out.setAside).toBe(`${libraryPathFor(dbPath)}.damaged`);
    expect(fs.readFileSync(out.setAside!).equals(libBefore)).toBe(true);
    expect(r.stderr).toMatch(/Rebuilding the library: \d+\/\d+ /);

    const after = await open(dbPath);
    try {
      expect(seen(after)).toEqual(before);
      // The journal was not touched: undo still takes back the last annotation, on the rebuilt library.
      const api = apiFor(after);
      expect((await api.call('history.state', {})).undo?.label.en).toMatch(/annotation/i);
      await api.call('history.undo', {});
      expect(after.db.prepare('SELECT COUNT(*) FROM annotations WHERE deleted_at IS NULL').pluck().get()).toBe(1);
    } finally {
      closeContext(after);
    }
  });

  it('over the API: storage.status says the library was rebuilt on request; the context goes on working', async () => {
    const dbPath = await workspace();
    const ctx = await open(dbPath);
    try {
      const api = apiFor(ctx);
      expect((await api.call('storage.status', {})).library).toMatchObject({ state: 'unchecked', rebuilt: null });
      await expect(api.call('library.rebuild', {} as never)).rejects.toMatchObject({ data: { code: 'invalid-request' } });
      const result = await api.call('library.rebuild', { confirm: true });
      expect(result.restored).toEqual(['import-memo']);
      const { library } = await api.call('storage.status', {});
      expect(library.state).toBe('unchecked');
      expect(library.rebuilt?.reason).toBe('requested');
      expect((await api.call('search.query', { query: '量子暗号', limit: 10 })).hits.map((h) => h.documentId)).toEqual(['import-memo']);
      const checked = await api.call('library.check', {});
      expect(checked.ok).toBe(true);
      expect((await api.call('storage.status', {})).library.state).toBe('ok');
    } finally {
      closeContext(ctx);
    }
  });

  it('is refused while another process holds the workspace, naming it, and nothing is renamed', async () => {
    const dbPath = await workspace();
    const child = await startHolder(dbPath);
    const folder = path.dirname(dbPath);
    const files = fs.readdirSync(folder).sort();
    const lib = fs.readFileSync(libraryPathFor(dbPath));
    const r = await runCli(['library', 'rebuild', '--db', dbPath, '--json']);
    expect(r.code).toBe(1);
    const { error } = JSON.parse(r.stderr) as { error: { code: string; message: { en: string } } };
    expect(error.code).toBe('db-busy');
    expect(error.message.en).toContain(`test holder (PID ${child.pid}`);
    expect(fs.readdirSync(folder).sort()).toEqual(files);
    expect(fs.readFileSync(libraryPathFor(dbPath)).equals(lib)).toBe(true);
    child.kill('SIGKILL');
  });
});
