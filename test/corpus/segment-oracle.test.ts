// The segmenter's exact output, pinned: every statement (id, text, offsets, kind, headings,
// speaker, table cell, footnotes, page) and the reader text of the bundled corpus and of a
// generated import set (text, HTML, a paged source, a 2 MB page), as hashes recorded from the
// output before the import speed work (test/fixtures/corpus/segment-oracle.json). Speed changes
// must keep every hash; a deliberate segmenter change bumps SEGMENTER_VERSION and re-records them
// with `WORKBENCH_RECORD_ORACLE=1 npx vitest run test/corpus/segment-oracle.test.ts`.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBundledCorpus } from '../../electron/corpus/manifest';
import { segmentDocument } from '../../electron/corpus/segment';
import { SEGMENTER_VERSION } from '../../electron/corpus/segment/version';
import { htmlToText } from '../../electron/import/html';
import type { DocumentMeta } from '../../shared/model';
import { RESOURCES_DIR } from '../helpers/db';
import { mulberry32 } from '../bench/prng';

const ORACLE = path.join(__dirname, '..', 'fixtures', 'corpus', 'segment-oracle.json');

interface Oracle {
  segmenterVersion: number;
  documents: Record<string, { statements: number; sha256: string }>;
}


const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function meta(id: string): DocumentMeta {
  return { id, title: id, date: null, issuer: null, kind: 'other', language: 'ja', source: `${id}.txt` };
}

/** The inputs: the bundled corpus as shipped, and import-shaped documents made from its sentences. */
function inputs(): { id: string; meta: DocumentMeta; raw: string }[] {
  const corpus = loadBundledCorpus(RESOURCES_DIR);
  const out = corpus.documents.map((d) => ({ id: d.meta.id, meta: d.meta, raw: d.raw }));
  const lines = corpus.documents.flatMap((d) => d.raw.split(/\n+/).map((l) => l.trim()).filter((l) => l.length >= 12));
  const random = mulberry32(20261202);
  const pick = () => lines[Math.floor(random() * lines.length)];
  for (let i = 0; i < 12; i++) {
    const paragraphs = Array.from({ length: 30 + Math.floor(random() * 120) }, pick);
    const text = `取込文書 ${i}\n\n令和6年3月29日\n\n${paragraphs.map((p, j) => (j % 12 === 0 ? `${j / 12 + 1} ${p.slice(0, 20)}` : p)).join(i % 2 ? '\n' : '\n\n')}\n`;
    out.push({ id: `gen-text-${i}`, meta: meta(`gen-text-${i}`), raw: text });
    const body = paragraphs.map((p, j) => (j % 15 === 0 ? `<h2>${esc(p.slice(0, 20))}</h2>` : j % 7 === 0 ? `<ul><li>${esc(p)}</li></ul>` : `<p>${esc(p)}</p>`)).join('\n');
    out.push({ id: `gen-html-${i}`, meta: meta(`gen-html-${i}`), raw: htmlToText(`<html><head><title>取込 ${i}</title></head><body>${body}</body></html>`).text });
  }
  // A paged source as the PDF extractor hands it over: '\f' between pages, a running header.
  const pages = Array.from({ length: 40 }, (_, p) => `経済安全保障政策資料\n${Array.from({ length: 8 }, pick).join('\n')}\n- ${p + 1} -`);
  out.push({ id: 'gen-paged', meta: meta('gen-paged'), raw: pages.join('\f') });
  const big: string[] = [];
  for (let size = 0; size < 2 * 1024 * 1024; ) {
    const p = `<p>${esc(pick())}</p>\n`;
    big.push(p);
    size += p.length * 3;
  }
  out.push({ id: 'gen-big-html', meta: meta('gen-big-html'), raw: htmlToText(`<html><body>${big.join('')}</body></html>`).text });
  return out;
}

function fingerprint(m: DocumentMeta, raw: string): { statements: number; sha256: string } {
  const seg = segmentDocument(raw, m);
  const hash = crypto.createHash('sha256');
  hash.update(seg.text);
  for (const s of seg.statements) hash.update(`\u0000${JSON.stringify(s)}`);
  return { statements: seg.statements.length, sha256: hash.digest('hex') };
}

describe('segmenter output oracle', () => {
  it('gives every statement, id and offset exactly as recorded, for the corpus and the import set', () => {
    const docs = inputs();
    const now: Oracle = { segmenterVersion: SEGMENTER_VERSION, documents: Object.fromEntries(docs.map((d) => [d.id, fingerprint(d.meta, d.raw)])) };
    if (process.env.WORKBENCH_RECORD_ORACLE === '1') {
      fs.mkdirSync(path.dirname(ORACLE), { recursive: true });
      fs.writeFileSync(ORACLE, `${JSON.stringify(now, null, 2)}\n`);
    }
    const recorded = JSON.parse(fs.readFileSync(ORACLE, 'utf8')) as Oracle;
    expect(now.segmenterVersion, 'the segmenter version changed: re-record the oracle (see the top of this file)').toBe(recorded.segmenterVersion);
    expect(Object.keys(now.documents)).toEqual(Object.keys(recorded.documents));
    expect(Object.values(now.documents).reduce((n, d) => n + d.statements, 0)).toBeGreaterThan(5_000);
    for (const [id, want] of Object.entries(recorded.documents)) expect(now.documents[id], id).toEqual(want);
  });
});
