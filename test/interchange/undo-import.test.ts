// Undo and redo of imports that bring documents: a REFI-QDA project (the committed foreign
// fixture, 24 new sources), a workspace bundle and a single file are each one change; one undo
// leaves no document, statement, search hit, annotation or pillar of it, and one redo brings all
// back with the same ids and search hits, twice in a row. A library rebuilt after an undone import
// does not bring the document back; the crash windows between the workspace's and the library's
// commits are repaired at the next open; later annotations are undone before the import, and an
// annotation the journal cannot take back makes the undo refuse.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api/client';
import { closeContext, ensureLibrary, openContext, type AppContext } from '../../electron/app/context';
import { libraryPathFor } from '../../electron/store/library-file';
import { desktopApiFor, type DesktopApi } from '../helpers/api';
import { corpusContext, REPO_ROOT, RESOURCES_DIR, tempDir } from '../helpers/db';
import { apiError } from '../helpers/annotate';
import { importAstralSource, statementWith } from './helpers';

const FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'qda', 'foreign-atlas.qdpx');

const open: AppContext[] = [];
function workspace(c: AppContext = corpusContext()): DesktopApi & { ctx: AppContext; api: ApiClient } {
  open.push(c);
  return { ...desktopApiFor(c), ctx: c };
}
afterEach(() => {
  while (open.length) closeContext(open.pop()!);
});

const digest = (rows: unknown[]) => crypto.createHash('sha256').update(JSON.stringify(rows)).digest('hex');

/** Everything an import can add, read straight from both files (ids, texts, live rows). */
function state(ctx: AppContext) {
  const q = (sql: string) => ctx.db.prepare(sql).all();
  return {
    documents: q('SELECT id, title, origin, content_hash FROM documents ORDER BY id'),
    statements: digest(q('SELECT id, document_id, text FROM statements ORDER BY id')),
    statementCount: (ctx.db.prepare('SELECT COUNT(*) AS n FROM statements').get() as { n: number }).n,
    pages: digest(q('SELECT * FROM document_pages ORDER BY document_id, page')),
    importRecords: q('SELECT * FROM import_records ORDER BY id'),
    annotations: q('SELECT id, statement_id, document_id, doc_start, doc_end, comment FROM annotations WHERE deleted_at IS NULL ORDER BY id'),
    pillars: q('SELECT id, name_ja, parent_id FROM pillars WHERE deleted_at IS NULL ORDER BY id'),
  };
}

/** The statements a search finds, as the analyst sees them (after the index caught up). */
async function hits(api: ApiClient, query: string): Promise<string[]> {
  const r = await api.call('search.query', { query, limit: 500, expandVariants: false });
  return r.hits.map((h) => `${h.documentId}/${h.statementId}`).sort();
}

/** The same as `hits`, by brute force over the statements' text. */
function scan(ctx: AppContext, needle: string): string[] {
  const rows = ctx.db.prepare('SELECT document_id AS d, id FROM statements WHERE instr(text, ?) > 0').all(needle) as { d: string; id: string }[];
  return rows.map((r) => `${r.d}/${r.id}`).sort();
}

