// A document segmented and laid out as the statement rows ingest writes, computed away from the
// write: the import's prepare worker (electron/import/prepare/) builds it on the second core, and
// ingestDocument builds the same thing inline, so both paths write byte-identical rows.
import type { DocumentMeta, PageFacts, Statement } from '../../shared/model';
import { sha256 } from './manifest';
import { segmentDocument } from './segment';
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

/** Segments `raw` as `meta.id` (page labels set from the page facts) into the rows ingest writes. */
export function prepareDocument(raw: string, meta: DocumentMeta, pages?: PagedFacts): PreparedDocument {
  const seg = segmentDocument(raw, meta, { paged: pages !== undefined });
  if (pages) {
    for (const s of seg.statements) {
      const label = s.page ? pages.labels[s.page - 1] : null;
      if (label) s.pageLabel = label;
    }
  }
  return { documentId: meta.id, contentHash: contentHashOf(raw, pages), text: seg.text, statements: columnsOf(seg.statements) };
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
