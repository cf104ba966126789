// Annotations on the real bundled corpus for briefing tests: for each pillar, the first statements
// containing one of its key terms, quoted from that term to the end of its sentence (data-derived,
// so a new segmenter changes the ids but not the test's logic).
import type Database from 'better-sqlite3';
import { createAnnotation } from '../../electron/annotate/annotations';
import { listDocuments, listStatements } from '../../electron/corpus/repo';
import type { Annotation } from '../../shared/annotations';
import type { Statement } from '../../shared/model';

export const PILLAR_TERMS: Record<string, string[]> = {
  'supply-chain': ['サプライチェーン'],
  infrastructure: ['基幹インフラ', 'インフラ'],
  'tech-protection': ['技術流出', '重要技術', '先端技術'],
  patents: ['特許'],
};

export function allStatements(db: Database.Database): Statement[] {
  return listDocuments(db).flatMap((d) => listStatements(db, d.id));
}

/** From the term to the end of its sentence (。) or 60 characters, whichever comes first. */
export function quoteAround(text: string, term: string): string {
  const at = text.indexOf(term);
  const end = text.indexOf('。', at);
  return text.slice(at, Math.min(end === -1 ? text.length : end + 1, at + 60));
}

export interface Fixture {
  byPillar: Record<string, Annotation[]>;
  all: Annotation[];
}

export function annotatePillars(db: Database.Database, perPillar = 2): Fixture {
  const statements = allStatements(db).filter((s) => s.kind !== 'heading');
  const used = new Set<string>();
  const byPillar: Record<string, Annotation[]> = {};
  for (const [pillar, terms] of Object.entries(PILLAR_TERMS)) {
    byPillar[pillar] = [];
    for (const s of statements) {
      if (byPillar[pillar].length >= perPillar) break;
      const term = terms.find((t) => s.text.includes(t));
      if (!term || used.has(s.id)) continue;
      used.add(s.id);
      byPillar[pillar].push(createAnnotation({ db, author: 'test-analyst' }, { statementId: s.id, quote: quoteAround(s.text, term), pillarIds: [pillar], comment: `${pillar} の根拠` }));
    }
  }
  for (const [pillar, list] of Object.entries(byPillar)) {
    if (list.length < perPillar) throw new Error(`the corpus has only ${list.length} statements for ${pillar} (terms ${PILLAR_TERMS[pillar].join(', ')})`);
  }
  return { byPillar, all: Object.values(byPillar).flat() };
}
