// Which statements are filed under which pillar: a statement is under pillar X when it has a
// non-deleted, anchored annotation linked to X (an orphan's place is unknown, so it files nothing).
import type Database from 'better-sqlite3';
import { prepared } from '../store/prepared';

export interface PillarFiling {
  /** rowid → pillar ids. */
  byRowid: Map<number, string[]>;
  labels: Map<string, { ja: string; en: string }>;
}

const hasTables = new WeakMap<Database.Database, boolean>();

function annotationsExist(db: Database.Database): boolean {
  let v = hasTables.get(db);
  if (v === undefined || !v) {
    // Checked once per connection once present; re-checked while absent (a migration may land).
    v = (prepared(db, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('pillars', 'annotations', 'annotation_pillars')", 'pluck').get() as number) === 3;
    hasTables.set(db, v);
  }
  return v;
}

/**
 * `rowidOf`: each live annotation's statement rowid when the caller has read it already (the
 * coding index has), so the filing is one scan of annotation_pillars without a second join.
 */
export function pillarFiling(db: Database.Database, rowidOf?: ReadonlyMap<string, number>): PillarFiling {
  const byRowid = new Map<number, string[]>();
  const labels = new Map<string, { ja: string; en: string }>();
  if (!annotationsExist(db)) return { byRowid, labels };
  const rows = rowidOf
    ? (prepared(db, 'SELECT annotation_id, pillar_id FROM annotation_pillars', 'raw').all() as [string, string][]).flatMap(([a, p]): [number, string][] => {
        const r = rowidOf.get(a);
        return r === undefined ? [] : [[r, p]];
      })
    : (prepared(
        db,
        `SELECT DISTINCT s.rowid, ap.pillar_id FROM annotations a
         JOIN annotation_pillars ap ON ap.annotation_id = a.id
         JOIN statements s ON s.id = a.statement_id
         WHERE a.deleted_at IS NULL AND a.orphaned = 0`,
        'raw',
      ).all() as [number, string][]);
  for (const [rowid, pillar] of rows) {
    const list = byRowid.get(rowid);
    // Distinct per statement: two annotations on one statement may file it under the same pillar.
    if (!list) byRowid.set(rowid, [pillar]);
    else if (!list.includes(pillar)) list.push(pillar);
  }
  for (const p of prepared(db, 'SELECT id, name_ja, name_en FROM pillars WHERE deleted_at IS NULL').all() as { id: string; name_ja: string; name_en: string }[]) {
    labels.set(p.id, { ja: p.name_ja, en: p.name_en });
  }
  return { byRowid, labels };
}
