// Writes documents and their statements: one transaction per document, so a crash mid-ingest
// leaves each document either absent or complete; the bundled corpus is skipped when unchanged.
// ingestDocument segments here; ingestPrepared writes what the import's prepare worker segmented
// (./prepared.ts), with the same rows either way.
import type Database from 'better-sqlite3';
import type { DocumentMeta, PageFacts, Statement } from '../../shared/model';
import { prepared } from '../store/prepared';
import { loadBundledCorpus } from './manifest';
import { contentHashOf, prepareDocument, streamed, stringAt, textAt, type StreamedDocument } from './prepared';
import { statementFromRow, type StatementRow } from './repo';

/** Called inside the replacing transaction, e.g. to re-anchor annotations on new statements. */
export type ReplaceHook = (db: Database.Database, documentId: string, previous: Statement[]) => void;

export interface IngestOptions {
  origin?: 'bundled' | 'imported';
  afterReplace?: readonly ReplaceHook[];
  now?: () => string;
  /** Bundled-corpus ingest only: before each document (done = documents finished) and at the end. */
  onProgress?: (done: number, total: number, title?: string) => void;
  /** A paged source's page labels and running matter (imported PDFs; `raw` has '\f' between pages). */
  pages?: PageFacts & { count: number };
}

export interface IngestResult {
  documentId: string;
  statements: number;
  changed: boolean;
}

function previousStatements(db: Database.Database, documentId: string): Statement[] {
  const rows = db.prepare('SELECT * FROM statements WHERE document_id = ? ORDER BY ordinal').all(documentId) as StatementRow[];
  return rows.map(statementFromRow);
}

export function ingestDocument(db: Database.Database, meta: DocumentMeta, raw: string, opts: IngestOptions = {}): IngestResult {
  const unchanged = unchangedDocument(db, meta, contentHashOf(raw, opts.pages));
  if (unchanged) return unchanged;
  // Segment before opening the transaction: a segmenter failure must not leave a half-write.
  return writePrepared(db, meta, streamed(prepareDocument(raw, meta, opts.pages)), opts);
}

/**
 * Writes statements for `rowids[i]` into the search index (rowids in the statements' ordinal order).
 * An ingest that brings its own index entries (a prepared import) indexes them itself, inside
 * the same transaction, instead of leaving them to the pending queue.
 */
export type IndexStatements = (db: Database.Database, rowids: readonly number[]) => void;

/**
 * ingestDocument for a document segmented beforehand (the import's prepare worker): no segmenting
 * on the write thread; its statements may still be arriving, and are inserted as they come.
 * `prepared.documentId` must be `meta.id` (renamePrepared otherwise).
 * `index` indexes the new statements from tokens computed beforehand; without it they wait in the
 * pending queue for flushPending, as ingestDocument's do.
 */
export function ingestPrepared(db: Database.Database, meta: DocumentMeta, prepared: StreamedDocument, opts: IngestOptions & { index?: IndexStatements } = {}): IngestResult {
  if (prepared.documentId !== meta.id) throw new Error(`prepared statements belong to ${prepared.documentId}, not ${meta.id}`);
  return unchangedDocument(db, meta, prepared.contentHash) ?? writePrepared(db, meta, prepared, opts);
}

/** The document when its text is unchanged: its metadata refreshed, nothing re-segmented. */
function unchangedDocument(db: Database.Database, meta: DocumentMeta, contentHash: string): IngestResult | null {
  const existing = prepared(db, 'SELECT content_hash AS h FROM documents WHERE id = ?').get(meta.id) as { h: string } | undefined;
  if (!existing || existing.h !== contentHash) return null;
  // Metadata (title, date …) may have been corrected in the manifest without a text change.
  db.prepare('UPDATE documents SET title = ?, date = ?, issuer = ?, kind = ?, language = ?, source = ? WHERE id = ?')
    .run(meta.title, meta.date, meta.issuer, meta.kind, meta.language, meta.source, meta.id);
  const n = (db.prepare('SELECT COUNT(*) AS n FROM statements WHERE document_id = ?').get(meta.id) as { n: number }).n;
  return { documentId: meta.id, statements: n, changed: false };
}

