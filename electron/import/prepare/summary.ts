// An extraction reduced to what the write reads (see ExtractedSummary): made where the text was
// segmented, the prepare worker or, for a small file, the API thread itself.
import { idNeedsText, textSha256 } from '../document-id';
import type { Extracted } from '../extract';
import { OPENING_CHARS } from '../metadata';
import type { ExtractedSummary } from './protocol';

export function summarize(extracted: Extracted, fileName: string): ExtractedSummary {
  const { text, ...rest } = extracted;
  return { ...rest, opening: text.slice(0, OPENING_CHARS), textSha256: idNeedsText(fileName) ? textSha256(text) : null, blank: !text.trim() };
}
