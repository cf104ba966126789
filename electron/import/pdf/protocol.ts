// Messages between extractPdf and its worker thread (structured-clone plain data only).
import type { ExtractedPages } from '../extracted';
import type { HeadingCues } from './layout';

export interface PdfWorkerInput {
  bytes: Uint8Array;
  password?: string;
  /** Folders (ending in a separator) holding pdfjs's packed CMaps and standard fonts. */
  cMapDir: string;
  standardFontDir: string;
  maxPages: number;
  /** Which cues make a heading; the evaluation (npm run eval:pdf-headings) compares them. Default: size and weight. */
  headingCues?: HeadingCues;
}

export type PdfFailure = 'encrypted' | 'wrong-password' | 'corrupt' | 'page' | 'too-many-pages';

export type PdfWorkerMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'failed'; reason: PdfFailure; detail: string; page?: number }
  | { type: 'done'; text: string; characters: number; pages: ExtractedPages; title: string | null };
