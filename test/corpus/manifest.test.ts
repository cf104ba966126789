// The bundled corpus manifest: real titles and dates read from the documents, stable ids, and
// every entry valid for the loader.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_KINDS } from '../../shared/model';
import { loadBundledCorpus } from '../../electron/corpus/manifest';
import { eraDateToIso } from '../../electron/corpus/segment/era-date';
import { CORPUS_DIR, manifest } from './segment-helpers';

const docs = manifest().documents;
const text = (source: string): string => fs.readFileSync(path.join(CORPUS_DIR, source), 'utf8');
const squash = (s: string): string => s.normalize('NFKC').replace(/[\s\u3000]+/g, '');

describe('bundled corpus manifest', () => {
  it('lists the five bundled files once each, with stable lowercase-kebab ids', () => {
    expect(docs).toHaveLength(5);
    expect(new Set(docs.map((d) => d.id)).size).toBe(5);
    expect(docs.map((d) => d.source).sort()).toEqual(fs.readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.txt')).sort());
    for (const d of docs) {
      expect(d.id).toMatch(/^[a-z0-9][a-z0-9-]*$/);
      expect(DOCUMENT_KINDS).toContain(d.kind);
      expect(d.language).toBe('ja');
    }
  });

  it('uses titles printed in the documents themselves, never the file name', () => {
    for (const d of docs) {
      expect(d.title).not.toContain(d.source.replace(/\.txt$/, ''));
      expect(squash(text(d.source))).toContain(squash(d.title));
    }
    expect(docs.find((d) => d.source.startsWith('000'))!.title).toBe('第1回経済安全保障推進会議 議事要旨');
  });

  it('takes dates from the text: the meeting date, or the latest date it establishes (with a note)', () => {
    const byId = new Map(docs.map((d) => [d.id, d]));
    const minutes = byId.get('espc-2021-11-19-minutes')!;
    expect(minutes.date).toBe(eraDateToIso(text(minutes.source)));
    expect(minutes.date).toBe('2021-11-19');
    const dialogue = byId.get('keidanren-atla-dialogue')!;
    expect(dialogue.date).toBe('2019-12-17');
    expect(text(dialogue.source)).toContain('１２月１７日に防衛大臣と経団連');
    expect(eraDateToIso('令和元年１２月１７日')).toBe(dialogue.date);
    expect(byId.get('sti-plan-resilient-society-progress')!.date).toBe('2023-03-16');
    expect(text('003_8ed498968df0d802.txt')).toContain('2023年3月16日');
    expect(byId.get('economic-security-commentary')!.date).toBe('2022-06-18');
    expect(text('004_a3269449e30e5e64.txt')).toContain('(2022.6.18)');
    expect(byId.get('subcommittee-2-diplomacy-security-proposal')!.date).toBeNull();
    for (const d of docs) {
      if (d.date !== null) expect(d.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      // Only a date printed as the document's own date needs no explanation.
      if (d.id !== 'espc-2021-11-19-minutes') expect(d.dateNote).toBeTruthy();
    }
  });

  it('is accepted by the corpus loader', () => {
    const corpus = loadBundledCorpus(path.dirname(CORPUS_DIR));
    expect(corpus.documents.map((d) => d.meta.id)).toEqual(docs.map((d) => d.id));
  });
});
