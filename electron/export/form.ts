// The ministry form every export prints the same way: 文書番号 and the note's date (西暦 or 和暦)
// at the top right, 宛先 on the left, 発信 on the right, the table of contents when asked for on
// a note long enough to need one, and the line that stands for evidence quoted in full earlier.
import { TOC_MIN_SECTIONS, type ResolvedBriefing, type ResolvedItem } from '../../shared/briefing';
import { formatNoteDate, labelsFor, printable } from '../../shared/citation';
import { shortLabel } from '../../shared/text/label';

export interface NoteForm {
  /** 文書番号, or null for none. */
  docNumber: string | null;
  /** The note's date as the briefing chose to print it. */
  date: string;
  /** 宛先 with its honorific (殿), or null for no block. */
  addressee: string | null;
  /** 発信 lines, empty for no block. */
  sender: string[];
  /** "1. heading" per section when a table of contents is printed, else null. */
  contents: string[] | null;
}

export function noteForm(doc: ResolvedBriefing): NoteForm {
  const L = labelsFor(doc.language);
  const addressee = printable(doc.addressee).trim();
  return {
    docNumber: printable(doc.docNumber).trim() || null,
    date: formatNoteDate(doc.date, doc.language, doc.dateStyle),
    addressee: addressee ? `${addressee}${L.addresseeSuffix}` : null,
    sender: doc.sender
      .split('\n')
      .map((l) => printable(l).trim())
      .filter(Boolean),
    contents: hasContents(doc) ? doc.sections.map((s, i) => sectionHeading(i, s.heading)) : null,
  };
}

/** A table of contents only where it was asked for and the note has more than three sections. */
export function hasContents(doc: Pick<ResolvedBriefing, 'toc' | 'sections'>): boolean {
  return doc.toc && doc.sections.length >= TOC_MIN_SECTIONS;
}

/** "2. heading": how a section is numbered in its heading, the contents and cross-references. */
export function sectionHeading(index: number, heading: string): string {
  return `${index + 1}. ${heading}`;
}

/** The line printed in place of evidence already quoted in an earlier section, or null. */
export function crossReference(it: ResolvedItem, lang: ResolvedBriefing['language']): string | null {
  if (!it.seeSection) return null;
  const quote = shortLabel(it.quote);
  return lang === 'ja' ? `「${quote}」${labelsFor(lang).seeSection(it.seeSection)}` : `"${quote}" ${labelsFor(lang).seeSection(it.seeSection)}`;
}
