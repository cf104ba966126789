// Where a piece of evidence goes in a briefing: the section picker's proposal for each briefing
// (the section of the evidence's pillar, else the section chosen last time, else the last
// section) and the remembered last choice. The last choice is a preference kept in the
// workspace (briefings.last_section_id), so the desktop app, the browser host and the CLI agree;
// it is not an edit of the briefing and is never undone.
import type Database from 'better-sqlite3';
import type { BriefingPlacement } from '../../shared/briefing';
import { AppError, notFound } from '../../shared/errors';
import { listPillarsInOrder, readAnnotation } from './evidence';
import { listBriefings } from './repo';
import { SECTION_NOUN, type FollowedSectionRow } from './rows';

const BRIEFING = { ja: 'ブリーフィング', en: 'briefing' };


/** Every briefing (most recently changed first) with the section proposed for these annotations. */
export function placements(db: Database.Database, annotationIds: readonly string[]): BriefingPlacement[] {
  const pillars = listPillarsInOrder(db);
  const alive = new Set(pillars.map((p) => p.id));
  // A by-pillar section made before sections knew their pillar is recognised by its heading.
  const byName = new Map<string, string>();
  for (const p of pillars) {
    byName.set(p.nameJa, p.id);
    byName.set(p.nameEn, p.id);
  }
  const wanted = new Map<string, number>();
  for (const id of new Set(annotationIds)) {
    const a = readAnnotation(db, id);
    if (!a || a.deleted) throw notFound({ ja: '注釈', en: 'annotation' }, id);
    for (const p of a.pillarIds) wanted.set(p, (wanted.get(p) ?? 0) + 1);
  }
  const sectionsOf = db.prepare(
    'SELECT id, briefing_id AS briefingId, heading, live_pillar_id AS pillarId, live_since AS since FROM briefing_sections WHERE briefing_id = ? ORDER BY position',
  );
  const lastOf = db.prepare('SELECT last_section_id AS id FROM briefings WHERE id = ?').pluck();
  return listBriefings(db).map((b) => {
    const sections = (sectionsOf.all(b.id) as FollowedSectionRow[]).map((s) => {
      const pillarId = s.pillarId !== null ? (alive.has(s.pillarId) ? s.pillarId : null) : (byName.get(s.heading.trim()) ?? null);
      return { id: s.id, heading: s.heading, pillarId, live: pillarId !== null && s.pillarId === pillarId && s.since !== null };
    });
    const last = lastOf.get(b.id) as string | null;
    const lastSectionId = sections.some((s) => s.id === last) ? last : null;
    // The section holding most of the evidence's pillars; the earlier section on a tie.
    let best: { id: string; score: number } | null = null;
    for (const s of sections) {
      const score = s.pillarId ? (wanted.get(s.pillarId) ?? 0) : 0;
      if (score > 0 && (!best || score > best.score)) best = { id: s.id, score };
    }
    const suggested = best
      ? { sectionId: best.id, reason: 'pillar' as const }
      : lastSectionId
        ? { sectionId: lastSectionId, reason: 'last' as const }
        : sections.length
          ? { sectionId: sections[sections.length - 1].id, reason: 'end' as const }
          : { sectionId: null, reason: 'none' as const };
    return { id: b.id, title: b.title, updatedAt: b.updatedAt, sections, lastSectionId, suggested };
  });
}

/** Remembers the section the analyst chose for a briefing (a preference: not journaled). */
export function rememberSection(db: Database.Database, briefingId: string, sectionId: string): void {
  const b = db.prepare('SELECT 1 FROM briefings WHERE id = ? AND deleted_at IS NULL').get(briefingId);
  if (!b) throw notFound(BRIEFING, briefingId);
  const s = db.prepare('SELECT briefing_id FROM briefing_sections WHERE id = ?').pluck().get(sectionId) as string | undefined;
  if (s === undefined) throw notFound(SECTION_NOUN, sectionId);
  if (s !== briefingId) {
    throw new AppError(
      'conflict',
      { ja: `節「${sectionId}」はブリーフィング「${briefingId}」のものではありません。`, en: `Section "${sectionId}" is not in briefing "${briefingId}".` },
      { subject: sectionId },
    );
  }
  db.prepare('UPDATE briefings SET last_section_id = ? WHERE id = ?').run(sectionId, briefingId);
}