describe('a REFI-QDA import is one change', () => {
  it('undo leaves nothing of the foreign project (documents, statements, search hits, annotations, codes); redo brings it all back with the same ids, twice', async () => {
    const w = workspace();
    const before = state(w.ctx);
    expect(await hits(w.api, '𩸽')).toEqual([]);
    const preview = await w.api.call('exchange.qdaPreview', { source: w.openFrom(FIXTURE) });
    const done = await w.api.call('exchange.qdaImport', { staged: preview.staged });
    expect(done.documentsCreated).toHaveLength(24);
    expect(done.annotationsCreated).toBe(72);
    const after = state(w.ctx);
    const found = await hits(w.api, '𩸽');
    // The index agrees with a scan of the statements: every statement holding 𩸽 (an astral-plane
    // character the bundled corpus lacks) is found, and all are in the project's new documents.
    expect(found).toEqual(scan(w.ctx, '𩸽'));
    expect(found.length).toBeGreaterThan(0);
    for (const h of found) expect(done.documentsCreated).toContain(h.split('/')[0]);
    expect(after.documents.length - before.documents.length).toBe(24);
    expect(after.pillars.length - before.pillars.length).toBe(315);
    expect(after.importRecords).toHaveLength(24);
    // One change group for all of it.
    const state1 = await w.api.call('history.state', {});
    expect(state1.undo?.label.en).toBe('Import REFI-QDA (foreign-atlas.qdpx, 72 annotations)');

    for (let round = 0; round < 2; round++) {
      const undone = await w.api.call('history.undo', {});
      expect(undone).toMatchObject({ done: true, kind: 'annotation.import' });
      expect(state(w.ctx)).toEqual(before);
      expect(await hits(w.api, '𩸽')).toEqual([]);
      for (const id of done.documentsCreated) expect((await apiError(w.api.call('documents.get', { id }))).data.code).toBe('not-found');
      // Nothing else to undo: the import was the only change.
      expect((await w.api.call('history.state', {})).undo).toBeNull();

      const redone = await w.api.call('history.redo', {});
      expect(redone).toMatchObject({ done: true, kind: 'annotation.import' });
      expect(state(w.ctx)).toEqual(after);
      expect(await hits(w.api, '𩸽')).toEqual(found);
    }
    // Annotations sit on their quotes again, on the re-made statements.
    for (const a of (await w.api.call('annotations.list', {})).annotations) {
      const text = w.ctx.db.prepare('SELECT text FROM statements WHERE id = ?').pluck().get(a.statementId) as string;
      expect(text.slice(a.target.position.start, a.target.position.end)).toBe(a.target.quote.exact);
    }
  });

  it('a library rebuilt after an undone import does not bring its documents back; after a redo it does', async () => {
    const w = workspace();
    const before = state(w.ctx);
    const preview = await w.api.call('exchange.qdaPreview', { source: w.openFrom(FIXTURE) });
    await w.api.call('exchange.qdaImport', { staged: preview.staged });
    const after = state(w.ctx);
    await w.api.call('history.undo', {});
    const dbPath = w.ctx.dbPath;
    closeContext(open.pop()!);
    const lib = libraryPathFor(dbPath);
    for (const ext of ['', '-wal', '-shm']) fs.rmSync(lib + ext, { force: true });
    const again = workspace(openContext({ dbPath, resourcesDir: RESOURCES_DIR, author: 'test-analyst' }));
    const ready = await ensureLibrary(again.ctx);
    expect(ready.library?.state).toBe('created');
    expect(ready.imported).toMatchObject({ restored: [], failed: [], removed: [] });
    expect(state(again.ctx)).toEqual(before);
    // Redo still has what it needs: the originals stayed on disk.
    await again.api.call('history.redo', {});
    expect(state(again.ctx)).toEqual(after);
  });
});

/** Closes a workspace and puts back the library file as it was at `saved` (WAL folded in). */
function saveLibrary(ctx: AppContext): Buffer {
  ctx.db.pragma('library.wal_checkpoint(TRUNCATE)');
  return fs.readFileSync(libraryPathFor(ctx.dbPath));
}

async function reopenWithLibrary(dbPath: string, library: Buffer) {
  const lib = libraryPathFor(dbPath);
  for (const ext of ['-wal', '-shm']) fs.rmSync(lib + ext, { force: true });
  fs.writeFileSync(lib, library);
  const w = workspace(openContext({ dbPath, resourcesDir: RESOURCES_DIR, author: 'test-analyst' }));
  const ready = await ensureLibrary(w.ctx);
  return { w, ready };
}

describe('a crash between the workspace commit and the library commit', () => {
  // SQLite commits `main` (the workspace) first: the window leaves the workspace ahead. Putting
  // the library file back as it was before the step reproduces that window exactly.
  it('after an undo: the library still holds the documents; the next open takes them out', async () => {
    const w = workspace();
    const before = state(w.ctx);
    const preview = await w.api.call('exchange.qdaPreview', { source: w.openFrom(FIXTURE) });
    const done = await w.api.call('exchange.qdaImport', { staged: preview.staged });
    const withImport = saveLibrary(w.ctx);
    await w.api.call('history.undo', {});
    const dbPath = w.ctx.dbPath;
    closeContext(open.pop()!);
    const { w: again, ready } = await reopenWithLibrary(dbPath, withImport);
    expect(ready.imported.removed.sort()).toEqual([...done.documentsCreated].sort());
    expect(state(again.ctx)).toEqual(before);
    expect(again.ctx.db.pragma('library.integrity_check', { simple: true })).toBe('ok');
    expect(await hits(again.api, '𩸽')).toEqual([]);
  });

  it('after a redo: the library lacks the documents; the next open re-makes them with the same statement ids', async () => {
    const w = workspace();
    const preview = await w.api.call('exchange.qdaPreview', { source: w.openFrom(FIXTURE) });
    const done = await w.api.call('exchange.qdaImport', { staged: preview.staged });
    const after = state(w.ctx);
    const found = await hits(w.api, '𩸽');
    await w.api.call('history.undo', {});
    const withoutImport = saveLibrary(w.ctx);
    await w.api.call('history.redo', {});
    const dbPath = w.ctx.dbPath;
    closeContext(open.pop()!);
    const { w: again, ready } = await reopenWithLibrary(dbPath, withoutImport);
    expect(ready.imported.restored.sort()).toEqual([...done.documentsCreated].sort());
    expect(state(again.ctx)).toEqual(after);
    expect(await hits(again.api, '𩸽')).toEqual(found);
  });
});

