// W3C Web Annotation export and import: the collection's shape as the model requires, positions
// in code points on text with 𠮷, 𩸽, 🇯🇵 and CRLF, a round trip into another workspace, and bad
// files (unknown types, positions outside or reversed) refused with their JSON path, nothing written.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api/client';
import type { Annotation } from '../../shared/annotations';
import { AppError } from '../../shared/errors';
import type { AppContext } from '../../electron/app/context';
import { mapWebAnnotations } from '../../electron/exchange/webanno';
import { desktopApiFor, type DesktopApi } from '../helpers/api';
import { runCli } from '../helpers/cli';
import { closeContext, corpusContext, tempDir } from '../helpers/db';
import { apiError, findStatement, withCorpusApi } from '../helpers/annotate';
import { importAstralSource, rowCounts, seeded, statementWith } from './helpers';

let ctx: AppContext;
let api: ApiClient;
let desk: DesktopApi;
let dir: string;
withCorpusApi((env) => {
  ctx = env.ctx;
  desk = desktopApiFor(ctx);
  api = desk.api;
  dir = tempDir('wb-webanno-');
});

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function exportWebAnno(scope: { documentId?: string; pillarId?: string; briefingId?: string } = {}): Promise<{ file: string; doc: Json }> {
  const file = path.join(dir, `a-${crypto.randomUUID()}.jsonld`);
  const r = await api.call('interchange.export', { target: desk.saveTo(file), format: 'webanno', ...scope });
  expect(r.format).toBe('webanno');
  return { file, doc: JSON.parse(fs.readFileSync(file, 'utf8')) as Json };
}

function codePoints(s: string): string[] {
  return [...s];
}

function comparable(a: Annotation) {
  return { id: a.id, documentId: a.documentId, statementId: a.statementId, target: a.target, comment: a.comment, tags: a.tags, pillarIds: a.pillarIds, importance: a.importance, author: a.author, orphaned: a.orphaned };
}

