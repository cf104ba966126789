// Live by-pillar sections: a section made from a pillar (or set to follow one) is offered the
// annotations filed under that pillar after it started following, that the briefing does not
// hold yet and the analyst has not dismissed, as "new since last edit". Accepting one adds it as
// evidence, dismissing one records it in briefing_live_dismissed; both are journaled changes.
import type Database from 'better-sqlite3';
import type { LiveCandidate, LiveSection } from '../../shared/briefing';
import { AppError, notFound } from '../../shared/errors';
import { shortLabel } from '../../shared/text/label';
import type { Actor } from '../journal/actor';
import { journaledChange, type Change } from '../journal/change';
import { readAnnotation } from './evidence';
import { addItems, getBriefing } from './repo';
import { BRIEFING_LIVE_DISMISSAL, BRIEFING_SECTION, dismissalId, insertDismissalRow, SECTION_NOUN, touchBriefing, type FollowedSectionRow, type SectionSnapshot } from './rows';
import type { Briefing } from '../../shared/briefing';

const PILLAR = { ja: '政策の柱', en: 'pillar' };

interface SectionRow extends FollowedSectionRow {
  /** The pillar exists and is not deleted: a deleted pillar's section stops following it. */
  pillarAlive: number;
}

const SECTION_SELECT = `SELECT s.id, s.briefing_id AS briefingId, s.heading, s.live_pillar_id AS pillarId, s.live_since AS since,
    EXISTS (SELECT 1 FROM pillars p WHERE p.id = s.live_pillar_id AND p.deleted_at IS NULL) AS pillarAlive
  FROM briefing_sections s JOIN briefings b ON b.id = s.briefing_id AND b.deleted_at IS NULL`;

function liveSectionRow(db: Database.Database, sectionId: string): SectionRow {
  const r = db.prepare(`${SECTION_SELECT} WHERE s.id = ?`).get(sectionId) as SectionRow | undefined;
  if (!r) throw notFound(SECTION_NOUN, sectionId);
  return r;
}

/**
 * Annotations linked to the pillar after `since`, read from the journal: a done change whose
 * annotation snapshot has the pillar after it and did not before (created, restored or newly
 * filed). An undone change does not count, so undoing the filing takes the candidate away too.
 * Only those still live, still filed under the pillar, not in the briefing and not dismissed.
 */
const CANDIDATES_SQL = `
  WITH linked AS (
    SELECT e.entity_id AS id, MIN(g.at) AS linkedAt
    FROM change_groups g JOIN change_entries e ON e.group_id = g.id
    WHERE g.state = 'done' AND g.at >= @since AND e.entity = 'annotation' AND e.after_json IS NOT NULL
      AND json_extract(e.after_json, '$.deletedAt') IS NULL
      AND EXISTS (SELECT 1 FROM json_each(e.after_json, '$.pillarIds') WHERE value = @pillar)
      AND (e.before_json IS NULL OR json_extract(e.before_json, '$.deletedAt') IS NOT NULL
           OR NOT EXISTS (SELECT 1 FROM json_each(e.before_json, '$.pillarIds') WHERE value = @pillar))
    GROUP BY e.entity_id
  )
  SELECT l.id AS annotationId, a.statement_id AS statementId, a.quote_exact AS quote, a.comment, a.orphaned, l.linkedAt FROM linked l
  JOIN annotations a ON a.id = l.id AND a.deleted_at IS NULL
  WHERE EXISTS (SELECT 1 FROM annotation_pillars ap WHERE ap.annotation_id = l.id AND ap.pillar_id = @pillar)
    AND NOT EXISTS (SELECT 1 FROM briefing_items i JOIN briefing_sections s ON s.id = i.section_id WHERE s.briefing_id = @briefing AND i.annotation_id = l.id)
    AND NOT EXISTS (SELECT 1 FROM briefing_live_dismissed d WHERE d.section_id = @section AND d.annotation_id = l.id)
  ORDER BY l.linkedAt, l.id`;

function candidatesOf(db: Database.Database, s: SectionRow): LiveCandidate[] {
  if (!s.pillarId || !s.since || !s.pillarAlive) return [];
  // The annotation's own columns, read in the same query: one row per candidate, however many.
  const rows = db.prepare(CANDIDATES_SQL).all({ since: s.since, pillar: s.pillarId, briefing: s.briefingId, section: s.id }) as (Omit<LiveCandidate, 'orphaned'> & { orphaned: number })[];
  return rows.map((r) => ({ ...r, orphaned: r.orphaned === 1 }));
}

function toLiveSection(db: Database.Database, s: SectionRow): LiveSection {
  const live = !!(s.pillarId && s.since && s.pillarAlive);
  return { sectionId: s.id, heading: s.heading, pillarId: s.pillarId, since: s.since, live, candidates: live ? candidatesOf(db, s) : [] };
}

/** Every section of a briefing that follows (or followed) a pillar, with its new annotations. */
export function liveCandidates(db: Database.Database, briefingId: string): LiveSection[] {
  getBriefing(db, briefingId);
  const rows = db.prepare(`${SECTION_SELECT} WHERE s.briefing_id = ? AND s.live_pillar_id IS NOT NULL ORDER BY s.position`).all(briefingId) as SectionRow[];
  return rows.map((r) => toLiveSection(db, r));
}

