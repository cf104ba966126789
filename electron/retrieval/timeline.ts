// The timeline of coding: coded statements over document dates, one lane per pillar, so an analyst
// sees when supply chain or patents entered the discourse. A document's date is the only date a
// statement has; undated documents are listed apart and never placed at a made-up date. A document
// dated only to the month or year sits in that month or year, never on a guessed day: at `day`
// granularity its bucket stays YYYY-MM (or YYYY).
import type Database from 'better-sqlite3';
import type { SegmentFilter, Timeline, TimelineBucket, TimelineLane, TimelineUndated } from '../../shared/retrieval';
import { pillarTaxonomy } from './coding';
import { matchingSegmentIds } from './segments';

/** The bucket a document date falls in, or null for a date that is not YYYY[-MM[-DD]]. */
export function bucketOf(date: string, bucket: TimelineBucket): string | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date);
  if (!m) return null;
  const [, y, mo, d] = m;
  if (bucket === 'year' || !mo) return y;
  if (bucket === 'month' || !d) return `${y}-${mo}`;
  return `${y}-${mo}-${d}`;
}

interface Coded {
  id: string;
  statementId: string;
  documentId: string;
  date: string | null;
  title: string;
}

const marks = (n: number) => new Array<string>(n).fill('?').join(', ');

export function codingTimeline(db: Database.Database, filter: SegmentFilter = {}, bucket: TimelineBucket = 'day'): Timeline {
  const ids = matchingSegmentIds(db, filter, 'document');
  const coded = new Map<string, Coded>();
  // In chunks: SQLite binds at most 32,766 parameters.
  for (let i = 0; i < ids.length; i += 10_000) {
    const chunk = ids.slice(i, i + 10_000);
    for (const [id, statementId, documentId, date, title] of db
      .prepare(`SELECT a.id, a.statement_id, a.document_id, d.date, d.title FROM annotations a JOIN documents d ON d.id = a.document_id WHERE a.id IN (${marks(chunk.length)})`)
      .raw()
      .all(...chunk) as [string, string, string, string | null, string][]) {
      coded.set(id, { id, statementId, documentId, date, title });
    }
  }
  const byAnnotation = new Map<string, string[]>();
  for (let i = 0; i < ids.length; i += 10_000) {
    const chunk = ids.slice(i, i + 10_000);
    for (const [a, p] of db
      .prepare(`SELECT ap.annotation_id, ap.pillar_id FROM annotation_pillars ap JOIN pillars p ON p.id = ap.pillar_id WHERE p.deleted_at IS NULL AND ap.annotation_id IN (${marks(chunk.length)})`)
      .raw()
      .all(...chunk) as [string, string][]) {
      byAnnotation.set(a, [...(byAnnotation.get(a) ?? []), p]);
    }
  }

  interface Acc {
    statements: Set<string>;
    annotationIds: string[];
    documentIds: Set<string>;
  }
  const lanes = new Map<string, Map<string, Acc>>();
  const undated = new Map<string, Acc & { documentId: string; title: string; pillarId: string }>();
  const acc = (): Acc => ({ statements: new Set(), annotationIds: [], documentIds: new Set() });
  for (const id of ids) {
    const a = coded.get(id);
    if (!a) continue;
    const at = a.date === null ? null : bucketOf(a.date, bucket);
    for (const pillarId of byAnnotation.get(id) ?? []) {
      let entry: Acc;
      if (at === null) {
        // Undated, or a date the timeline cannot read: listed apart, with its document.
        const key = `${a.documentId}\u0000${pillarId}`;
        let u = undated.get(key);
        if (!u) undated.set(key, (u = { ...acc(), documentId: a.documentId, title: a.title, pillarId }));
        entry = u;
      } else {
        let lane = lanes.get(pillarId);
        if (!lane) lanes.set(pillarId, (lane = new Map()));
        entry = lane.get(at) ?? acc();
        lane.set(at, entry);
      }
      entry.statements.add(a.statementId);
      entry.annotationIds.push(id);
      entry.documentIds.add(a.documentId);
    }
  }

  const pillars = pillarTaxonomy(db);
  const out: TimelineLane[] = pillars.map((p) => ({
    pillarId: p.id,
    label: p.label,
    color: p.color,
    points: [...(lanes.get(p.id) ?? new Map<string, Acc>())]
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
      .map(([date, e]) => ({ date, statements: e.statements.size, annotations: e.annotationIds.length, annotationIds: e.annotationIds, documentIds: [...e.documentIds] })),
  }));
  const dates = out.flatMap((l) => l.points.map((p) => p.date)).sort();
  const pillarRank = new Map(pillars.map((p, i) => [p.id, i]));
  const undatedList: TimelineUndated[] = [...undated.values()]
    .sort((x, y) => (x.title < y.title ? -1 : x.title > y.title ? 1 : 0) || (x.documentId < y.documentId ? -1 : x.documentId > y.documentId ? 1 : 0) || (pillarRank.get(x.pillarId) ?? 0) - (pillarRank.get(y.pillarId) ?? 0))
    .map((u) => ({ documentId: u.documentId, title: u.title, pillarId: u.pillarId, statements: u.statements.size, annotations: u.annotationIds.length, annotationIds: u.annotationIds }));
  return { bucket, lanes: out, undated: undatedList, range: dates.length ? { from: dates[0], to: dates[dates.length - 1] } : null };
}
