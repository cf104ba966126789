// REFI-QDA projects out and in: a round trip through an empty workspace (pillars, tags, comments,
// positions compared), the exported project.qde and .qdc checked against the REFI-QDA 1.0 schema
// with xmllint, code-point positions over 𠮷, 𩸽, 🇯🇵 and CRLF, a project written the way other
// tools write it (test/fixtures/qda), the preview, and undo.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, strToU8 } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api/client';
import type { AppContext } from '../../electron/app/context';
import { readZipAll } from '../../electron/files/zip';
import { readQdaProject, isQda } from '../../electron/exchange/qda/read';
import { guidOf, uuidV5 } from '../../electron/exchange/qda/guid';
import { escapeAttr, escapeText } from '../../electron/exchange/qda/xml';
import { desktopApiFor, type DesktopApi } from '../helpers/api';
import { closeContext, corpusContext, REPO_ROOT, tempDir } from '../helpers/db';
import { findStatement } from '../helpers/annotate';

const SCHEMA = path.resolve(REPO_ROOT, '..', 'shared', 'refi-qda', 'Project.xsd');
export const FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'qda', 'foreign-atlas.qdpx');

function schemaOrFail(): string {
  if (!fs.existsSync(SCHEMA)) throw new Error(`The REFI-QDA schema is missing at ${SCHEMA} (../shared/refi-qda/Project.xsd beside the repository); it is not copied into the repo.`);
  return SCHEMA;
}

/** xmllint's verdict on an XML file against the REFI-QDA project schema: '' when valid, else its messages. */
function schemaErrors(xmlFile: string): string {
  try {
    execFileSync('xmllint', ['--noout', '--nonet', '--schema', schemaOrFail(), xmlFile], { stdio: 'pipe' });
    return '';
  } catch (e) {
    return String((e as { stderr?: Buffer }).stderr ?? e);
  }
}

const open: AppContext[] = [];
function workspace(): { ctx: AppContext; desk: DesktopApi; api: ApiClient } {
  const ctx = corpusContext();
  open.push(ctx);
  const desk = desktopApiFor(ctx);
  return { ctx, desk, api: desk.api };
}
afterEach(() => {
  while (open.length) closeContext(open.pop()!);
});

function counts(ctx: AppContext): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of ['annotations', 'annotation_pillars', 'annotation_tags', 'pillars', 'documents', 'statements', 'change_groups', 'import_records']) {
    out[t] = (ctx.db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
  }
  return out;
}

async function seed(api: ApiClient, ctx: AppContext) {
  const { pillar: chips } = await api.call('pillars.create', { nameJa: '先端半導体', nameEn: 'Advanced chips', parentId: 'supply-chain', color: '#123456', descriptionJa: '半導体の供給網 & 製造 <装置>', descriptionEn: 'Chip supply "chains"' });
  const { pillar: deep } = await api.call('pillars.create', { nameJa: '露光装置', nameEn: '露光装置', parentId: chips.id, color: '#abcdef' });
  const s = findStatement(ctx, '半導体');
  // Two documents, so the project has two sources.
  const t = findStatement(ctx, (text, doc) => text.includes('特許') && doc !== s.documentId);
  const a1 = (await api.call('annotations.create', { statementId: s.id, quote: '半導体', comment: '注目 & <確認>\n二行目', tags: ['chips', '要確認'], pillarIds: [chips.id, 'supply-chain'], importance: 3 })).annotation;
  const a2 = (await api.call('annotations.create', { statementId: t.id, pillarIds: ['patents', deep.id] })).annotation;
  return { chips, deep, a1, a2 };
}

