// Pillar management: add, rename, recolour, nest, reorder, archive and delete pillars, each one
// journaledChange (undoable). The four statutory pillars can be renamed but not deleted while in use.
import { PILLAR_COLOR_RE, PILLAR_ID_RE, type Pillar } from '../../shared/pillars';
import type { Actor } from '../journal/actor';
import { journaledChange, type Change } from '../journal/change';
import { findPillar, getPillar, listPillars, PILLAR, writePillar, type PillarSnapshot } from './pillar-rows';
import { badInput, conflict } from './refusals';

export interface PillarInput {
  id?: string;
  nameJa: string;
  nameEn?: string;
  descriptionJa?: string;
  descriptionEn?: string;
  color?: string;
  parentId?: string | null;
}

export interface PillarPatch {
  nameJa?: string;
  nameEn?: string;
  descriptionJa?: string;
  descriptionEn?: string;
  color?: string;
  parentId?: string | null;
}

/** Colours handed to new pillars in turn: distinct from the four defaults and from each other (also QDA import). */
export const PALETTE = ['#c0392b', '#16a085', '#d4a017', '#5d6d7e', '#a04070', '#2874a6', '#6b8e23', '#8d6e63'];

function checkName(value: string, field: string): string {
  const v = value.trim();
  if (!v || v.length > 120) {
    throw badInput({ ja: `柱の名前（${field}）は 1〜120 文字で指定してください。`, en: `The pillar name (${field}) must be 1–120 characters.` }, field);
  }
  return v;
}

function checkColor(color: string): string {
  if (!PILLAR_COLOR_RE.test(color)) {
    throw badInput({ ja: `色「${color}」は #rrggbb 形式で指定してください。`, en: `Colour "${color}" must be #rrggbb.` }, 'color');
  }
  return color.toLowerCase();
}

function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}

function freshId(actor: Actor, input: PillarInput): string {
  if (input.id !== undefined) {
    if (!PILLAR_ID_RE.test(input.id)) {
      throw badInput({ ja: `柱の ID「${input.id}」は英小文字・数字・ハイフンで指定してください。`, en: `Pillar id "${input.id}" must be lowercase letters, digits and hyphens.` }, 'id');
    }
    if (findPillar(actor.db, input.id)) {
      throw conflict({ ja: `柱の ID「${input.id}」は既に使われています（削除済みを含む）。`, en: `Pillar id "${input.id}" is already taken (deleted pillars included).` }, input.id);
    }
    return input.id;
  }
  const base = slug(input.nameEn ?? '') || 'pillar';
  for (let n = 1; ; n++) {
    const id = n === 1 ? base : `${base}-${n}`;
    if (!findPillar(actor.db, id)) return id;
  }
}

function checkParent(actor: Actor, id: string, parentId: string | null): void {
  if (parentId === null) return;
  const parent = getPillar(actor.db, parentId);
  // Walk up from the new parent: meeting the pillar itself means the move would make a cycle.
  for (let p: string | null = parent.id; p !== null; p = findPillar(actor.db, p)?.parentId ?? null) {
    if (p === id) {
      throw conflict({ ja: `柱「${id}」を自分の下位に入れることはできません。`, en: `Pillar "${id}" cannot be nested inside itself.` }, parentId);
    }
  }
}

function nextPosition(actor: Actor, parentId: string | null): number {
  const row = actor.db.prepare('SELECT MAX(position) AS m FROM pillars WHERE parent_id IS ? AND deleted_at IS NULL').get(parentId) as { m: number | null };
  return (row.m ?? -1) + 1;
}

export function createPillar(actor: Actor, input: PillarInput): Pillar {
  const { db } = actor;
  const created = journaledChange(
    actor,
    'pillar.create',
    (p) => ({ ja: `柱「${p.nameJa}」を追加`, en: `Add pillar "${p.nameEn}"` }),
    (change: Change) => {
      const id = freshId(actor, input);
      const parentId = input.parentId ?? null;
      checkParent(actor, id, parentId);
      const count = (db.prepare('SELECT COUNT(*) AS n FROM pillars').get() as { n: number }).n;
      const nameJa = checkName(input.nameJa, 'nameJa');
      const after: PillarSnapshot = {
        id,
        nameJa,
        nameEn: input.nameEn === undefined || input.nameEn.trim() === '' ? nameJa : checkName(input.nameEn, 'nameEn'),
        descriptionJa: input.descriptionJa?.trim() ?? '',
        descriptionEn: input.descriptionEn?.trim() ?? '',
        color: input.color ? checkColor(input.color) : PALETTE[count % PALETTE.length],
        position: nextPosition(actor, parentId),
        parentId,
        isDefault: false,
        archived: false,
        createdAt: change.at,
        updatedAt: change.at,
        deletedAt: null,
      };
      change.touch(PILLAR, id);
      writePillar(db, null, after);
      return after;
    },
  );
  return getPillar(db, created.id);
}

