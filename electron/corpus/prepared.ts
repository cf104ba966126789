// A document segmented and laid out as the statement rows ingest writes, computed away from the
// write: the import's prepare worker (electron/import/prepare/) builds it on the second core, and
// ingestDocument builds the same thing inline, so both paths write byte-identical rows.
import type { DocumentMeta, PageFacts, Statement } from '../../shared/model';
import { sha256 } from './sha256';
import { segmentDocument, segmentStream } from './segment';
import { SEGMENTER_VERSION } from './segment/version';
import { assignStatementIds } from './statement-id';

/**
 * Strings back to back in one string: value i is joined.slice(ends[i - 1] ?? 0, ends[i]), null
 * where nulls[i] is 1. A prepared 20 MB source has 70,000 statements: as columns of separate
 * strings they took ~0.7 s to clone across threads; as a dozen strings and typed arrays, ~30 ms.
 */
export interface StringColumn {
  joined: string;
  ends: Uint32Array;
  nulls: Uint8Array | null;
}

/**
 * The statements as columns (index = ordinal), JSON already encoded: the JSON of heading paths,
 * tables and footnotes was a fifth of the write thread's time per statement.
 */
export interface StatementColumns {
  count: number;
  ids: StringColumn;
  kinds: StringColumn;
  /** 0 where the statement has no level. */
  levels: Int32Array;
  texts: StringColumn;
  starts: Uint32Array;
  ends: Uint32Array;
  headingPaths: StringColumn;
  parentIds: StringColumn;
  speakers: StringColumn;
  markers: StringColumn;
  tables: StringColumn;
  footnotes: StringColumn;
  /** 0 where the statement has no page (pages count from 1). */
  pages: Int32Array;
  pageLabels: StringColumn;
}

export function stringColumn(values: readonly (string | null)[]): StringColumn {
  const ends = new Uint32Array(values.length);
  let nulls: Uint8Array | null = null;
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null) (nulls ??= new Uint8Array(values.length))[i] = 1;
    else at += v.length;
    ends[i] = at;
  }
  return { joined: values.map((v) => v ?? '').join(''), ends, nulls };
}

export function stringAt(col: StringColumn, i: number): string | null {
  if (col.nulls?.[i]) return null;
  return col.joined.slice(i === 0 ? 0 : col.ends[i - 1], col.ends[i]);
}

/** A column that has no nulls (ids, kinds, texts, heading paths, footnotes). */
export function textAt(col: StringColumn, i: number): string {
  return col.joined.slice(i === 0 ? 0 : col.ends[i - 1], col.ends[i]);
}

export function stringsOf(col: StringColumn): (string | null)[] {
  return Array.from(col.ends, (_, i) => stringAt(col, i));
}

export interface PreparedDocument {
  /** The document id the statement ids were derived from. */
  documentId: string;
  /** What ingest compares to decide whether the text changed (segmenter version, text, page facts). */
  contentHash: string;
  /** The reader's text the statements are offsets into. */
  text: string;
  statements: StatementColumns;
}

export type PagedFacts = PageFacts & { count: number };

/** The segmenter's version is part of the hash: a better segmenter re-segments unchanged text. */
export function contentHashOf(raw: string, pages?: PagedFacts): string {
  // Page facts (labels) are part of what was imported: a corrected label is a change too.
  const pageFacts = pages ? `\u0000${JSON.stringify(pages)}` : '';
  return sha256(`${SEGMENTER_VERSION}\u0000${raw}${pageFacts}`);
}

export function columnsOf(statements: readonly Statement[]): StatementColumns {
  const n = statements.length;
  const levels = new Int32Array(n);
  const starts = new Uint32Array(n);
  const ends = new Uint32Array(n);
  const pages = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const s = statements[i];
    levels[i] = s.level ?? 0;
    starts[i] = s.start;
    ends[i] = s.end;
    pages[i] = s.page ?? 0;
  }
  const column = (f: (s: Statement) => string | null) => stringColumn(statements.map(f));
  return {
    count: n,
    ids: column((s) => s.id),
    kinds: column((s) => s.kind),
    levels,
    texts: column((s) => s.text),
    starts,
    ends,
    headingPaths: column((s) => JSON.stringify(s.headingPath)),
    parentIds: column((s) => s.parentId),
    speakers: column((s) => s.speaker),
    markers: column((s) => s.marker),
    tables: column((s) => (s.table ? JSON.stringify(s.table) : null)),
    footnotes: column((s) => JSON.stringify(s.footnotes)),
    pages,
    pageLabels: column((s) => s.pageLabel ?? null),
  };
}

/** Page labels from the page facts, on the statements of a paged source. */
function labelPages(statements: Statement[], pages?: PagedFacts): void {
  if (!pages) return;
  for (const s of statements) {
    const label = s.page ? pages.labels[s.page - 1] : null;
    if (label) s.pageLabel = label;
  }
}

/** Segments `raw` as `meta.id` (page labels set from the page facts) into the rows ingest writes. */
export function prepareDocument(raw: string, meta: DocumentMeta, pages?: PagedFacts): PreparedDocument {
  const seg = segmentDocument(raw, meta, { paged: pages !== undefined });
  labelPages(seg.statements, pages);
  return { documentId: meta.id, contentHash: contentHashOf(raw, pages), text: seg.text, statements: columnsOf(seg.statements) };
}

/**
 * Statements handed over a chunk at a time (the import's prepare worker posts them as it makes
 * them): chunk c holds statements c × STATEMENT_CHUNK … Any size works for a whole document.
 */