describe('a bundle import is one change', () => {
  it('undo takes out the documents it brought with everything else; redo brings them back with the same ids, twice', async () => {
    const a = workspace();
    const documentId = await importAstralSource(a.api);
    await a.api.call('annotations.create', { statementId: statementWith(a.ctx, documentId, '𩸽を食べた').id, quote: '𩸽を食べた', comment: '𩸽' });
    const file = path.join(tempDir('wb-undo-bundle-'), 'a.wbbundle');
    await a.api.call('bundle.export', { target: a.saveTo(file) });

    const b = workspace();
    const before = state(b.ctx);
    const r = await b.api.call('bundle.import', { source: b.openFrom(file) });
    expect(r.documents.added).toBe(1);
    const after = state(b.ctx);
    expect(after.documents.map((d) => (d as { id: string }).id)).toContain(documentId);
    const found = await hits(b.api, '𩸽');
    expect(found.every((h) => h.startsWith(`${documentId}/`))).toBe(true);
    expect(found.length).toBe(2);
    for (let round = 0; round < 2; round++) {
      expect((await b.api.call('history.undo', {})).done).toBe(true);
      expect(state(b.ctx)).toEqual(before);
      expect(await hits(b.api, '𩸽')).toEqual([]);
      expect((await b.api.call('history.state', {})).undo).toBeNull();
      expect((await b.api.call('history.redo', {})).done).toBe(true);
      expect(state(b.ctx)).toEqual(after);
      expect(await hits(b.api, '𩸽')).toEqual(found);
    }
  });
});

