// The analyst's coding as search sees it: for each statement (by rowid), the live annotations on it
// with their tags, comment, author and importance, so tag: comment: author: importance: annotated:
// and the tag facet are array reads. Only anchored, non-deleted annotations count (an orphan's
// place is unknown), the same rule as pillar filing (pillars.ts).
import type Database from 'better-sqlite3';
import type { QueryFilters } from '../../shared/query/parse';
import { normalizeKey } from '../../shared/text/normalize';
import { prepared } from '../store/prepared';

export interface CodedAnnotation {
  /** Tags as written, and normalized (what tag: compares). */
  tags: string[];
  tagsNorm: string[];
  /** Folded on first use: only comment: reads it, and folding 10,000 comments is most of a build. */
  readonly commentNorm: string;
  authorNorm: string;
  importance: number | null;
}

export interface CodingIndex {
  byRowid: Map<number, CodedAnnotation[]>;
  /** Every live tag: normalized → as written (first spelling seen). */
  tagLabels: Map<string, string>;
  /** Normalized authors of live annotations. */
  authors: Set<string>;
  /** Each live annotation's statement rowid, for pillar filing (pillars.ts) to reuse this read. */
  rowidOf: Map<string, number>;
}

class Coded implements CodedAnnotation {
  private folded: string | null = null;
  tags: string[] = [];
  tagsNorm: string[] = [];
  constructor(
    private readonly comment: string,
    readonly authorNorm: string,
    readonly importance: number | null,
  ) {}

  get commentNorm(): string {
    return (this.folded ??= normalizeKey(this.comment));
  }
}

function tablesExist(db: Database.Database): boolean {
  return (prepared(db, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('annotations', 'annotation_tags')", 'pluck').get() as number) === 2;
}

export function codingIndex(db: Database.Database): CodingIndex {
  const byRowid = new Map<number, CodedAnnotation[]>();
  const tagLabels = new Map<string, string>();
  const authors = new Set<string>();
  const rowidOf = new Map<string, number>();
  if (!tablesExist(db)) return { byRowid, tagLabels, authors, rowidOf };
  // Three plain reads instead of a tag subquery per annotation: the join to statements (one index
  // lookup per annotation in the library) happens once here and pillar filing reuses it.
  const rows = prepared(
    db,
    `SELECT s.rowid, a.id, a.comment, a.author, a.importance
     FROM annotations a JOIN statements s ON s.id = a.statement_id
     WHERE a.deleted_at IS NULL AND a.orphaned = 0`,
    'raw',
  ).all() as [number, string, string, string, number | null][];
  const tagsOf = new Map<string, string[]>();
  for (const [id, tag] of prepared(db, 'SELECT annotation_id, tag FROM annotation_tags', 'raw').all() as [string, string][]) {
    const list = tagsOf.get(id);
    if (list) list.push(tag);
    else tagsOf.set(id, [tag]);
  }
  const authorNorms = new Map<string, string>();
  for (const [rowid, id, comment, author, importance] of rows) {
    let authorNorm = authorNorms.get(author);
    if (authorNorm === undefined) {
      authorNorm = normalizeKey(author);
      authorNorms.set(author, authorNorm);
      authors.add(authorNorm);
    }
    const entry = new Coded(comment, authorNorm, importance);
    const tags = tagsOf.get(id);
    if (tags) {
      entry.tags = tags;
      entry.tagsNorm = tags.map(normalizeKey);
      entry.tagsNorm.forEach((n, i) => n && !tagLabels.has(n) && tagLabels.set(n, tags[i]));
    }
    rowidOf.set(id, rowid);
    const list = byRowid.get(rowid);
    if (list) list.push(entry);
    else byRowid.set(rowid, [entry]);
  }
  return { byRowid, tagLabels, authors, rowidOf };
}

/** Whether one annotation satisfies every coding filter of the query (annotated: aside). */
function annotationPasses(a: CodedAnnotation, f: QueryFilters): boolean {
  if (f.tags.length && !f.tags.some((t) => a.tagsNorm.includes(t))) return false;
  if (f.comments.length && !f.comments.some((c) => a.commentNorm.includes(c))) return false;
  if (f.authors.length && !f.authors.some((x) => a.authorNorm.includes(x))) return false;
  if (f.importance.length && (a.importance === null || !f.importance.includes(a.importance))) return false;
  return true;
}

/**
 * A statement passes when one annotation on it satisfies the tag/comment/author/importance filters
 * together (so `tag:半導体 importance:3` means one annotation carrying both), and annotated:no
 * wants no annotation at all.
 */
export function codingPredicate(f: QueryFilters, coding: CodingIndex): ((rowid: number) => boolean) | null {
  const perAnnotation = f.tags.length || f.comments.length || f.authors.length || f.importance.length;
  if (!perAnnotation && f.annotated === null) return null;
  if (f.annotated === false) {
    // annotated:no with any other coding filter selects nothing: those filters need an annotation.
    if (perAnnotation) return () => false;
    return (r) => !coding.byRowid.has(r);
  }
  return (r) => {
    const list = coding.byRowid.get(r);
    if (!list) return false;
    return !perAnnotation || list.some((a) => annotationPasses(a, f));
  };
}
