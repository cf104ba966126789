// electron/import/extracted.ts
// What every format extractor hands to the import pipeline: the raw text the segmenter reads
// (pages separated by '\f'), the encoding it was decoded from, page facts and stated metadata.
export type SourceFormat = 'text' | 'markdown' | 'html' | 'docx' | 'pdf';

export interface ExtractedPages {
  count: number;
  /** The PDF's /PageLabels per page (index 0 = page 1), null where it has none. */
  labels: (string | null)[];
  /** Running headers/footers (and page numbers) detected per page: page metadata, never statements. */
  runningMatter: { page: number; header: string[]; footer: string[] }[];
}

export interface ExtractedSource {
  format: SourceFormat;
  /** Raw text for the segmenter; for a paged source (PDF), pages are separated by '\f'. */
  text: string;
  /** The text encoding the bytes were decoded from (e.g. 'utf-8', 'shift_jis'); null for binary formats. */
  encoding: string | null;
  pages?: ExtractedPages;
  meta: { title?: string; date?: string /* ISO yyyy-mm-dd */; issuer?: string };
}
