// SQL for the pillars table: reading pillars with their usage, and writing a snapshot back
// (shared by pillar management, undo/redo and import).
import type Database from 'better-sqlite3';
import { notFound } from '../../shared/errors';
import type { Pillar } from '../../shared/pillars';
import { changedFields, defineEntity, type Applier } from '../journal/entities';

interface PillarRow {
  id: string;
  name_ja: string;
  name_en: string;
  description_ja: string;
  description_en: string;
  color: string;
  position: number;
  parent_id: string | null;
  is_default: number;
  archived: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  used: number;
}

export type PillarSnapshot = Omit<Pillar, 'annotationCount'> & { deletedAt: string | null };

const SELECT = `SELECT p.*, (SELECT COUNT(*) FROM annotation_pillars ap JOIN annotations a ON a.id = ap.annotation_id
  WHERE ap.pillar_id = p.id AND a.deleted_at IS NULL) AS used FROM pillars p`;

function fromRow(r: PillarRow): Pillar & { deletedAt: string | null } {
  return {
    id: r.id,
    nameJa: r.name_ja,
    nameEn: r.name_en,
    descriptionJa: r.description_ja,
    descriptionEn: r.description_en,
    color: r.color,
    position: r.position,
    parentId: r.parent_id,
    isDefault: r.is_default === 1,
    archived: r.archived === 1,
    annotationCount: r.used,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
  };
}

function strip(p: Pillar & { deletedAt: string | null }): Pillar {
  const { deletedAt: _d, ...rest } = p;
  return rest;
}

/** Live pillars in taxonomy order: parents before children, siblings by position. */
export function listPillars(db: Database.Database, opts: { includeArchived?: boolean } = {}): Pillar[] {
  const rows = (db.prepare(`${SELECT} WHERE p.deleted_at IS NULL ORDER BY p.position, p.id`).all() as PillarRow[]).map(fromRow);
  const children = new Map<string | null, typeof rows>();
  for (const p of rows) {
    const key = p.parentId !== null && rows.some((q) => q.id === p.parentId) ? p.parentId : null;
    children.set(key, [...(children.get(key) ?? []), p]);
  }
  const out: Pillar[] = [];
  const walk = (parent: string | null, hiddenAbove: boolean) => {
    for (const p of children.get(parent) ?? []) {
      const hidden = hiddenAbove || p.archived;
      if (opts.includeArchived !== false || !hidden) out.push(strip(p));
      walk(p.id, hidden);
    }
  };
  walk(null, false);
  return out;
}

export function findPillar(db: Database.Database, id: string): (Pillar & { deletedAt: string | null }) | undefined {
  const row = db.prepare(`${SELECT} WHERE p.id = ?`).get(id) as PillarRow | undefined;
  return row ? fromRow(row) : undefined;
}

export function getPillar(db: Database.Database, id: string): Pillar {
  const p = findPillar(db, id);
  if (!p || p.deletedAt !== null) throw notFound({ ja: '柱', en: 'pillar' }, id);
  return strip(p);
}

export function snapshotPillar(db: Database.Database, id: string): PillarSnapshot | null {
  const p = findPillar(db, id);
  if (!p) return null;
  const { annotationCount: _n, ...rest } = p;
  return rest;
}

export function writePillar(db: Database.Database, from: PillarSnapshot | null, to: PillarSnapshot): void {
  if (!findPillar(db, to.id)) {
    db.prepare(
      `INSERT INTO pillars (id, name_ja, name_en, description_ja, description_en, color, position, parent_id, is_default, archived, created_at, updated_at, deleted_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(to.id, to.nameJa, to.nameEn, to.descriptionJa, to.descriptionEn, to.color, to.position, to.parentId, to.isDefault ? 1 : 0, to.archived ? 1 : 0, to.createdAt, to.updatedAt, to.deletedAt);
    return;
  }
  const d = changedFields(from, to);
  const columns: [keyof PillarSnapshot, string, (v: unknown) => unknown][] = [
    ['nameJa', 'name_ja', (v) => v],
    ['nameEn', 'name_en', (v) => v],
    ['descriptionJa', 'description_ja', (v) => v],
    ['descriptionEn', 'description_en', (v) => v],
    ['color', 'color', (v) => v],
    ['position', 'position', (v) => v],
    ['parentId', 'parent_id', (v) => v],
    ['archived', 'archived', (v) => (v ? 1 : 0)],
    ['updatedAt', 'updated_at', (v) => v],
    ['deletedAt', 'deleted_at', (v) => v],
  ];
  const sets: string[] = [];
  const args: unknown[] = [];
  for (const [key, col, conv] of columns) {
    if (d[key] === undefined) continue;
    sets.push(`${col} = ?`);
    args.push(conv(d[key]));
  }
  if (sets.length) db.prepare(`UPDATE pillars SET ${sets.join(', ')} WHERE id = ?`).run(...args, to.id);
}

export const applyPillar: Applier = (db, _id, from, to, at) => {
  if (to === null) {
    const f = from as PillarSnapshot;
    writePillar(db, f, { ...f, deletedAt: f.deletedAt ?? at });
    return;
  }
  writePillar(db, from as PillarSnapshot | null, to as PillarSnapshot);
};

/** Pillars in the journal: soft-deleted, in the pillar's history. */
export const PILLAR = defineEntity<PillarSnapshot>({
  name: 'pillar',
  snapshot: snapshotPillar,
  apply: applyPillar,
  softDelete: true,
  history: (id) => ({ pillarId: id }),
  replayed: { list: 'pillarIds', id: (id) => id },
});
