// Reads the live coding once for the matrix and co-occurrence: every annotation that is not deleted
// and not orphaned (an orphan's statement, hence its speaker, is unknown; the same rule as search),
// with its document, its statement's speaker, its pillars and its tags. One query per table, grouped
// in JS: 10,000 annotations are a few hundred kilobytes.
import type Database from 'better-sqlite3';
import { changeKey } from '../store/change-key';
import { prepared } from '../store/prepared';

export interface LiveAnnotation {
  id: string;
  statementId: string;
  documentId: string;
  speaker: string | null;
  pillars: string[];
  tags: string[];
}

/**
 * The live coding. `speakers`: also each statement's speaker, which costs a lookup per annotation
 * in the statements table (1,000,000 rows in the benchmark, mostly not in SQLite's page cache):
 * only the speaker axis asks for it; everything else reads the annotation tables alone.
 */
export function liveCoding(db: Database.Database, opts: { speakers?: boolean } = {}): readonly LiveAnnotation[] {
  // Kept per connection until anything is written (electron/store/change-key.ts): the matrix, the
  // co-occurrence and their cells are asked for one after another over the same coding, and the
  // read is most of their time. A read with speakers serves a read without them.
  const key = changeKey(db);
  const hit = cache.get(db);
  if (hit && hit.key === key && (hit.speakers || !opts.speakers)) return hit.coding;
  const coding = readLiveCoding(db, !!opts.speakers);
  cache.set(db, { key, speakers: !!opts.speakers, coding });
  return coding;
}

const cache = new WeakMap<Database.Database, { key: string; speakers: boolean; coding: readonly LiveAnnotation[] }>();

function readLiveCoding(db: Database.Database, speakers: boolean): LiveAnnotation[] {
  const rows = prepared(
    db,
    speakers
      ? `SELECT a.id, a.statement_id, a.document_id, s.speaker FROM annotations a
         LEFT JOIN statements s ON s.id = a.statement_id
         WHERE a.deleted_at IS NULL AND a.orphaned = 0 ORDER BY a.id`
      : `SELECT a.id, a.statement_id, a.document_id, NULL FROM annotations a WHERE a.deleted_at IS NULL AND a.orphaned = 0 ORDER BY a.id`,
    'raw',
  ).all() as [string, string, string, string | null][];
  const byId = new Map<string, LiveAnnotation>();
  for (const [id, statementId, documentId, speaker] of rows) byId.set(id, { id, statementId, documentId, speaker, pillars: [], tags: [] });
  for (const [a, p] of prepared(db, 'SELECT ap.annotation_id, ap.pillar_id FROM annotation_pillars ap JOIN pillars p ON p.id = ap.pillar_id WHERE p.deleted_at IS NULL', 'raw').all() as [string, string][]) byId.get(a)?.pillars.push(p);
  for (const [a, t] of prepared(db, 'SELECT annotation_id, tag FROM annotation_tags', 'raw').all() as [string, string][]) byId.get(a)?.tags.push(t);
  return [...byId.values()];
}

export interface CodeLabels {
  pillar: Map<string, string>;
  document: Map<string, string>;
}

export function codeLabels(db: Database.Database): CodeLabels {
  const pillar = new Map((prepared(db, 'SELECT id, name_ja FROM pillars WHERE deleted_at IS NULL ORDER BY position, id', 'raw').all() as [string, string][]).map(([id, n]) => [id, n]));
  const document = new Map((prepared(db, 'SELECT id, title FROM documents ORDER BY date IS NULL, date, title, id', 'raw').all() as [string, string][]).map(([id, t]) => [id, t]));
  return { pillar, document };
}

export interface TaxonomyPillar {
  id: string;
  label: string;
  color: string;
  parentId: string | null;
}

/**
 * Live pillars (archived ones included: their coding is still the analyst's) in taxonomy order,
 * parents before their children, siblings by position; the same order as the pillar list.
 */
export function pillarTaxonomy(db: Database.Database): TaxonomyPillar[] {
  const rows = (prepared(db, 'SELECT id, name_ja, color, parent_id FROM pillars WHERE deleted_at IS NULL ORDER BY position, id', 'raw').all() as [string, string, string, string | null][]).map(
    ([id, label, color, parentId]) => ({ id, label, color, parentId }),
  );
  const ids = new Set(rows.map((r) => r.id));
  const children = new Map<string | null, TaxonomyPillar[]>();
  for (const p of rows) {
    const key = p.parentId !== null && ids.has(p.parentId) ? p.parentId : null;
    children.set(key, [...(children.get(key) ?? []), p]);
  }
  const out: TaxonomyPillar[] = [];
  const walk = (parent: string | null) => {
    for (const p of children.get(parent) ?? []) {
      out.push(p);
      walk(p.id);
    }
  };
  walk(null);
  return out;
}