/**
 * Checks that every id is a candidate of the live section now; refused whole, naming the first
 * that is not and why (deleted, already in the briefing, dismissed, not of the pillar), so
 * nothing is written for a list with one bad id.
 */
function checkCandidates(db: Database.Database, s: SectionRow, annotationIds: readonly string[]): void {
  if (!s.pillarId || !s.since || !s.pillarAlive) {
    throw new AppError(
      'conflict',
      { ja: `節「${shortLabel(s.heading)}」（${s.id}）は柱を追っていません。`, en: `Section "${shortLabel(s.heading)}" (${s.id}) does not follow a pillar.` },
      { subject: s.id },
    );
  }
  const open = new Set(candidatesOf(db, s).map((c) => c.annotationId));
  const seen = new Set<string>();
  for (const id of annotationIds) {
    if (seen.has(id)) throw new AppError('invalid-request', { ja: `注釈「${id}」が二度指定されています。`, en: `Annotation "${id}" is given twice.` }, { subject: id });
    seen.add(id);
    if (open.has(id)) continue;
    const a = readAnnotation(db, id);
    const why = !a
      ? { ja: 'そのような注釈はありません', en: 'there is no such annotation' }
      : a.deleted
        ? { ja: '削除された注釈です', en: 'it was deleted' }
        : db.prepare('SELECT 1 FROM briefing_live_dismissed WHERE section_id = ? AND annotation_id = ?').get(s.id, id)
          ? { ja: 'すでに見送りました', en: 'it was already dismissed' }
          : db.prepare('SELECT 1 FROM briefing_items i JOIN briefing_sections x ON x.id = i.section_id WHERE x.briefing_id = ? AND i.annotation_id = ?').get(s.briefingId, id)
            ? { ja: 'すでにブリーフィングにあります', en: 'it is already in the briefing' }
            : { ja: 'この節の新着ではありません', en: 'it is not new for this section' };
    throw new AppError(
      a && !a.deleted ? 'conflict' : 'not-found',
      { ja: `注釈「${id}」は節「${shortLabel(s.heading)}」の新着に加えられません：${why.ja}。`, en: `Annotation "${id}" cannot be taken from the new annotations of section "${shortLabel(s.heading)}": ${why.en}.` },
      { subject: id },
    );
  }
}

/** Accepts new annotations of a live section: added at its end as evidence, one undoable change. */
export function acceptLive(actor: Actor, sectionId: string, annotationIds: readonly string[]): { briefing: Briefing; itemIds: string[] } {
  const s = liveSectionRow(actor.db, sectionId);
  checkCandidates(actor.db, s, annotationIds);
  return addItems(actor, sectionId, annotationIds.map((annotationId) => ({ annotationId })));
}

/** Dismisses new annotations from a live section (they are not offered again; undo brings them back). */
export function dismissLive(actor: Actor, sectionId: string, annotationIds: readonly string[]): Briefing {
  const { db } = actor;
  const done = journaledChange(
    actor,
    'briefing.live.dismiss',
    ({ heading }) => ({ ja: `節「${heading}」の新着 ${annotationIds.length} 件を見送り`, en: `Dismiss ${annotationIds.length} new annotation${annotationIds.length === 1 ? '' : 's'} from section "${heading}"` }),
    (change: Change) => {
      const s = liveSectionRow(db, sectionId);
      checkCandidates(db, s, annotationIds);
      for (const annotationId of annotationIds) {
        change.touch(BRIEFING_LIVE_DISMISSAL, dismissalId(sectionId, annotationId));
        insertDismissalRow(db, { sectionId, annotationId, dismissedAt: change.at });
      }
      touchBriefing(db, s.briefingId, change.at);
      return { briefingId: s.briefingId, heading: shortLabel(s.heading) };
    },
  );
  return getBriefing(db, done.briefingId);
}

/**
 * Makes a section follow a pillar from now on (its new annotations are offered from this moment),
 * or stop following (pillarId null: it keeps its pillar for the section picker, offers nothing).
 */
export function followPillar(actor: Actor, sectionId: string, pillarId: string | null): Briefing {
  const { db } = actor;
  const done = journaledChange(
    actor,
    'briefing.section.follow',
    ({ heading, following }) => (following ? { ja: `節「${heading}」で柱を追う`, en: `Follow a pillar in section "${heading}"` } : { ja: `節「${heading}」で柱を追うのをやめる`, en: `Stop following a pillar in section "${heading}"` }),
    (change: Change) => {
      const s = liveSectionRow(db, sectionId);
      const before = change.touch(BRIEFING_SECTION, sectionId) as SectionSnapshot;
      if (pillarId !== null) {
        if (!db.prepare('SELECT 1 FROM pillars WHERE id = ? AND deleted_at IS NULL').get(pillarId)) throw notFound(PILLAR, pillarId);
        // Already following this pillar: keep the moment it started, so nothing offered is lost.
        const since = before.livePillarId === pillarId && before.liveSince ? before.liveSince : change.at;
        db.prepare('UPDATE briefing_sections SET live_pillar_id = ?, live_since = ? WHERE id = ?').run(pillarId, since, sectionId);
      } else {
        db.prepare('UPDATE briefing_sections SET live_since = NULL WHERE id = ?').run(sectionId);
      }
      touchBriefing(db, s.briefingId, change.at);
      return { briefingId: s.briefingId, heading: shortLabel(s.heading), following: pillarId !== null };
    },
  );
  return getBriefing(db, done.briefingId);
}