export function updatePillar(actor: Actor, id: string, patch: PillarPatch): Pillar {
  const { db } = actor;
  journaledChange(
    actor,
    'pillar.update',
    ({ before, after }) =>
      after.nameJa !== before.nameJa || after.nameEn !== before.nameEn
        ? { ja: `柱「${before.nameJa}」を「${after.nameJa}」に変更`, en: `Rename pillar "${before.nameEn}" to "${after.nameEn}"` }
        : { ja: `柱「${after.nameJa}」を編集`, en: `Edit pillar "${after.nameEn}"` },
    (change: Change) => {
      getPillar(db, id);
      const before = change.touch(PILLAR, id) as PillarSnapshot;
      const after: PillarSnapshot = { ...before, updatedAt: change.at };
      if (patch.nameJa !== undefined) after.nameJa = checkName(patch.nameJa, 'nameJa');
      if (patch.nameEn !== undefined) after.nameEn = checkName(patch.nameEn, 'nameEn');
      if (patch.descriptionJa !== undefined) after.descriptionJa = patch.descriptionJa.trim();
      if (patch.descriptionEn !== undefined) after.descriptionEn = patch.descriptionEn.trim();
      if (patch.color !== undefined) after.color = checkColor(patch.color);
      if (patch.parentId !== undefined && patch.parentId !== before.parentId) {
        checkParent(actor, id, patch.parentId);
        after.parentId = patch.parentId;
        after.position = nextPosition(actor, patch.parentId);
      }
      writePillar(db, before, after);
      return { before, after };
    },
  );
  return getPillar(db, id);
}

export function archivePillar(actor: Actor, id: string, archived: boolean): Pillar {
  const { db } = actor;
  journaledChange(
    actor,
    'pillar.archive',
    (p) => (archived ? { ja: `柱「${p.nameJa}」をアーカイブ`, en: `Archive pillar "${p.nameEn}"` } : { ja: `柱「${p.nameJa}」のアーカイブを解除`, en: `Unarchive pillar "${p.nameEn}"` }),
    (change: Change) => {
      getPillar(db, id);
      const before = change.touch(PILLAR, id) as PillarSnapshot;
      const after: PillarSnapshot = { ...before, archived, updatedAt: change.at };
      writePillar(db, before, after);
      return after;
    },
  );
  return getPillar(db, id);
}

/**
 * Deletes a pillar that nothing uses (a used one is archived instead: its links are the analyst's
 * work). The row is soft-deleted, so undo brings it back; sub-pillars move up to its parent.
 */
export function deletePillar(actor: Actor, id: string): void {
  const { db } = actor;
  journaledChange(
    actor,
    'pillar.delete',
    (p) => ({ ja: `柱「${p.nameJa}」を削除`, en: `Delete pillar "${p.nameEn}"` }),
    (change: Change) => {
      const pillar = getPillar(db, id);
      if (pillar.annotationCount > 0) {
        const what = pillar.isDefault ? { ja: '既定の柱', en: 'default pillar' } : { ja: '柱', en: 'pillar' };
        throw conflict(
          {
            ja: `${what.ja}「${pillar.nameJa}」は ${pillar.annotationCount} 件の注釈で使われているため削除できません。`,
            en: `The ${what.en} "${pillar.nameEn}" is used by ${pillar.annotationCount} annotation(s) and cannot be deleted.`,
          },
          id,
          { ja: 'アーカイブするか、先に注釈からこの柱を外してください。', en: 'Archive it instead, or remove it from those annotations first.' },
        );
      }
      const children = (db.prepare('SELECT id FROM pillars WHERE parent_id = ? AND deleted_at IS NULL ORDER BY position').all(id) as { id: string }[]).map((r) => r.id);
      for (const child of children) {
        const b = change.touch(PILLAR, child) as PillarSnapshot;
        writePillar(db, b, { ...b, parentId: pillar.parentId, position: nextPosition(actor, pillar.parentId), updatedAt: change.at });
      }
      const before = change.touch(PILLAR, id) as PillarSnapshot;
      writePillar(db, before, { ...before, deletedAt: change.at, updatedAt: change.at });
      return pillar;
    },
  );
}

/** Puts the given siblings in the given order; they must be exactly the children of `parentId`. */
export function reorderPillars(actor: Actor, parentId: string | null, ids: readonly string[]): Pillar[] {
  const { db } = actor;
  journaledChange(actor, 'pillar.reorder', { ja: '柱を並べ替え', en: 'Reorder pillars' }, (change: Change) => {
    const siblings = (db.prepare('SELECT id FROM pillars WHERE parent_id IS ? AND deleted_at IS NULL').all(parentId) as { id: string }[]).map((r) => r.id);
    const same = siblings.length === ids.length && new Set(ids).size === ids.length && ids.every((i) => siblings.includes(i));
    if (!same) {
      throw badInput(
        { ja: `並べ替えには ${parentId ?? '最上位'} の下のすべての柱を一度ずつ指定してください（${siblings.join(', ')}）。`, en: `Reorder needs every pillar under ${parentId ?? 'the top level'} exactly once (${siblings.join(', ')}).` },
        'ids',
      );
    }
    ids.forEach((id, position) => {
      const before = change.current(PILLAR, id) as PillarSnapshot;
      if (before.position === position) return;
      change.touch(PILLAR, id);
      writePillar(db, before, { ...before, position, updatedAt: change.at });
    });
  });
  return listPillars(db);
}