describe('REFI-QDA export', () => {
  it('writes a .qdpx whose project.qde is valid against the REFI-QDA schema, with code-point positions into Sources/<guid>.txt', async () => {
    const { ctx, desk, api } = workspace();
    const { chips, a1, a2 } = await seed(api, ctx);
    const dir = tempDir('wb-qda-');
    const file = path.join(dir, 'out.qdpx');
    const r = await api.call('exchange.qdaExport', { target: desk.saveTo(file), format: 'qdpx' });
    expect(r).toMatchObject({ path: file, sources: 2, selections: 2, orphansLeftOut: 0 });
    const parts = readZipAll(new Uint8Array(fs.readFileSync(file)), 'out.qdpx');
    const qde = strFromU8(parts['project.qde']);
    fs.writeFileSync(path.join(dir, 'project.qde'), qde);
    expect(schemaErrors(path.join(dir, 'project.qde'))).toBe('');
    // Pillars nest under the non-codable parent; tags under their own; colours kept.
    expect(qde).toContain(`<Code guid="${guidOf.pillarsRoot()}" name="政策の柱 / Policy pillars" isCodable="false">`);
    expect(qde).toContain(`<Code guid="${guidOf.pillar(chips.id)}" name="先端半導体 / Advanced chips" isCodable="true" color="#123456">`);
    expect(qde).toContain(`<Description>半導体の供給網 &amp; 製造 &lt;装置&gt;\n[en] Chip supply "chains"\n[id] ${chips.id}</Description>`);
    expect(qde).toContain(`<Code guid="${guidOf.tag('要確認')}" name="要確認" isCodable="true"/>`);
    // Each selection's positions cut exactly its quote out of the source file, counted in code points.
    for (const a of [a1, a2]) {
      const docGuid = guidOf.document(a.documentId);
      const text = strFromU8(parts[`Sources/${docGuid}.txt`]);
      const m = new RegExp(`<PlainTextSelection guid="${guidOf.annotation(a.id)}"[^>]*startPosition="(\\d+)" endPosition="(\\d+)"`).exec(qde);
      expect(m).not.toBeNull();
      expect(Array.from(text).slice(Number(m![1]), Number(m![2])).join('')).toBe(a.target.quote.exact);
    }
    // Stable across exports: the same GUIDs and the same project (apart from the export time).
    const again = path.join(dir, 'again.qdpx');
    await api.call('exchange.qdaExport', { target: desk.saveTo(again), format: 'qdpx' });
    const qde2 = strFromU8(readZipAll(new Uint8Array(fs.readFileSync(again)), 'again.qdpx')['project.qde']);
    const noTimes = (x: string) => x.replace(/creationDateTime="[^"]*"/g, '');
    expect(noTimes(qde2)).toBe(noTimes(qde));
  });

  it('writes a .qdc code book whose codes validate against the project schema', async () => {
    const { ctx, desk, api } = workspace();
    await seed(api, ctx);
    const dir = tempDir('wb-qdc-');
    const file = path.join(dir, 'book.qdc');
    const r = await api.call('exchange.qdaExport', { target: desk.saveTo(file), format: 'qdc' });
    const xml = fs.readFileSync(file, 'utf8');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0"/);
    // Only Project.xsd is available: the code book's <Codes> is the same CodeType, so it is checked
    // inside a minimal project in the project namespace.
    const codes = /<Codes>[\s\S]*<\/Codes>/.exec(xml)![0];
    const wrapped = path.join(dir, 'wrapped.qde');
    fs.writeFileSync(wrapped, `<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="qdc"><CodeBook>${codes}</CodeBook></Project>\n`);
    expect(schemaErrors(wrapped)).toBe('');
    const pillars = (await api.call('pillars.list', {})).pillars;
    // Every pillar, the two parents and the two tags.
    expect(r.codes).toBe(pillars.length + 1 + 1 + 2);
    expect(readQdaProject(new Uint8Array(fs.readFileSync(file)), 'book.qdc').codes.map((c) => c.guid)).toEqual(expect.arrayContaining(pillars.map((p) => guidOf.pillar(p.id))));
  });

  it('escapes what XML cannot hold literally', () => {
    expect(escapeText('a & b < c > d')).toBe('a &amp; b &lt; c &gt; d');
    expect(escapeAttr('"x"\t\n\r')).toBe('&quot;x&quot;&#9;&#10;&#13;');
    expect(escapeText('ok\u0001\ud800!')).toBe('ok\ufffd\ufffd!');
    expect(escapeText('𠮷🇯🇵')).toBe('𠮷🇯🇵');
    // RFC 9562 test vector: UUIDv5 of "www.example.com" in the DNS namespace.
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });
});

