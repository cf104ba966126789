// What a citation is made from, taken from a statement and its document in one place, so the
// reader's 「引用をコピー」 and every export cite the same locators (statement number, page).
import type { CitationSource } from '../briefing';
import type { DocumentSummary, Statement } from '../model';

export function citationSource(d: Pick<DocumentSummary, 'id' | 'title' | 'issuer' | 'date'>, s: Statement): CitationSource {
  const c: CitationSource = {
    documentId: d.id,
    documentTitle: d.title,
    issuer: d.issuer,
    date: d.date,
    statementId: s.id,
    locator: s.ordinal + 1,
    speaker: s.speaker,
    headingPath: s.headingPath,
  };
  if (s.page !== undefined) c.page = s.page;
  if (s.pageLabel !== undefined) c.pageLabel = s.pageLabel;
  return c;
}

/** The printed page a director turns to: the PDF's own label where it has one (iv, A-3), else the number. */
export function pageLocator(c: Pick<CitationSource, 'page' | 'pageLabel'>): string | null {
  if (c.pageLabel) return `p. ${c.pageLabel}`;
  return c.page !== undefined && c.page !== null ? `p. ${c.page}` : null;
}
