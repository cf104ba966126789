// The import's prepare worker (electron/import/prepare/): a source segmented and tokenized off the
// write thread must give exactly the database that ingestDocument + flushPending give (the same
// statement rows, the same FTS5 instances term by term, the same search answers), whether it was
// prepared in the worker or inline, whether the id was predicted right or had to be derived again,
// and whether the worker made every token chunk or died half-way. A worker that runs out of memory
// fails its file with a typed error naming it, nothing written, and the next import gets a fresh one.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/app/context';
import { ingestDocument } from '../../electron/corpus/ingest';
import { loadBundledCorpus } from '../../electron/corpus/manifest';
import { columnsOf, prepareDocument, renamePrepared, stringsOf } from '../../electron/corpus/prepared';
import { segmentDocument } from '../../electron/corpus/segment';
import { assignStatementIds } from '../../electron/corpus/statement-id';
import { BATCH_MAX_BYTES, importBatch } from '../../electron/import/batch';
import { extractSource } from '../../electron/import/extract';
import { actorOf, importDocument, isReadSource, journaledImport, readSource, writeImport, type ImportInput } from '../../electron/import/import';
import { originalsDirFor, sha256Hex } from '../../electron/import/originals';
import { INLINE_BELOW_BYTES, malformedColumns, malformedReply, setPrepareWorkerHeapForTests, stallStatementsForTests, stopPrepareWorker } from '../../electron/import/prepare';
import { TOKEN_CHUNK, type PrepareReply } from '../../electron/import/prepare/protocol';
import { flushPending, indexStatements } from '../../electron/search/indexer';
import { packIndexTokens, tokensAt } from '../../electron/search/packed-tokens';
import type { DocumentKind, DocumentMeta } from '../../shared/model';
import { apiFor } from '../helpers/api';
import { closeContext, corpusContext, RESOURCES_DIR } from '../helpers/db';
import { buildPdf, textAt } from './pdf-handmade';

