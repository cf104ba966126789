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
  commentNorm: string;
  authorNorm: string;
  importance: number | null;
}

export interface CodingIndex {
  byRowid: Map<number, CodedAnnotation[]>;
  /** Every live tag: normalized → as written (first spelling seen). */
  tagLabels: Map<string, string>;
  /** Normalized authors of live annotations. */
  authors: Set<string>;
}

const TAG_SEPARATOR = '\u001f';

function tablesExist(db: Database.Database): boolean {
  return (prepared(db, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('annotations', 'annotation_tags')", 'pluck').get() as number) === 2;
}

export function codingIndex(db: Database.Database): CodingIndex {
  const byRowid = new Map<number, CodedAnnotation[]>();
  const tagLabels = new Map<string, string>();
  const authors = new Set<string>();
  if (!tablesExist(db)) return { byRowid, tagLabels, authors };
  const rows = prepared(
    db,
    `SELECT s.rowid, a.comment, a.author, a.importance,
            (SELECT group_concat(t.tag, char(31)) FROM annotation_tags t WHERE t.annotation_id = a.id)
     FROM annotations a JOIN statements s ON s.id = a.statement_id
     WHERE a.deleted_at IS NULL AND a.orphaned = 0`,
    'raw',
  ).all() as [number, string, string, number | null, string | null][];
  for (const [rowid, comment, author, importance, tagList] of rows) {
    const tags = tagList ? tagList.split(TAG_SEPARATOR) : [];
    const tagsNorm = tags.map(normalizeKey);
    tagsNorm.forEach((n, i) => n && !tagLabels.has(n) && tagLabels.set(n, tags[i]));
    const authorNorm = normalizeKey(author);
    authors.add(authorNorm);
    const entry: CodedAnnotation = { tags, tagsNorm, commentNorm: normalizeKey(comment), authorNorm, importance };
    const list = byRowid.get(rowid);
    if (list) list.push(entry);
    else byRowid.set(rowid, [entry]);
  }
  return { byRowid, tagLabels, authors };
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