function writePrepared(db: Database.Database, meta: DocumentMeta, doc: StreamedDocument, opts: IngestOptions & { index?: IndexStatements }): IngestResult {
  const now = (opts.now ?? (() => new Date().toISOString()))();
  const s = doc.statements;
  const write = db.transaction(() => {
    const existing = prepared(db, 'SELECT 1 FROM documents WHERE id = ?', 'pluck').get(meta.id) !== undefined;
    const previous = existing ? previousStatements(db, meta.id) : [];
    prepared(db, 'DELETE FROM statements WHERE document_id = ?').run(meta.id);
    prepared(
      db,
      `INSERT INTO documents (id, title, date, issuer, kind, language, source, origin, content_hash, text, ingested_at)
       VALUES (@id, @title, @date, @issuer, @kind, @language, @source, @origin, @hash, @text, @now)
       ON CONFLICT(id) DO UPDATE SET title = excluded.title, date = excluded.date, issuer = excluded.issuer,
         kind = excluded.kind, language = excluded.language, source = excluded.source, origin = excluded.origin,
         content_hash = excluded.content_hash, text = excluded.text, ingested_at = excluded.ingested_at`,
    ).run({ ...meta, origin: opts.origin ?? 'bundled', hash: doc.contentHash, text: doc.text, now });
    // Compiled once per connection: a batch import ingests many small documents in a row.
    const insert = prepared(
      db,
      `INSERT INTO statements (id, document_id, ordinal, kind, level, text, start_offset, end_offset, heading_path, parent_id, speaker, marker, table_cell, footnotes, page, page_label)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const rowids: number[] = new Array(s.count);
    for (let i = 0; i < s.count; ) {
      const { columns: c, base } = s.at(i);
      if (i < base || i >= base + c.count) throw new Error(`statement ${i} is not in the batch given for it`);
      for (const end = base + c.count; i < end; i++) {
        const k = i - base;
        rowids[i] = Number(
          insert.run(
            textAt(c.ids, k), meta.id, i, textAt(c.kinds, k), c.levels[k] || null, textAt(c.texts, k), c.starts[k], c.ends[k], textAt(c.headingPaths, k),
            stringAt(c.parentIds, k), stringAt(c.speakers, k), stringAt(c.markers, k), stringAt(c.tables, k), textAt(c.footnotes, k), c.pages[k] || null, stringAt(c.pageLabels, k),
          ).lastInsertRowid,
        );
      }
    }
    writePages(db, meta.id, opts.pages);
    opts.index?.(db, rowids);
    for (const hook of opts.afterReplace ?? []) hook(db, meta.id, previous);
  });
  write.immediate();
  return { documentId: meta.id, statements: s.count, changed: true };
}

/** One row per page of a paged source: its label and the running matter taken out of its text. */
function writePages(db: Database.Database, documentId: string, pages: IngestOptions['pages']): void {
  prepared(db, 'DELETE FROM document_pages WHERE document_id = ?').run(documentId);
  if (!pages) return;
  const matter = new Map(pages.runningMatter.map((m) => [m.page, m]));
  const insert = db.prepare('INSERT INTO document_pages (document_id, page, label, header, footer) VALUES (?, ?, ?, ?, ?)');
  for (let page = 1; page <= pages.count; page++) {
    const m = matter.get(page);
    insert.run(documentId, page, pages.labels[page - 1] ?? null, JSON.stringify(m?.header ?? []), JSON.stringify(m?.footer ?? []));
  }
}

export interface CorpusIngestResult {
  skipped: boolean;
  corpusHash: string;
  documents: IngestResult[];
}

const CORPUS_HASH_KEY = 'bundled_corpus_hash';

/** First start: ingest everything. Later starts: nothing, unless the bundled corpus changed. */
export function ingestBundledCorpus(db: Database.Database, resourcesDir: string, opts: IngestOptions = {}): CorpusIngestResult {
  const corpus = loadBundledCorpus(resourcesDir); // reads and validates every file first
  // The hash lives in the library (library_state): a rebuilt library has none and is filled again.
  const stored = db.prepare('SELECT value FROM library_state WHERE key = ?').get(CORPUS_HASH_KEY) as { value: string } | undefined;
  if (stored?.value === corpus.corpusHash) {
    // Counted per bundled document through the (document_id, ordinal) index: a library with a
    // million imported statements is not scanned at every start.
    const count = db.prepare('SELECT COUNT(*) FROM statements WHERE document_id = ?').pluck();
    return {
      skipped: true,
      corpusHash: corpus.corpusHash,
      documents: corpus.documents.map((d) => ({ documentId: d.meta.id, statements: count.get(d.meta.id) as number, changed: false })),
    };
  }
  const total = corpus.documents.length;
  const documents = corpus.documents.map((d, i) => {
    opts.onProgress?.(i, total, d.meta.title);
    return ingestDocument(db, d.meta, d.raw, { ...opts, origin: 'bundled' });
  });
  opts.onProgress?.(total, total);
  db.prepare('INSERT INTO library_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(CORPUS_HASH_KEY, corpus.corpusHash);
  return { skipped: false, corpusHash: corpus.corpusHash, documents };
}
