// PROVISIONAL paragraph splitter so the store and CLI can be built; the real segmenter
// (owned by the corpus segmentation work) replaces this whole file.
import crypto from 'node:crypto';
import type { DocumentMeta, SegmentedDocument, Statement } from '../../../shared/model';

export function segmentDocument(raw: string, meta: DocumentMeta): SegmentedDocument {
  const paras = raw.replace(/\r\n?/g, '\n').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  let text = '';
  const seen = new Map<string, number>();
  const statements: Statement[] = paras.map((p, ordinal) => {
    if (text) text += '\n';
    const start = text.length;
    text += p;
    const n = seen.get(p) ?? 0;
    seen.set(p, n + 1);
    const id = `${meta.id}:${crypto.createHash('sha256').update(`${p.normalize('NFKC')}\u0000${n}`).digest('hex').slice(0, 12)}`;
    return { id, documentId: meta.id, ordinal, kind: 'paragraph', level: null, text: p, start, end: text.length, headingPath: [], parentId: null, speaker: null, marker: null, table: null, footnotes: [] };
  });
  return { text, statements };
}