describe('a single-file import is one change', () => {
  it('Ctrl+Z after an import removes the document; annotations made on it since are undone first; redo restores both with the same ids', async () => {
    const w = workspace();
    const before = state(w.ctx);
    const documentId = await importAstralSource(w.api);
    expect((await w.api.call('history.state', {})).undo?.label.en).toBe('Import "𠮷野家と𩸽の報告"');
    const withDocument = state(w.ctx);
    const s = statementWith(w.ctx, documentId, '𩸽を食べた');
    const { annotation } = await w.api.call('annotations.create', { statementId: s.id, quote: '𩸽を食べた', comment: '後から' });
    const withAnnotation = state(w.ctx);

    // The journal is linear: the later annotation is undone first, then the import.
    expect((await w.api.call('history.undo', {})).annotationIds).toEqual([annotation.id]);
    expect(state(w.ctx)).toEqual(withDocument);
    expect((await w.api.call('history.undo', {})).kind).toBe('document.import');
    expect(state(w.ctx)).toEqual(before);
    expect(await hits(w.api, '𩸽')).toEqual([]);

    expect((await w.api.call('history.redo', {})).kind).toBe('document.import');
    expect(state(w.ctx)).toEqual(withDocument);
    await w.api.call('history.redo', {});
    expect(state(w.ctx)).toEqual(withAnnotation);
    expect((await w.api.call('annotations.get', { id: annotation.id })).annotation).toMatchObject({ statementId: s.id, orphaned: false, target: annotation.target });
  });

  it('undo of a new version puts the previous text back and its annotations where they were', async () => {
    const w = workspace();
    const v1 = '点検メモ\n\n半導体の供給網を点検する。\n\n重要鉱物の備蓄を確認する。\n';
    const v2 = '点検メモ（改）\n\n冒頭に一段落を足した。\n\n半導体の供給網を点検する。\n\n重要鉱物の備蓄を確認する。\n';
    const imp = (text: string) => w.api.call('documents.import', { fileName: 'tenken.txt', contentBase64: Buffer.from(text).toString('base64') });
    const { document } = await imp(v1);
    const s = statementWith(w.ctx, document.id, '重要鉱物');
    const { annotation } = await w.api.call('annotations.create', { statementId: s.id, quote: '重要鉱物' });
    const atV1 = state(w.ctx);
    const second = await imp(v2);
    expect(second.status).toBe('new-version');
    const atV2 = state(w.ctx);
    const moved = (await w.api.call('annotations.get', { id: annotation.id })).annotation;
    expect(moved.target.docStart).not.toBe(annotation.target.docStart);

    expect((await w.api.call('history.undo', {})).kind).toBe('document.import');
    expect(state(w.ctx)).toEqual(atV1);
    expect((await w.api.call('annotations.get', { id: annotation.id })).annotation.target).toEqual(annotation.target);
    await w.api.call('history.redo', {});
    expect(state(w.ctx)).toEqual(atV2);
    expect((await w.api.call('annotations.get', { id: annotation.id })).annotation.target).toEqual(moved.target);
  });

  it('refuses to undo an import while an annotation the journal cannot take back points into the document', async () => {
    const w = workspace();
    const documentId = await importAstralSource(w.api);
    const s = statementWith(w.ctx, documentId, '𩸽を食べた');
    await w.api.call('annotations.create', { statementId: s.id, quote: '𩸽を食べた', comment: '残す' });
    // The annotation's own change is out of the undo stack (as after a restore or a dropped branch).
    w.ctx.db.prepare("UPDATE change_groups SET state = 'dropped' WHERE id = (SELECT MAX(id) FROM change_groups)").run();
    const before = state(w.ctx);
    const e = await apiError(w.api.call('history.undo', {}));
    expect(e.data.code).toBe('conflict');
    expect(e.message).toContain(documentId);
    expect(state(w.ctx)).toEqual(before);
    expect((await w.api.call('history.state', {})).undo?.label.en).toBe('Import "𠮷野家と𩸽の報告"');
  });

  it('redo is refused, with nothing written, when the stored original is gone', async () => {
    const w = workspace();
    const documentId = await importAstralSource(w.api);
    const sha = (w.ctx.db.prepare('SELECT sha256 FROM import_records WHERE document_id = ?').pluck().get(documentId) as string);
    await w.api.call('history.undo', {});
    const before = state(w.ctx);
    fs.rmSync(path.join(path.dirname(w.ctx.dbPath), 'originals', sha.slice(0, 2), sha));
    const e = await apiError(w.api.call('history.redo', {}));
    expect(e.data.code).toBe('not-found');
    expect(e.message).toContain(sha.slice(0, 12));
    expect(state(w.ctx)).toEqual(before);
    expect((await w.api.call('history.state', {})).redo?.label.en).toBe('Import "𠮷野家と𩸽の報告"');
  });
});

describe('importing again after an undo', () => {
  it('the same project imports again whole (the undone rows are written back, not duplicated)', async () => {
    const w = workspace();
    const preview = await w.api.call('exchange.qdaPreview', { source: w.openFrom(FIXTURE) });
    await w.api.call('exchange.qdaImport', { staged: preview.staged });
    const after = state(w.ctx);
    await w.api.call('history.undo', {});
    const again = await w.api.call('exchange.qdaPreview', { source: w.openFrom(FIXTURE) });
    expect(again.selections).toMatchObject({ added: 72, matched: 0 });
    const r = await w.api.call('exchange.qdaImport', { staged: again.staged });
    expect(r).toMatchObject({ annotationsCreated: 72 });
    expect(r.documentsCreated).toHaveLength(24);
    // The same documents, statements and annotations; only the new records' time and row differ.
    // The codes become pillars of the same names; their ids stay taken by the undone (soft-deleted)
    // pillars, so the new ones are suffixed, as for any name already in use.
    const timeless = (x: ReturnType<typeof state>) => ({
      ...x,
      importRecords: x.importRecords.map((rec) => ({ ...(rec as object), id: 0, imported_at: '' })),
      pillars: x.pillars.map((p) => (p as { name_ja: string }).name_ja).sort(),
    });
    expect(timeless(state(w.ctx))).toEqual(timeless(after));
  });
});
