// The generated HTML inputs of the import, segmenting and golden-check benchmarks: the 20 MB page
// and the adversarial shapes, made here once, so the stage figures and the end-to-end import
// measure one page.
import type { BundledCorpus } from '../../electron/corpus/manifest';
import { mulberry32 } from './prng';

export const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * One large HTML page of `<p>` paragraphs, each a random corpus line (seed 7), just over
 * `targetBytes` of UTF-8: the "any HTML of ≤ 20 MB" page of issue 12.
 */
export function bigProseHtml(corpus: BundledCorpus, targetBytes: number): string {
  const random = mulberry32(7);
  const lines = corpus.documents.flatMap((d) => d.raw.split('\n').filter((l) => l.trim().length > 10));
  const head = '<!DOCTYPE html><html><head><title>大きな文書</title></head><body>';
  const parts: string[] = [head];
  let size = Buffer.byteLength(head);
  while (size < targetBytes) {
    const p = `<p>${escapeHtml(lines[Math.floor(random() * lines.length)])}</p>\n`;
    parts.push(p);
    size += Buffer.byteLength(p);
  }
  return parts.join('');
}

/** The adversarial HTML shapes of the same size: deep nesting, unclosed tags, cell soup. */
export function adversarialHtml(targetBytes: number): [string, string][] {
  return [
    ['html nested <div><span>', '<div><span>'.repeat(Math.floor(targetBytes / 11))],
    ['html unclosed "<div "', '<div '.repeat(Math.floor(targetBytes / 5))],
    ['html <td> soup', '<table><tr><td>表'.repeat(Math.floor(targetBytes / 19))],
  ];
}
