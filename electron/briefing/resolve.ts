// Turns a stored briefing into the model every export prints: each item's stored quote, its
// citation (or the reason it has none) and the numbered sources list, in the briefing's language.
import type Database from 'better-sqlite3';
import type { Briefing, CitationSource, LastKnownPlace, ResolvedBriefing, ResolvedItem, ResolvedSection, SourceEntry } from '../../shared/briefing';
import { asShown, citationSourceOf, memoCitationOf, placesOf, type DocumentPlaces } from '../../shared/citation';
import { documentPlaces } from '../corpus/repo';
import { documentsById, readAnnotation, readMemo, statementsById, type AnnotationEvidence } from './evidence';

const NO_PLACES: DocumentPlaces = placesOf([]);

export function resolveBriefing(db: Database.Database, b: Briefing): ResolvedBriefing {
  const items = b.sections.flatMap((s) => s.items);
  const annotations = new Map<string, AnnotationEvidence | null>();
  for (const it of items) if (it.annotationId && !annotations.has(it.annotationId)) annotations.set(it.annotationId, readAnnotation(db, it.annotationId));
  const statementIds = items.map((it) => (it.annotationId ? annotations.get(it.annotationId)?.statementId : it.statementId)).filter((x): x is string => !!x);
  const statements = statementsById(db, statementIds);
  const { byId: docs } = documentsById(db);

  const sources = new Map<string, SourceEntry>();
  // Footnotes and table cells are cited by places only their whole document knows.
  const places = new Map<string, DocumentPlaces>();
  const placesFor = (documentId: string): DocumentPlaces => {
    let p = places.get(documentId);
    if (!p) places.set(documentId, (p = documentPlaces(db, documentId)));
    return p;
  };
  const cite = (statementId: string | undefined | null): CitationSource | null => {
    const s = statementId ? statements.get(statementId) : undefined;
    const d = s ? docs.get(s.documentId) : undefined;
    if (!s || !d) return null;
    return citationSourceOf(d, s, s.kind === 'footnote' || s.kind === 'table-cell' ? placesFor(d.id) : NO_PLACES);
  };
  const numberFor = (c: CitationSource): number => {
    let e = sources.get(c.documentId);
    if (!e) {
      e = { number: sources.size + 1, documentId: c.documentId, documentTitle: c.documentTitle, issuer: c.issuer, date: c.date, citedItems: 0 };
      sources.set(c.documentId, e);
    }
    e.citedItems += 1;
    return e.number;
  };

  /** An orphan's last place: the document it belongs to (by id, even if since removed) and its last statement number. */
  const lastKnown = (a: AnnotationEvidence): LastKnownPlace => {
    const d = docs.get(a.documentId);
    return { documentId: a.documentId, documentTitle: d?.title ?? null, issuer: d?.issuer ?? null, date: d?.date ?? null, locator: a.lastLocator };
  };

  let unresolved = 0;
  const sections = b.sections.map((sec) => ({
    id: sec.id,
    heading: sec.heading,
    body: sec.body,
    items: sec.items.map((it): ResolvedItem => {
      let r: Omit<ResolvedItem, 'sourceNumber'>;
      if (it.annotationId) {
        const a = annotations.get(it.annotationId) ?? null;
        const base = { id: it.id, kind: 'annotation' as const, refId: it.annotationId, comment: it.comment };
        if (!a) r = { ...base, status: 'missing', quote: it.quoteAtAdd, annotationComment: null, citation: null };
        else if (a.deleted) r = { ...base, status: 'deleted', quote: it.quoteAtAdd || a.quote, annotationComment: a.comment || null, citation: null };
        else if (a.orphaned) r = { ...base, status: 'orphaned', quote: a.quote, annotationComment: a.comment || null, citation: null, lastKnown: lastKnown(a) };
        else {
          const c = cite(a.statementId);
          r = { ...base, status: c ? 'ok' : 'missing', quote: a.quote, annotationComment: a.comment || null, citation: c };
        }
      } else if (it.memoId) {
        // A memo prints as it reads now (the analyst's analysis moves on, and the briefing is
        // theirs to keep current); its citation carries the date of that text. Deleted or gone:
        // as a deleted annotation, the text stored when the item was added, with no citation.
        const m = readMemo(db, it.memoId);
        const base = { id: it.id, kind: 'memo' as const, refId: it.memoId, comment: it.comment, annotationComment: null, citation: null };
        if (!m) r = { ...base, status: 'missing', quote: it.quoteAtAdd, memo: null };
        else if (m.deleted) r = { ...base, status: 'deleted', quote: it.quoteAtAdd || m.body, memo: null };
        else {
          const documentTitle = m.documentId ? (docs.get(m.documentId)?.title ?? null) : null;
          r = { ...base, status: 'ok', quote: m.body, memo: memoCitationOf({ id: m.id, title: m.title, updatedAt: m.updatedAt, documentTitle }) };
        }
      } else {
        const id = it.statementId as string;
        const s = statements.get(id);
        const c = cite(id);
        r = { id: it.id, kind: 'statement', refId: id, comment: it.comment, annotationComment: null, status: s && c ? 'ok' : 'missing', quote: s ? asShown(s.text) : it.quoteAtAdd, citation: c };
      }
      if (r.status !== 'ok') unresolved += 1;
      return { lastKnown: null, seeSection: null, memo: null, ...r, sourceNumber: r.citation ? numberFor(r.citation) : null };
    }),
  }));

  unresolved -= markCrossReferences(sections, sources);

  return {
    id: b.id || null,
    title: b.title,
    subtitle: b.subtitle,
    author: b.author,
    date: b.date,
    marking: b.marking,
    language: b.language,
    summary: b.summary,
    dateStyle: b.dateStyle,
    addressee: b.addressee,
    sender: b.sender,
    docNumber: b.docNumber,
    toc: b.toc,
    sections,
    sources: [...sources.values()],
    unresolved,
  };
}

/**
 * Evidence quoted in more than one section (an annotation under two pillars) is printed once, in
 * the first section that has it; later places say where (「→ 第2節参照」) and do not count again
 * in the sources list or the unresolved warning. Returns how many unresolved items were folded.
 */
function markCrossReferences(sections: ResolvedSection[], sources: Map<string, SourceEntry>): number {
  const firstSection = new Map<string, number>();
  let folded = 0;
  sections.forEach((sec, si) => {
    for (const it of sec.items) {
      const key = `${it.kind}:${it.refId}`;
      const first = firstSection.get(key);
      if (first === undefined) {
        firstSection.set(key, si + 1);
        continue;
      }
      // The same evidence twice in one section is the analyst's own choice; only other sections fold.
      if (first === si + 1) continue;
      it.seeSection = first;
      if (it.sourceNumber !== null && it.citation) {
        const e = sources.get(it.citation.documentId);
        if (e) e.citedItems -= 1;
        it.sourceNumber = null;
      }
      if (it.status !== 'ok') folded += 1;
    }
  });
  return folded;
}
