// Shared checks for the segmenter tests: loads the bundled corpus and asserts the invariants every
// segmented document must satisfy (exact offsets, ordinals, unique ids, no markup, heading links).
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { DocumentMeta, SegmentedDocument, Statement } from '../../shared/model';
import { segmentDocument } from '../../electron/corpus/segment';
import { hasMarkup, stripMarkup } from '../../electron/corpus/segment/html-fragments';
import { isSeparatorLine } from '../../electron/corpus/segment/lines';

export const CORPUS_DIR = path.resolve(__dirname, '..', '..', 'resources', 'corpus');

interface ManifestFile {
  documents: (DocumentMeta & { dateNote?: string | null })[];
}

export function manifest(): ManifestFile {
  return JSON.parse(fs.readFileSync(path.join(CORPUS_DIR, 'manifest.json'), 'utf8')) as ManifestFile;
}

export function loadDocument(id: string): { meta: DocumentMeta; raw: string; seg: SegmentedDocument } {
  const meta = manifest().documents.find((d) => d.id === id);
  if (!meta) throw new Error(`no manifest entry ${id}`);
  const raw = fs.readFileSync(path.join(CORPUS_DIR, meta.source), 'utf8');
  return { meta, raw, seg: segmentDocument(raw, meta) };
}

export const TEST_META: DocumentMeta = { id: 'fuzz-doc', title: 'fuzz', date: null, issuer: null, kind: 'other', language: 'ja', source: 'fuzz.txt' };

/** Collects invariant violations instead of throwing, so fuzz failures print every problem at once. */
export function invariantProblems(seg: SegmentedDocument, meta: DocumentMeta): string[] {
  const problems: string[] = [];
  const byId = new Map<string, Statement>();
  let prevEnd = 0;
  const footnoteIds = new Map(seg.statements.map((s) => [s.id, s.kind]));
  const idFormat = new RegExp(`^${meta.id}:[a-z2-7]{12}$`);
  if (hasMarkup(seg.text)) problems.push('markup in document text');
  seg.statements.forEach((s, i) => {
    const where = `#${i} ${JSON.stringify(s.text.slice(0, 30))}`;
    if (s.ordinal !== i) problems.push(`${where}: ordinal ${s.ordinal}`);
    if (s.documentId !== meta.id) problems.push(`${where}: documentId`);
    if (!idFormat.test(s.id)) problems.push(`${where}: id format ${s.id}`);
    if (byId.has(s.id)) problems.push(`${where}: duplicate id`);
    byId.set(s.id, s);
    if (seg.text.slice(s.start, s.end) !== s.text) problems.push(`${where}: slice mismatch`);
    if (s.start < prevEnd) problems.push(`${where}: offsets not increasing`);
    prevEnd = s.end;
    if (!s.text || s.text !== s.text.trim()) problems.push(`${where}: empty or untrimmed`);
    if (hasMarkup(s.text)) problems.push(`${where}: markup`);
    if ((s.kind === 'heading') !== (s.level !== null)) problems.push(`${where}: level`);
    if ((s.kind === 'table-cell') !== (s.table !== null)) problems.push(`${where}: table`);
    if (s.parentId !== null) {
      const parent = byId.get(s.parentId);
      if (!parent || parent.kind !== 'heading') problems.push(`${where}: parent not an earlier heading`);
      else if (s.headingPath.length !== parent.headingPath.length + 1 || s.headingPath[s.headingPath.length - 1] !== parent.text) problems.push(`${where}: headingPath`);
      else if (s.kind === 'heading' && s.level !== parent.level! + 1) problems.push(`${where}: heading level`);
    } else if (s.headingPath.length !== 0) problems.push(`${where}: headingPath without parent`);
    for (const f of s.footnotes) {
      if (!/^[⁰¹²³⁴⁵⁶⁷⁸⁹]+$/.test(s.text.slice(f.start, f.end))) problems.push(`${where}: footnote ref offsets`);
      if (f.footnoteId !== null && footnoteIds.get(f.footnoteId) !== 'footnote') problems.push(`${where}: footnote link`);
    }
  });
  return problems;
}

export function expectValid(seg: SegmentedDocument, meta: DocumentMeta): void {
  expect(invariantProblems(seg, meta)).toEqual([]);
}

/** Visible characters of the source once markup, rules, markdown dashes and whitespace are gone. */
export function sourceCharacters(raw: string): Map<string, number> {
  const lines = raw.replace(/^\uFEFF/, '').split(/\r?\n/);
  let text = '';
  for (const line of lines) {
    if (isSeparatorLine(line)) continue;
    text += stripMarkup(line.replace(/^[\s\u3000]*[-*+][ \t\u3000]+/, '').replace(/^#{1,6}[ \t]+/, '').replace(/\*\*/g, ''));
  }
  return countChars(text);
}

export function countChars(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const ch of text.replace(/[\s\u3000\u00a0｜]/g, '')) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  return counts;
}

/** Characters whose counts differ between the source and the segmented text (empty = nothing lost). */
export function characterDiff(raw: string, seg: SegmentedDocument): string[] {
  const a = sourceCharacters(raw);
  const b = countChars(seg.text);
  const diff: string[] = [];
  for (const ch of new Set([...a.keys(), ...b.keys()])) {
    if ((a.get(ch) ?? 0) !== (b.get(ch) ?? 0)) diff.push(`${ch}: source ${a.get(ch) ?? 0}, text ${b.get(ch) ?? 0}`);
  }
  return diff;
}

export function find(seg: SegmentedDocument, pred: (s: Statement) => boolean): Statement {
  const s = seg.statements.find(pred);
  if (!s) throw new Error('statement not found');
  return s;
}

export function byText(seg: SegmentedDocument, fragment: string): Statement {
  return find(seg, (s) => s.text.includes(fragment));
}