const corpus = loadBundledCorpus(RESOURCES_DIR);
/** Real sentences of the bundled corpus, so the index holds real Japanese bigrams. */
const lines = corpus.documents.flatMap((d) => d.raw.split('\n').map((l) => l.trim()).filter((l) => l.length >= 12 && !l.includes('\t')));
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An HTML page of `n` paragraphs with headings every 50 and footnotes, well over one token chunk. */
function bigHtml(n: number, tag: string): Buffer {
  const body: string[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 50 === 0) body.push(`<h2>${tag}第${i / 50 + 1}節</h2>`);
    body.push(`<p>${esc(lines[(i * 7) % lines.length])}${i % 97 === 0 ? '（注1）' : ''}</p>`);
  }
  body.push('<p>（注1）脚注の本文：サプライチェーン強靱化の定義。</p>');
  return Buffer.from(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>${tag}</title></head><body>${body.join('\n')}</body></html>`);
}

/** A PDF (non-embedded Ryumin, page labels) long enough to be prepared in the worker. */
function bigPdf(pages: number): Uint8Array {
  return buildPdf({
    pages: Array.from({ length: pages }, (_, p) => ({
      content: Array.from({ length: 24 }, (_, l) => textAt('F1', 11, 60, 780 - l * 28, lines[(p * 24 + l) % lines.length].slice(0, 36))).join(''),
    })),
    pageLabels: '0 << /S /r >> 2 << /S /D >>',
  });
}

function statementRows(db: Database.Database): unknown[] {
  return db.prepare('SELECT rowid, * FROM statements ORDER BY rowid').raw().all();
}

/** Every FTS5 instance (term, statement rowid, column, offset), hashed in order, and how many. */
function indexFingerprint(db: Database.Database): { instances: number; sha256: string } {
  db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_instances USING fts5vocab('library', 'search_fts', 'instance')");
  const h = crypto.createHash('sha256');
  let instances = 0;
  for (const r of db.prepare('SELECT term, doc, col, offset FROM temp.fts_instances ORDER BY term, doc, col, offset').raw().iterate() as Iterable<unknown[]>) {
    h.update(`${r.join('\u0001')}\n`);
    instances++;
  }
  return { instances, sha256: h.digest('hex') };
}

const contexts: AppContext[] = [];
function context(): AppContext {
  const ctx = corpusContext();
  contexts.push(ctx);
  return ctx;
}
afterAll(() => {
  for (const c of contexts) closeContext(c);
});
afterEach(() => {
  setPrepareWorkerHeapForTests(null);
  stallStatementsForTests(null);
});

interface Source {
  fileName: string;
  bytes: Uint8Array;
  where: 'worker' | 'inline';
}

describe('prepared import writes what ingestDocument and flushPending write', () => {
  const sources: Source[] = [
    { fileName: 'large-page.html', bytes: bigHtml(3 * TOKEN_CHUNK + 100, '大きな頁'), where: 'worker' },
    { fileName: 'long-report.pdf', bytes: bigPdf(60), where: 'worker' },
    { fileName: 'small-memo.txt', bytes: Buffer.from(`小さな覚書\n\n令和6年3月29日\n\n${lines.slice(0, 30).join('\n\n')}\n`), where: 'inline' },
  ];
  let prepared: AppContext;
  let reference: AppContext;

  beforeAll(async () => {
    prepared = context();
    reference = context();
    // The prepared path: the import as the app runs it, each file checked to have been prepared where expected.
    for (const s of sources) {
      const read = await readSource(prepared.db, { fileName: s.fileName, bytes: s.bytes });
      if (!isReadSource(read)) throw new Error(`${s.fileName} was a duplicate`);
      expect(read.prepared.timing.where, s.fileName).toBe(s.where);
      journaledImport(actorOf(prepared.db), 'document.import', { ja: '取り込み', en: 'import' }, (change, written) => writeImport(change, read, written));
    }
    // The reference: the same documents (same metadata) ingested from the same text the way the
    // bundled corpus and a library rebuild are, segmented on this thread, indexed by flushPending.
    for (const s of sources) {
      const id = prepared.db.prepare('SELECT document_id FROM import_records WHERE file_name = ?').pluck().get(s.fileName) as string;
      const meta = prepared.db.prepare('SELECT id, title, date, issuer, kind, language, source FROM documents WHERE id = ?').get(id) as DocumentMeta;
      const extracted = await extractSource(s.bytes, s.fileName);
      ingestDocument(reference.db, meta, extracted.text, { origin: 'imported', pages: extracted.pages, afterReplace: [(d) => void flushPending(d)] });
    }
  }, 120_000);

  it('gives the same statement rows, rowids included', () => {
    const a = statementRows(prepared.db);
    const b = statementRows(reference.db);
    expect(a.length).toBe(b.length);
    expect(a.length).toBeGreaterThan(3 * TOKEN_CHUNK + corpus.documents.length);
    expect(a).toEqual(b);
    // The PDF's pages came through: page numbers and the labels (i, ii, then 1, 2 …).
    const pdfPages = prepared.db.prepare("SELECT DISTINCT page, page_label FROM statements WHERE document_id = (SELECT document_id FROM import_records WHERE file_name = 'long-report.pdf') ORDER BY page LIMIT 3").raw().all();
    expect(pdfPages).toEqual([[1, 'i'], [2, 'ii'], [3, '1']]);
  });

  it('gives the same FTS5 index, instance by instance, and nothing left pending', () => {
    const a = indexFingerprint(prepared.db);
    const b = indexFingerprint(reference.db);
    expect(a.instances).toBeGreaterThan(100_000);
    expect(a).toEqual(b);
    for (const db of [prepared.db, reference.db]) expect(db.prepare('SELECT COUNT(*) FROM search_pending').pluck().get()).toBe(0);
  });

  it('answers searches the same, imported documents included', async () => {
    const queries = ['サプライチェーン', '強靭化', '脚注の本文', '経済安全保障 基幹インフラ', '大きな頁第3節'];
    for (const query of queries) {
      const [a, b] = await Promise.all([apiFor(prepared).call('search.query', { query, limit: 200 }), apiFor(reference).call('search.query', { query, limit: 200 })]);
      expect(a.total, query).toBeGreaterThan(0);
      expect(a.hits.map((h) => h.statementId), query).toEqual(b.hits.map((h) => h.statementId));
      expect(a.total, query).toBe(b.total);
    }
  });
});

describe('indexStatements', () => {
  it('indexes exactly the statements it is given and takes exactly their rowids out of the queue', () => {
    const ctx = context();
    const { db } = ctx;
    const raw = `索引の試験\n\n${lines.slice(0, 6).join('\n\n')}\n`;
    const meta: DocumentMeta = { id: 'import-queue', title: '索引の試験', date: null, issuer: null, kind: 'other', language: 'ja', source: 'queue.txt' };
    // Written without an index hook: every statement waits in the queue, as another writer's would.
    ingestDocument(db, meta, raw, { origin: 'imported' });
    const rowids = db.prepare("SELECT rowid FROM statements WHERE document_id = 'import-queue' ORDER BY ordinal").pluck().all() as number[];
    expect(db.prepare('SELECT rowid FROM search_pending ORDER BY rowid').pluck().all()).toEqual(rowids);
    const texts = db.prepare("SELECT text FROM statements WHERE document_id = 'import-queue' ORDER BY ordinal").pluck().all() as string[];
    const generation = db.prepare('SELECT generation FROM search_state').pluck().get() as number;
    // Not consecutive: the first, third and fifth (row by row, not as a range).
    const picked = [0, 2, 4];
    const packed = packIndexTokens((i) => texts[picked[i]], 0, picked.length);
    db.transaction(() => indexStatements(db, picked.map((k) => rowids[k]), (i) => tokensAt(packed, i)))();
    expect(db.prepare('SELECT rowid FROM search_pending ORDER BY rowid').pluck().all()).toEqual(rowids.filter((_, k) => !picked.includes(k)));
    expect(db.prepare('SELECT generation FROM search_state').pluck().get()).toBe(generation + 1);
    // The rest by flushPending: the same index as flushPending alone makes.
    flushPending(db);
    const reference = context();
    ingestDocument(reference.db, meta, raw, { origin: 'imported', afterReplace: [(d) => void flushPending(d)] });
    expect(indexFingerprint(db)).toEqual(indexFingerprint(reference.db));
  });
});

describe('statement ids when the predicted document id is not the one written', () => {
  it('renamePrepared gives what segmenting under the new id gives, links included', () => {
    // A bundled document with headings (parent links) and footnotes (footnote links).
    const doc = corpus.documents.find((d) => d.raw.includes('※') || /注\d/.test(d.raw)) ?? corpus.documents[0];
    const asPredicted = prepareDocument(doc.raw, { ...doc.meta, id: 'import-predicted' });
    const renamed = renamePrepared(asPredicted, 'import-actual');
    const direct = prepareDocument(doc.raw, { ...doc.meta, id: 'import-actual' });
    expect(renamed).toEqual(direct);
    expect(stringsOf(renamed.statements.parentIds).filter((p) => p !== null).length).toBeGreaterThan(0);
    expect(stringsOf(renamed.statements.ids).every((id) => id!.startsWith('import-actual:'))).toBe(true);
    expect(renamed.statements).toEqual(columnsOf(segmentDocument(doc.raw, { ...doc.meta, id: 'import-actual' }).statements));
  });

  it('a second file of the same name in a batch gets a free id, and its statements that id\'s ids', async () => {
    const ctx = context();
    const first = bigHtml(TOKEN_CHUNK + 10, '第一の覚書');
    const second = bigHtml(TOKEN_CHUNK + 10, '第二の覚書');
    // Both are prepared before either is written, under the id the file name gives (import-memo):
    // the second is written as import-memo-2, so its ids are derived again on the write thread.
    const summary = await importBatch(ctx.db, [
      { path: '/a/memo.html', read: () => first },
      { path: '/b/memo.html', read: () => second },
    ]);
    expect(summary.failed).toEqual([]);
    expect(summary.imported.map((i) => i.documentId)).toEqual(['import-memo', 'import-memo-2']);
    const raw = (await extractSource(second, 'memo.html')).text;
    const expected = segmentDocument(raw, { id: 'import-memo-2', title: '', date: null, issuer: null, kind: 'other', language: 'ja', source: 'memo.html' }).statements;
    const rows = ctx.db.prepare('SELECT id, parent_id, footnotes, text FROM statements WHERE document_id = ? ORDER BY ordinal').all('import-memo-2') as { id: string; parent_id: string | null; footnotes: string; text: string }[];
    expect(rows.map((r) => r.id)).toEqual(expected.map((s) => s.id));
    expect(rows.map((r) => r.id)).toEqual(assignStatementIds('import-memo-2', rows.map((r) => r.text)));
    expect(rows.map((r) => r.parent_id)).toEqual(expected.map((s) => s.parentId));
    expect(rows.map((r) => r.footnotes)).toEqual(expected.map((s) => JSON.stringify(s.footnotes)));
    const linked = rows.flatMap((r) => (JSON.parse(r.footnotes) as { footnoteId: string | null }[]).map((f) => f.footnoteId)).filter((f) => f !== null);
    expect(linked.length).toBeGreaterThan(0);
    expect(linked.every((f) => f!.startsWith('import-memo-2:'))).toBe(true);
    // And its text is found under its own id.
    const hits = await apiFor(ctx).call('search.query', { query: '第二の覚書第2節', limit: 5 });
    expect(hits.hits.map((h) => h.documentId)).toEqual(['import-memo-2']);
  });
});

describe('a batch prepares the next file while it writes this one', () => {
  it('reads file 2 before file 1 (a batch of its own) is written, and imports both', async () => {
    const ctx = context();
    const big = Buffer.from(`大きな覚書\n\n${Array.from({ length: 4 * 1024 * 1024 / 90 + 10 }, (_, i) => lines[i % lines.length]).join('\n\n')}\n`);
    expect(big.length).toBeGreaterThanOrEqual(BATCH_MAX_BYTES);
    const seenAtRead: (string | undefined)[] = [];
    const summary = await importBatch(ctx.db, [
      { path: '/in/big-memo.txt', read: () => big },
      {
        path: '/in/second.txt',
        read: () => {
          // Asked for while the first file's batch is still to be written.
          seenAtRead.push(ctx.db.prepare("SELECT id FROM documents WHERE id = 'import-big-memo'").pluck().get() as string | undefined);
          return Buffer.from(`二番目\n\n${lines.slice(0, 4).join('\n\n')}\n`);
        },
      },
    ]);
    expect(seenAtRead).toEqual([undefined]);
    expect(summary.imported.map((i) => i.documentId)).toEqual(['import-big-memo', 'import-second']);
    expect(summary.failed).toEqual([]);
  }, 60_000);
});

describe('a cancelled batch', () => {
  it('writes the files finished before the cancel and none of those read ahead', async () => {
    const ctx = context();
    const files = ['一', '二', '三', '四'].map((n, i) => ({ path: `/in/part-${i + 1}.html`, bytes: bigHtml(600, `第${n}部`) }));
    const abort = new AbortController();
    const summary = await importBatch(ctx.db, files.map((f) => ({ path: f.path, read: () => f.bytes })), {
      signal: abort.signal,
      onProgress: (done) => {
        // Before the second file is taken: it and the ones after it are being read ahead.
        if (done === 1) abort.abort();
      },
    });
    expect(summary.cancelled).toBe(true);
    expect(summary.imported.map((i) => i.path)).toEqual(['/in/part-1.html']);
    expect(ctx.db.prepare("SELECT id FROM documents WHERE id LIKE 'import-part-%'").pluck().all()).toEqual(['import-part-1']);
    for (const f of files.slice(1)) {
      const sha = sha256Hex(f.bytes);
      expect(fs.existsSync(path.join(originalsDirFor(ctx.dbPath), sha.slice(0, 2), sha))).toBe(false);
    }
  }, 60_000);
});

function nothingWritten(ctx: AppContext, bytes: Uint8Array, before: { documents: number; statements: number; records: number }): void {
  expect(ctx.db.prepare('SELECT COUNT(*) FROM documents').pluck().get()).toBe(before.documents);
  expect(ctx.db.prepare('SELECT COUNT(*) FROM statements').pluck().get()).toBe(before.statements);
  expect(ctx.db.prepare('SELECT COUNT(*) FROM import_records').pluck().get()).toBe(before.records);
  const sha = sha256Hex(bytes);
  expect(fs.existsSync(path.join(originalsDirFor(ctx.dbPath), sha.slice(0, 2), sha))).toBe(false);
}

function counts(ctx: AppContext) {
  return {
    documents: ctx.db.prepare('SELECT COUNT(*) FROM documents').pluck().get() as number,
    statements: ctx.db.prepare('SELECT COUNT(*) FROM statements').pluck().get() as number,
    records: ctx.db.prepare('SELECT COUNT(*) FROM import_records').pluck().get() as number,
  };
}

describe('a worker that fails, and a cancel', () => {
  it('a worker out of memory fails the file with a typed error naming it, writes nothing, and the next import gets a fresh worker', async () => {
    const ctx = context();
    const bytes = bigHtml(40_000, 'メモリ超過');
    const before = counts(ctx);
    stopPrepareWorker();
    setPrepareWorkerHeapForTests(16);
    const error = await importDocument(ctx.db, { fileName: 'huge-page.html', bytes }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'bad-input', subject: 'huge-page.html' });
    expect((error as Error).message).toMatch(/^huge-page\.html: preparing the import exceeded its memory budget \(16 MB\)/);
    nothingWritten(ctx, bytes, before);
    setPrepareWorkerHeapForTests(null);
    const r = await importDocument(ctx.db, { fileName: 'huge-page.html', bytes });
    expect(r.status).toBe('imported');
    expect(r.statements).toBeGreaterThan(30_000);
  }, 120_000);

  it('a batch keeps going after the worker dies on one file', async () => {
    const ctx = context();
    stopPrepareWorker();
    setPrepareWorkerHeapForTests(16);
    const huge = bigHtml(40_000, '大きすぎる頁');
    const summary = await importBatch(ctx.db, [
      { path: '/in/small.txt', read: () => Buffer.from(`小さな文書\n\n${lines.slice(0, 5).join('\n\n')}\n`) },
      { path: '/in/huge.html', read: () => huge },
    ]);
    expect(summary.imported.map((i) => i.path)).toEqual(['/in/small.txt']);
    expect(summary.failed.map((f) => [f.path, f.error.code])).toEqual([['/in/huge.html', 'bad-input']]);
    expect(summary.failed[0].error.message.ja).toMatch(/^huge\.html: 取り込みの準備がメモリの上限/);
  }, 120_000);

  it('a cancel while the worker prepares stops the file, nothing written; the worker serves the next file', async () => {
    const ctx = context();
    const bytes = bigHtml(2 * TOKEN_CHUNK, '取消');
    const before = counts(ctx);
    const abort = new AbortController();
    const pending = importDocument(ctx.db, { fileName: 'cancelled.html', bytes, signal: abort.signal });
    setImmediate(() => abort.abort());
    await expect(pending).rejects.toMatchObject({ code: 'cancelled', subject: 'cancelled.html' });
    nothingWritten(ctx, bytes, before);
    const r = await importDocument(ctx.db, { fileName: 'after-cancel.html', bytes: bigHtml(TOKEN_CHUNK, '取消の後') });
    expect(r.status).toBe('imported');
  }, 60_000);

  it('a worker gone after sending the statements: the write makes the remaining tokens itself, the index the same', async () => {
    const ctx = context();
    const reference = context();
    const bytes = bigHtml(4 * TOKEN_CHUNK, '途中で止まる');
    const input: ImportInput = { fileName: 'stopped.html', bytes };
    const read = await readSource(ctx.db, input);
    if (!isReadSource(read)) throw new Error('duplicate');
    expect(read.prepared.timing.where).toBe('worker');
    // Every statement in hand (they come in order: the last chunk comes last), then the worker ends.
    const { statements } = read.prepared.document;
    expect(statements.at(statements.count - 1).columns.count).toBeGreaterThan(0);
    stopPrepareWorker();
    journaledImport(actorOf(ctx.db), 'document.import', { ja: '取り込み', en: 'import' }, (change, written) => writeImport(change, read, written));
    expect(read.prepared.tokens.madeHere).toBeGreaterThan(0);
    const meta = ctx.db.prepare("SELECT id, title, date, issuer, kind, language, source FROM documents WHERE id = 'import-stopped'").get() as DocumentMeta & { kind: DocumentKind };
    ingestDocument(reference.db, meta, (await extractSource(bytes, 'stopped.html')).text, { origin: 'imported', afterReplace: [(d) => void flushPending(d)] });
    expect(statementRows(ctx.db)).toEqual(statementRows(reference.db));
    expect(indexFingerprint(ctx.db)).toEqual(indexFingerprint(reference.db));
  }, 60_000);

  it('a worker ended before it sent the statements: the write fails at once, naming the file, nothing written', async () => {
    const ctx = context();
    const bytes = bigHtml(3 * TOKEN_CHUNK, '文の前に止まる');
    const before = counts(ctx);
    // The worker answers, then holds the statements back; the write would wait ten minutes for them
    // (past this test's own time limit: a write that waits fails the test).
    stallStatementsForTests({ waitMs: 600_000 });
    const read = await readSource(ctx.db, { fileName: 'held.html', bytes });
    if (!isReadSource(read)) throw new Error('duplicate');
    expect(read.prepared.timing.where).toBe('worker');
    stopPrepareWorker();
    const error = (() => {
      try {
        journaledImport(actorOf(ctx.db), 'document.import', { ja: '取り込み', en: 'import' }, (change, written) => writeImport(change, read, written));
        return null;
      } catch (e) {
        return e;
      }
    })();
    // Told the worker was ended, the write gave up at once instead of waiting.
    expect(error).toMatchObject({ code: 'bad-input', subject: 'held.html' });
    expect((error as Error).message).toBe('held.html: the import preparation thread stopped while handing over the statements; nothing was written.');
    nothingWritten(ctx, bytes, before);
    stallStatementsForTests(null);
    const r = await importDocument(ctx.db, { fileName: 'held.html', bytes });
    expect(r.status).toBe('imported');
    expect(r.statements).toBeGreaterThan(2 * TOKEN_CHUNK);
  }, 60_000);

  it('a worker that stops sending statements: the write gives up after its wait, nothing written, and the next import gets a fresh worker', async () => {
    const ctx = context();
    const bytes = bigHtml(2 * TOKEN_CHUNK, '文の途中で黙る');
    const before = counts(ctx);
    stallStatementsForTests({ waitMs: 300 });
    const error = await importDocument(ctx.db, { fileName: 'silent.html', bytes }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'bad-input', subject: 'silent.html' });
    expect((error as { message: string }).message).toMatch(/^silent\.html: the import preparation thread stopped while handing over the statements/);
    nothingWritten(ctx, bytes, before);
    stallStatementsForTests(null);
    const r = await importDocument(ctx.db, { fileName: 'silent.html', bytes });
    expect(r.status).toBe('imported');
    expect(ctx.db.prepare("SELECT COUNT(*) FROM statements WHERE document_id = 'import-silent'").pluck().get()).toBe(r.statements);
  }, 60_000);

  it('a reply or a chunk that is not what the protocol says is refused (the worker is then ended, its files failed)', () => {
    const doc = prepareDocument(`見出し\n\n${lines.slice(0, 5).join('\n\n')}\n`, { id: 'import-x', title: '', date: null, issuer: null, kind: 'other', language: 'ja', source: 'x.txt' });
    const { statements, ...head } = doc;
    const good = { type: 'prepared' as const, job: 1, extracted: { format: 'text' as const, encoding: 'utf-8', meta: {}, removedControls: 0, opening: '見出し', textSha256: null, blank: false }, document: { ...head, count: statements.count }, chunks: 1, ms: { extract: 1, segment: 1 }, postedAt: 0 };
    expect(malformedReply(good)).toBe(false);
    expect(malformedReply({ ...good, chunks: 2 })).toBe(true);
    expect(malformedReply({ ...good, document: { ...good.document, count: -1 } })).toBe(true);
    expect(malformedReply({ ...good, document: { ...good.document, count: 1.5 } })).toBe(true);
    expect(malformedReply({ ...good, document: { ...good.document, text: 3 as unknown as string } })).toBe(true);
    expect(malformedReply({ type: 'done', job: 1 } as unknown as PrepareReply)).toBe(true);
    expect(malformedReply({ type: 'failed', job: 1, error: { code: 'bad-input', message: { ja: 'x', en: 'x' } } })).toBe(false);
    expect(malformedReply({ type: 'failed', job: 1, error: 'boom' } as unknown as PrepareReply)).toBe(true);
    // The statements that follow, chunk by chunk.
    expect(malformedColumns(statements, statements.count)).toBe(false);
    expect(malformedColumns(statements, statements.count + 1)).toBe(true);
    expect(malformedColumns({ ...statements, texts: { ...statements.texts, ends: statements.texts.ends.subarray(1) } }, statements.count)).toBe(true);
    expect(malformedColumns({ ...statements, starts: [0] as unknown as Uint32Array }, statements.count)).toBe(true);
    expect(malformedColumns(undefined, 0)).toBe(true);
  });

  it('small sources are prepared inline, larger ones in the worker', async () => {
    const ctx = context();
    const small = Buffer.from(`覚書\n\n${lines.slice(0, 3).join('\n\n')}\n`);
    expect(small.length).toBeLessThan(INLINE_BELOW_BYTES);
    const a = await readSource(ctx.db, { fileName: 'tiny.txt', bytes: small });
    const b = await readSource(ctx.db, { fileName: 'page.html', bytes: bigHtml(TOKEN_CHUNK, '頁') });
    if (!isReadSource(a) || !isReadSource(b)) throw new Error('duplicate');
    expect([a.prepared.timing.where, b.prepared.timing.where]).toEqual(['inline', 'worker']);
    a.prepared.tokens.release();
    b.prepared.tokens.release();
  });
});