export const STATEMENT_CHUNK = 2048;

/** prepareDocument a chunk of statements at a time: what needs the whole document is done first. */
export interface PreparedStream extends Omit<PreparedDocument, 'statements'> {
  count: number;
  /** The next STATEMENT_CHUNK statements' columns (fewer for the last chunk). */
  nextChunk(): StatementColumns;
}

export function prepareDocumentStream(raw: string, meta: DocumentMeta, pages?: PagedFacts): PreparedStream {
  const stream = segmentStream(raw, meta, { paged: pages !== undefined });
  return {
    documentId: meta.id,
    contentHash: contentHashOf(raw, pages),
    text: stream.text,
    count: stream.count,
    nextChunk() {
      const statements = stream.next(STATEMENT_CHUNK);
      labelPages(statements, pages);
      return columnsOf(statements);
    },
  };
}

/** The statements a write takes in order: the columns holding statement i, and where they start. */
export interface StatementBatches {
  readonly count: number;
  /** May wait for statements on their way (electron/import/prepare/); throws if they never come. */
  at(i: number): { columns: StatementColumns; base: number };
}

/** A prepared document whose statements may still be arriving: what the import writes. */
export interface StreamedDocument extends Omit<PreparedDocument, 'statements'> {
  statements: StatementBatches;
}

/** A whole prepared document as batches (one batch of everything). */
export function streamed(doc: PreparedDocument): StreamedDocument {
  const columns = doc.statements;
  return { ...doc, statements: { count: columns.count, at: () => ({ columns, base: 0 }) } };
}

function concatStrings(cols: readonly StringColumn[]): StringColumn {
  const n = cols.reduce((k, c) => k + c.ends.length, 0);
  const ends = new Uint32Array(n);
  let nulls: Uint8Array | null = null;
  let at = 0;
  let offset = 0;
  for (const c of cols) {
    for (let i = 0; i < c.ends.length; i++) ends[at + i] = c.ends[i] + offset;
    if (c.nulls) (nulls ??= new Uint8Array(n)).set(c.nulls, at);
    at += c.ends.length;
    offset += c.joined.length;
  }
  return { joined: cols.map((c) => c.joined).join(''), ends, nulls };
}

function concatNumbers<T extends Int32Array | Uint32Array>(parts: readonly T[], make: (n: number) => T): T {
  const out = make(parts.reduce((k, p) => k + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Chunks of columns, in order, as one set of columns (what columnsOf gives for all their statements). */
export function concatColumns(chunks: readonly StatementColumns[]): StatementColumns {
  const strings = (f: (c: StatementColumns) => StringColumn) => concatStrings(chunks.map(f));
  return {
    count: chunks.reduce((k, c) => k + c.count, 0),
    ids: strings((c) => c.ids),
    kinds: strings((c) => c.kinds),
    levels: concatNumbers(chunks.map((c) => c.levels), (n) => new Int32Array(n)),
    texts: strings((c) => c.texts),
    starts: concatNumbers(chunks.map((c) => c.starts), (n) => new Uint32Array(n)),
    ends: concatNumbers(chunks.map((c) => c.ends), (n) => new Uint32Array(n)),
    headingPaths: strings((c) => c.headingPaths),
    parentIds: strings((c) => c.parentIds),
    speakers: strings((c) => c.speakers),
    markers: strings((c) => c.markers),
    tables: strings((c) => c.tables),
    footnotes: strings((c) => c.footnotes),
    pages: concatNumbers(chunks.map((c) => c.pages), (n) => new Int32Array(n)),
    pageLabels: strings((c) => c.pageLabels),
  };
}

/** Every statement of a streamed document in hand (waiting for those on their way), as one document. */
export function wholeDocument(doc: StreamedDocument): PreparedDocument {
  const { statements, ...rest } = doc;
  const chunks: StatementColumns[] = [];
  for (let i = 0; i < statements.count; ) {
    const { columns, base } = statements.at(i);
    if (base === 0 && columns.count === statements.count) return { ...rest, statements: columns };
    chunks.push(columns);
    i = base + columns.count;
  }
  return { ...rest, statements: concatColumns(chunks) };
}

/**
 * The same document under another id: statement ids are derived from the document id, so they are
 * assigned again from the same texts, and every reference to one (parent heading, footnote link)
 * follows. Used when the id predicted before preparing is not the one the write resolved.
 */
export function renamePrepared(doc: PreparedDocument, documentId: string): PreparedDocument {
  if (doc.documentId === documentId) return doc;
  const s = doc.statements;
  const texts = Array.from({ length: s.count }, (_, i) => textAt(s.texts, i));
  const ids = assignStatementIds(documentId, texts);
  const renamed = new Map<string, string>();
  for (let i = 0; i < s.count; i++) renamed.set(textAt(s.ids, i), ids[i]);
  const footnotes = Array.from({ length: s.count }, (_, i) => {
    const json = textAt(s.footnotes, i);
    if (json === '[]') return json;
    const refs = JSON.parse(json) as Statement['footnotes'];
    return JSON.stringify(refs.map((r) => ({ ...r, footnoteId: r.footnoteId === null ? null : renamed.get(r.footnoteId) ?? null })));
  });
  const parentIds = stringsOf(s.parentIds).map((p) => (p === null ? null : renamed.get(p) ?? null));
  return {
    ...doc,
    documentId,
    statements: { ...s, ids: stringColumn(ids), parentIds: stringColumn(parentIds), footnotes: stringColumn(footnotes) },
  };
}