describe('REFI-QDA import', () => {
  it('round-trips into an empty workspace: pillars, tags, comments and positions come back, and undo takes the annotations and pillars out', async () => {
    const { ctx, desk, api } = workspace();
    const { chips, deep } = await seed(api, ctx);
    const file = path.join(tempDir('wb-qda-rt-'), 'rt.qdpx');
    await api.call('exchange.qdaExport', { target: desk.saveTo(file), format: 'qdpx' });
    const originals = (await api.call('annotations.list', {})).annotations;

    const other = workspace();
    const before = counts(other.ctx);
    const preview = await other.api.call('exchange.qdaPreview', { source: other.desk.openFrom(file) });
    expect(counts(other.ctx)).toEqual(before);
    expect(preview.sources.matched.map((s) => s.reason.en)).toEqual(['the document with the same GUID', 'the document with the same GUID']);
    expect(preview.codes.added.map((c) => c.target).sort()).toEqual([chips.id, deep.id].sort());
    expect(preview.codes.matched.map((c) => c.target).sort()).toEqual(['infrastructure', 'patents', 'supply-chain', 'tech-protection']);
    expect(preview.selections).toMatchObject({ total: 2, added: 2, placed: 2, orphaned: 0, matched: 0 });

    const done = await other.api.call('exchange.qdaImport', { staged: preview.staged });
    expect(done.annotationsCreated).toBe(2);
    expect(done.pillarsCreated.sort()).toEqual([chips.id, deep.id].sort());
    const pillars = (await other.api.call('pillars.list', {})).pillars;
    const p1 = pillars.find((p) => p.id === chips.id)!;
    expect(p1).toMatchObject({ nameJa: '先端半導体', nameEn: 'Advanced chips', color: '#123456', parentId: 'supply-chain', descriptionJa: '半導体の供給網 & 製造 <装置>', descriptionEn: 'Chip supply "chains"' });
    expect(pillars.find((p) => p.id === deep.id)).toMatchObject({ nameJa: '露光装置', parentId: chips.id, color: '#abcdef' });
    const imported = (await other.api.call('annotations.list', {})).annotations;
    const shape = (a: (typeof originals)[number]) => ({ documentId: a.documentId, statementId: a.statementId, quote: a.target.quote.exact, docStart: a.target.docStart, docEnd: a.target.docEnd, scope: a.target.scope, comment: a.comment, tags: a.tags, pillarIds: [...a.pillarIds].sort(), orphaned: a.orphaned, author: a.author, createdAt: a.createdAt });
    expect(imported.map(shape).sort((x, y) => x.docStart - y.docStart)).toEqual(originals.map(shape).sort((x, y) => x.docStart - y.docStart));

    // Importing the same project again adds nothing: every selection is already here.
    const again = await other.api.call('exchange.qdaPreview', { source: other.desk.openFrom(file) });
    expect(again.selections).toMatchObject({ added: 0, matched: 2 });
    expect(again.codes.added).toEqual([]);

    const undone = await other.api.call('history.undo', {});
    expect(undone.kind).toBe('annotation.import');
    expect((await other.api.call('annotations.list', {})).annotations).toEqual([]);
    expect((await other.api.call('pillars.list', {})).pillars.map((p) => p.id)).not.toContain(chips.id);
  });

  it('imports a project written the way other tools write it (sources/, inline text, deep non-codable tree, CRLF counted as one)', async () => {
    const { ctx, desk, api } = workspace();
    const bytes = new Uint8Array(fs.readFileSync(FIXTURE));
    expect(isQda(bytes)).toBe(true);
    const project = readQdaProject(bytes, 'foreign-atlas.qdpx');
    expect(project.codes.length).toBe(315);
    expect(project.codes.filter((c) => !c.isCodable).length).toBe(15);
    expect(Math.max(...project.codes.map((c) => c.depth))).toBe(3);
    expect(project.sources.filter((s) => s.kind === 'TextSource').length).toBe(24);
    expect(project.sources.every((s) => s.kind !== 'TextSource' || s.crlf === 'one')).toBe(true);
    // Every selection's name is the text its positions select (CRLF counted as one, code points).
    for (const s of project.sources) for (const sel of s.selections) expect(Array.from(s.text!).slice(sel.start, sel.end).join('')).toBe(sel.name);

    const before = counts(ctx);
    const preview = await api.call('exchange.qdaPreview', { source: desk.openFrom(FIXTURE) });
    expect(counts(ctx)).toEqual(before);
    expect(preview.codes.added.length).toBe(315);
    expect(preview.sources.added.length).toBe(24);
    expect(preview.sources.leftAlone.map((s) => s.reason.en)).toEqual(['not a text source (PDFSource); not imported']);
    expect(preview.selections).toMatchObject({ total: 72, added: 72, inNewDocuments: 72 });

    const done = await api.call('exchange.qdaImport', { staged: preview.staged });
    expect(done.documentsCreated.length).toBe(24);
    expect(done.annotationsCreated).toBe(72);
    expect(done.selections.placed + done.selections.orphaned).toBe(72);
    expect(done.selections.orphaned).toBe(0);
    const after = counts(ctx);
    expect(after.pillars - before.pillars).toBe(315);
    expect(after.documents - before.documents).toBe(24);
    // The tree keeps its depth: a leaf's parent chain reaches a non-codable theme three levels up.
    const pillars = (await api.call('pillars.list', {})).pillars;
    const byId = new Map(pillars.map((p) => [p.id, p]));
    const leaf = pillars.find((p) => p.nameJa === '先端技術-2-3-4')!;
    const chain: string[] = [];
    for (let p = byId.get(leaf.parentId!); p; p = p.parentId ? byId.get(p.parentId) : undefined) chain.push(p.nameJa);
    expect(chain).toEqual(['先端技術-2-3', '先端技術・領域2', '先端技術']);
    expect(byId.get(pillars.find((p) => p.nameJa === '供給網')!.id)!.color).toBe('#cc3333');
    // Annotations sit on the quoted text of their new documents, with memo, note and author.
    const anns = (await api.call('annotations.list', {})).annotations;
    expect(anns.length).toBe(72);
    for (const a of anns) {
      const text = (ctx.db.prepare('SELECT text FROM documents WHERE id = ?').get(a.documentId) as { text: string }).text;
      expect(text.slice(a.target.docStart, a.target.docEnd)).toBe(a.target.quote.exact);
      expect(a.author).toBe('佐藤 分析官');
    }
    const flagged = anns.find((a) => a.target.quote.exact.includes('🇯🇵'));
    expect(flagged?.target.quote.exact).toBe('🇯🇵 国旗の絵文字も一文字として数える。');
    expect(anns.find((a) => a.target.quote.exact.startsWith('𠮷野家と𩸽'))).toBeDefined();
    expect(anns.some((a) => a.comment.includes('ATLAS.ti のメモ（NoteRef 経由）'))).toBe(true);
    expect(anns.filter((a) => a.comment.startsWith('資料')).length).toBe(24);
    // Each new document keeps its .txt as the original.
    const rec = ctx.db.prepare('SELECT file_name AS f, format FROM import_records WHERE document_id = ?').get(done.documentsCreated[0]) as { f: string; format: string };
    expect(rec).toMatchObject({ format: 'text' });
    expect(rec.f).toMatch(/^資料\d\d 経済安全保障メモ\.txt$/);
  });

  it('counts positions in code points over 𠮷, 𩸽, 🇯🇵 and CRLF, both ways (standard: CRLF as two)', async () => {
    const { ctx, api } = workspace();
    const raw = '序文です。\r\n𠮷野家の𩸽定食。\r\n🇯🇵日本の旗と🇺🇸米国の旗。\r\n';
    const cps = Array.from(raw);
    const sel = (phrase: string) => {
      const at = Array.from(raw.slice(0, raw.indexOf(phrase))).length;
      return [at, at + Array.from(phrase).length];
    };
    const [s1, e1] = sel('𩸽定食');
    const [s2, e2] = sel('🇺🇸米国');
    expect(cps.slice(s2, e2).join('')).toBe('🇺🇸米国');
    const g = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const qde = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="p" origin="QualCoder 3.5"><CodeBook><Codes><Code guid="${g(1)}" name="旗" isCodable="true"/></Codes></CodeBook>
<Sources><TextSource guid="${g(2)}" name="bmp" plainTextPath="internal://${g(2)}.txt">
<PlainTextSelection guid="${g(3)}" startPosition="${s1}" endPosition="${e1}"><Coding guid="${g(4)}"><CodeRef targetGUID="${g(1)}"/></Coding></PlainTextSelection>
<PlainTextSelection guid="${g(5)}" startPosition="${s2}" endPosition="${e2}"><Coding guid="${g(6)}"><CodeRef targetGUID="${g(1)}"/></Coding></PlainTextSelection>
</TextSource></Sources></Project>`;
    const { zipSync } = await import('fflate');
    const bytes = zipSync({ 'project.qde': strToU8(qde), [`Sources/${g(2)}.txt`]: strToU8(raw) });
    const project = readQdaProject(bytes, 'bmp.qdpx');
    // No names to compare and no ATLAS.ti origin: the standard's rule, CRLF as two.
    expect(project.sources[0].crlf).toBe('two');
    const file = path.join(tempDir('wb-qda-bmp-'), 'bmp.qdpx');
    fs.writeFileSync(file, bytes);
    const desk = desktopApiFor(ctx);
    const done = await desk.api.call('exchange.qdaImport', { source: desk.openFrom(file) });
    expect(done.annotationsCreated).toBe(2);
    const quotes = (await api.call('annotations.list', {})).annotations.map((a) => a.target.quote.exact).sort();
    expect(quotes).toEqual(['🇺🇸米国', '𩸽定食'].sort());
    // And out again: the exported positions are code points into the exported text.
    const out = path.join(tempDir('wb-qda-bmp-out-'), 'out.qdpx');
    await desk.api.call('exchange.qdaExport', { target: desk.saveTo(out), format: 'qdpx' });
    const back = readQdaProject(new Uint8Array(fs.readFileSync(out)), 'out.qdpx');
    const src = back.sources[0];
    expect(src.selections.map((s) => Array.from(src.text!).slice(s.start, s.end).join('')).sort()).toEqual(quotes);
  });
});