describe('Web Annotation export', () => {
  it('writes an AnnotationCollection whose bodies and selectors follow the model', async () => {
    const s = findStatement(ctx, '半導体');
    const { annotation } = await api.call('annotations.create', { statementId: s.id, quote: '半導体', comment: '注目', tags: ['chips', '供給'], pillarIds: ['supply-chain'], importance: 2 });
    const { doc } = await exportWebAnno();
    expect(doc['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(doc.type).toBe('AnnotationCollection');
    expect(doc.total).toBe(1);
    expect(doc.first.type).toBe('AnnotationPage');
    const [item] = doc.first.items as Json[];
    expect(item.type).toBe('Annotation');
    expect(item.id).toBe(`urn:x-keizai-anpo-workbench:annotation:${annotation.id}`);
    expect(item.body).toEqual([
      { type: 'TextualBody', purpose: 'commenting', value: '注目', format: 'text/plain' },
      { type: 'TextualBody', purpose: 'tagging', value: 'chips' },
      { type: 'TextualBody', purpose: 'tagging', value: '供給' },
      { type: 'SpecificResource', purpose: 'classifying', source: { id: 'urn:x-keizai-anpo-workbench:pillar:supply-chain', label: expect.any(String) } },
      { type: 'TextualBody', purpose: 'assessing', value: 'importance 2' },
    ]);
    const docRow = ctx.db.prepare('SELECT title, text FROM documents WHERE id = ?').get(s.documentId) as { title: string; text: string };
    expect(item.target.source.id).toBe(`urn:sha256:${crypto.createHash('sha256').update(docRow.text).digest('hex')}`);
    expect(item.target.source.title).toBe(docRow.title);
    const [quote, position] = item.target.selector as Json[];
    expect(quote).toMatchObject({ type: 'TextQuoteSelector', exact: '半導体' });
    expect(docRow.text.endsWith(quote.suffix) || docRow.text.includes(`${quote.prefix}半導体${quote.suffix}`)).toBe(true);
    expect(position.type).toBe('TextPositionSelector');
    expect(codePoints(docRow.text).slice(position.start, position.end).join('')).toBe('半導体');
  });

  it('limits the collection to one pillar, one document or one briefing', async () => {
    const a = findStatement(ctx, '半導体');
    const b = findStatement(ctx, (t, d) => t.includes('特許') && d !== a.documentId);
    const one = (await api.call('annotations.create', { statementId: a.id, pillarIds: ['supply-chain'] })).annotation;
    const two = (await api.call('annotations.create', { statementId: b.id, pillarIds: ['patents'] })).annotation;
    const ids = (doc: Json) => (doc.first.items as Json[]).map((i) => String(i.id).split(':').pop());
    expect(ids((await exportWebAnno({ pillarId: 'patents' })).doc)).toEqual([two.id]);
    expect(ids((await exportWebAnno({ documentId: a.documentId })).doc)).toEqual([one.id]);
    const { briefing } = await api.call('briefings.create', { title: '二件目だけ', template: { from: 'selection', annotationIds: [two.id] } });
    expect(ids((await exportWebAnno({ briefingId: briefing.id })).doc)).toEqual([two.id]);
  });
});

describe('positions outside the Basic Multilingual Plane and CRLF', () => {
  it('counts code points in the stored text and reads them back to the same span', async () => {
    const documentId = await importAstralSource(api);
    const text = (ctx.db.prepare('SELECT text FROM documents WHERE id = ?').get(documentId) as { text: string }).text;
    const s = statementWith(ctx, documentId, '🇯🇵の旗');
    const flag = await api.call('annotations.create', { statementId: s.id, quote: '🇯🇵の旗', comment: '旗' });
    const fish = await api.call('annotations.create', { statementId: statementWith(ctx, documentId, '𩸽を食べた').id, quote: '𩸽を食べた' });
    const yoshi = await api.call('annotations.create', { statementId: statementWith(ctx, documentId, '𠮷報').id, quote: '𠮷報' });
    const { doc, file } = await exportWebAnno({ documentId });
    const byId = new Map((doc.first.items as Json[]).map((i) => [String(i.id).split(':').pop(), i]));
    for (const a of [flag.annotation, fish.annotation, yoshi.annotation]) {
      const [, pos] = byId.get(a.id)!.target.selector as Json[];
      // Code points, not UTF-16 units: the same slice of the text by either count.
      expect(codePoints(text).slice(pos.start, pos.end).join('')).toBe(a.target.quote.exact);
      expect(pos.start).toBe(codePoints(text.slice(0, a.target.docStart)).length);
      expect(pos.start).not.toBe(a.target.docStart); // 𠮷 and 𩸽 before it: the units differ from code points
    }
    // Into a workspace that imported the same source: the same spans, byte for byte.
    const other = corpusContext();
    try {
      const od = desktopApiFor(other);
      await importAstralSource(od.api);
      const r = await od.api.call('interchange.import', { source: od.openFrom(file) });
      expect(r).toMatchObject({ format: 'webanno', added: 3, updated: 0, unchanged: 0, conflicts: 0, skipped: [] });
      for (const a of [flag.annotation, fish.annotation, yoshi.annotation]) {
        const back = (await od.api.call('annotations.get', { id: a.id })).annotation;
        expect(back.target.docStart).toBe(a.target.docStart);
        expect(back.target.docEnd).toBe(a.target.docEnd);
        expect(back.target.quote.exact).toBe(a.target.quote.exact);
        expect(back.orphaned).toBe(false);
      }
    } finally {
      closeContext(other);
    }
  });
});

describe('Web Annotation round trip', () => {
  it('export, import into an empty workspace, compare; a second import changes nothing', async () => {
    const s = findStatement(ctx, '半導体');
    const t = findStatement(ctx, '特許');
    await api.call('annotations.create', { statementId: s.id, quote: '半導体', comment: '一行目\n二行目', tags: ['chips'], pillarIds: ['supply-chain', 'infrastructure'], importance: 3 });
    await api.call('annotations.create', { statementId: t.id, pillarIds: ['patents'] });
    const original = (await api.call('annotations.list', {})).annotations;
    const { file } = await exportWebAnno();
    const other = corpusContext();
    try {
      const od = desktopApiFor(other);
      const dry = await od.api.call('interchange.import', { source: od.openFrom(file), dryRun: true });
      expect(dry).toMatchObject({ format: 'webanno', dryRun: true, added: 2 });
      expect((await od.api.call('annotations.list', {})).annotations).toEqual([]);
      const r = await od.api.call('interchange.import', { source: od.openFrom(file) });
      expect(r).toMatchObject({ added: 2, updated: 0, unchanged: 0, conflicts: 0 });
      const back = (await od.api.call('annotations.list', {})).annotations;
      expect(back.map(comparable)).toEqual(original.map(comparable));
      expect((await od.api.call('interchange.import', { source: od.openFrom(file) })).unchanged).toBe(2);
      // One undo takes the import back.
      await od.api.call('history.undo', {});
      expect((await od.api.call('annotations.list', {})).annotations).toEqual([]);
    } finally {
      closeContext(other);
    }
  });

  it('the CLI exports webanno and imports it back with counts (and --dry-run writes nothing)', async () => {
    const s = findStatement(ctx, '半導体');
    await api.call('annotations.create', { statementId: s.id, quote: '半導体', tags: ['x'] });
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    const out = path.join(dir, 'cli.jsonld');
    const exp = await runCli(['annotations-export', '--out', out, '--format', 'webanno', '--db', ctx.dbPath, '--json']);
    expect(exp.code).toBe(0);
    expect(exp.json<{ annotations: number; format: string }>()).toMatchObject({ annotations: 1, format: 'webanno' });
    const other = corpusContext();
    const otherDb = other.dbPath;
    closeContext(other);
    const dry = await runCli(['annotations-import', out, '--dry-run', '--db', otherDb]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('webanno (dry run: nothing written): 1 added, 0 updated, 0 unchanged, 0 conflicts, 0 skipped');
    const imp = await runCli(['annotations-import', out, '--db', otherDb, '--json']);
    expect(imp.json<{ added: number }>().added).toBe(1);
    const bad = await runCli(['annotations-export', '--out', out, '--format', 'pdf', '--db', otherDb]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--format must be one of json, webanno, qdpx, qdc');
  });
});

describe('bad Web Annotation files', () => {
  async function validFile(): Promise<Json> {
    const s = findStatement(ctx, '半導体');
    await api.call('annotations.create', { statementId: s.id, quote: '半導体', comment: 'c', tags: ['t'] });
    const { doc } = await exportWebAnno();
    await api.call('history.undo', {});
    return doc;
  }

  async function refused(doc: unknown, expected: RegExp): Promise<void> {
    const file = path.join(dir, `bad-${crypto.randomUUID()}.jsonld`);
    fs.writeFileSync(file, JSON.stringify(doc));
    const before = rowCounts(ctx);
    const e = await apiError(api.call('interchange.import', { source: desk.openFrom(file) }));
    expect(e.data.code).toBe('bad-input');
    expect(e.message).toMatch(expected);
    expect(rowCounts(ctx)).toEqual(before);
  }

  it('refuses unknown types, naming the JSON path', async () => {
    const doc = await validFile();
    const a = structuredClone(doc);
    a.first.items[0].body[0].type = 'Choice';
    await refused(a, /\$\.first\.items\[0\]\.body\[0\]\.type: unknown type "Choice"/);
    const b = structuredClone(doc);
    b.first.items[0].target.selector.push({ type: 'XPathSelector', value: '/p[1]' });
    await refused(b, /\$\.first\.items\[0\]\.target\.selector\[2\]\.type: unknown type "XPathSelector"/);
    const c = structuredClone(doc);
    c.type = 'Collection';
    await refused(c, /: \$\.type: unknown type "Collection"/);
  });

  it('refuses positions that are reversed, negative or outside the text', async () => {
    const doc = await validFile();
    const sel = (d: Json) => d.first.items[0].target.selector[1] as Json;
    const reversed = structuredClone(doc);
    [sel(reversed).start, sel(reversed).end] = [sel(reversed).end, sel(reversed).start];
    await refused(reversed, /position is reversed or empty/);
    const negative = structuredClone(doc);
    sel(negative).start = -1;
    await refused(negative, /selector\[1\]\.start: not a whole number of at least 0/);
    const outside = structuredClone(doc);
    sel(outside).start = 10_000_000;
    sel(outside).end = 10_000_003;
    await refused(outside, /lies outside the text/);
  });

  it('refuses a lone surrogate in a body, and a file that is no annotation at all', async () => {
    const doc = await validFile();
    const a = structuredClone(doc);
    a.first.items[0].body[0].value = 'x\uD842';
    await refused(a, /body\[0\]\.value: not well-formed Unicode/);
    await refused({ hello: 'world' }, /format is not recognised/);
  });

  it('skips, with the reason, an annotation whose source is not in this workspace', async () => {
    const doc = await validFile();
    doc.first.items[0].target.source = { id: `urn:sha256:${'0'.repeat(64)}`, type: 'Text', title: 'どこにもない文書' };
    const file = path.join(dir, 'elsewhere.jsonld');
    fs.writeFileSync(file, JSON.stringify(doc));
    const r = await api.call('interchange.import', { source: desk.openFrom(file) });
    expect(r.added).toBe(0);
    expect(r.skipped).toHaveLength(1);
    expect(r.skipped[0].reason.en).toBe('its source どこにもない文書 is not in this workspace');
  });

  it('fuzz: 400 mutated files are either read or refused as bad input, never a crash', async () => {
    const doc = await validFile();
    const rand = seeded(16);
    const values: unknown[] = [null, -1, 1.5, 1e300, '', 'x', [], {}, true, 'urn:sha256:zz', { type: 'Nope' }, '\uDC00'];
    const paths = (node: unknown, at: (string | number)[] = []): (string | number)[][] => {
      if (typeof node !== 'object' || node === null) return [at];
      const keys = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
      return [at, ...keys.flatMap((k) => paths((node as Json)[k], [...at, k]))];
    };
    const all = paths(doc).filter((p) => p.length > 0);
    let refusedCount = 0;
    for (let i = 0; i < 400; i++) {
      const d = structuredClone(doc);
      const p = all[Math.floor(rand() * all.length)];
      let parent: Json = d;
      for (const k of p.slice(0, -1)) parent = parent[k];
      if (rand() < 0.3) delete parent[p[p.length - 1]];
      else parent[p[p.length - 1]] = values[Math.floor(rand() * values.length)];
      try {
        mapWebAnnotations({ db: ctx.db, author: 'fuzz' }, 'fuzz.jsonld', d);
      } catch (e) {
        expect(e, `mutation at ${p.join('.')}`).toBeInstanceOf(AppError);
        expect((e as AppError).code).toBe('bad-input');
        refusedCount++;
      }
    }
    // The mutations must actually exercise the refusals, not only harmless fields.
    expect(refusedCount).toBeGreaterThan(50);
  });
});
