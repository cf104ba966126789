// Every format through the whole pipeline into a real database: a Word file with headings, a
// list, a table, footnotes and an endnote (built here with the docx package), HTML metadata, era
// dates and issuers stated in the text, Markdown, and search finding what was imported.
import { AlignmentType, Document, EndnoteReferenceRun, FootnoteReferenceRun, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/app/context';
import { listDocuments, listStatements } from '../../electron/corpus/repo';
import { checkDocxPackage, docxProperties } from '../../electron/import/docx';
import { importDocument, importRecords } from '../../electron/import/import';
import { statedIssuer } from '../../electron/import/metadata';
import { apiFor } from '../helpers/api';
import { closeContext, corpusContext } from '../helpers/db';

let ctx: AppContext;
beforeAll(() => {
  ctx = corpusContext();
});
afterAll(() => closeContext(ctx));

async function sampleDocx(): Promise<Buffer> {
  const doc = new Document({
    title: '重要技術の育成に関する検討メモ',
    creator: 'analyst',
    footnotes: { 1: { children: [new Paragraph('経済安全保障推進法第61条に基づく。')] }, 2: { children: [new Paragraph('令和5年度の調査による。')] } },
    endnotes: { 1: { children: [new Paragraph('詳細は別紙を参照。')] } },
    sections: [
      {
        children: [
          new Paragraph({ text: '重要技術の育成', heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ alignment: AlignmentType.RIGHT, text: '令和6年3月29日' }),
          new Paragraph({ children: [new TextRun('特定重要技術の研究開発を支援する'), new FootnoteReferenceRun(1), new TextRun('。')] }),
          new Paragraph({ children: [new TextRun('官民協議会を設置して情報を共有する'), new FootnoteReferenceRun(2), new TextRun('。'), new EndnoteReferenceRun(1)] }),
          new Paragraph({ text: '支援の対象', heading: HeadingLevel.HEADING_2 }),
          new Paragraph({ text: '宇宙・海洋分野の技術', bullet: { level: 0 } }),
          new Paragraph({ text: '量子・人工知能分野の技術', bullet: { level: 0 } }),
          new Table({
            rows: [
              new TableRow({ children: [new TableCell({ children: [new Paragraph('分野')] }), new TableCell({ children: [new Paragraph('予算額')] })] }),
              new TableRow({ children: [new TableCell({ children: [new Paragraph('宇宙')] }), new TableCell({ children: [new Paragraph('120億円を計上した。')] })] }),
              new TableRow({ children: [new TableCell({ children: [new Paragraph('海洋')] }), new TableCell({ children: [new Paragraph('80億円を計上した。')] })] }),
            ],
          }),
          new Paragraph('以上の取組により技術流出を防ぐ。'),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

describe('Word (.docx)', () => {
  it('imports headings, list items, table cells, footnotes and an endnote linked to their markers', async () => {
    const bytes = await sampleDocx();
    const r = await importDocument(ctx.db, { fileName: '検討メモ.docx', bytes });
    expect(r).toMatchObject({ status: 'imported', format: 'docx', encoding: null });
    const doc = listDocuments(ctx.db).find((d) => d.id === r.documentId)!;
    // Title from the core properties; the date printed in the text (令和6年3月29日) wins over `created`.
    expect(doc).toMatchObject({ title: '重要技術の育成に関する検討メモ', date: '2024-03-29', origin: 'imported' });
    const statements = listStatements(ctx.db, r.documentId);
    const byText = (t: string) => statements.find((s) => s.text.includes(t));
    expect(byText('重要技術の育成')?.kind).toBe('heading');
    expect(byText('支援の対象')).toMatchObject({ kind: 'heading', headingPath: ['重要技術の育成'] });
    expect(byText('宇宙・海洋分野の技術')?.kind).toBe('item');
    expect(byText('量子・人工知能分野の技術')?.kind).toBe('item');
    const cell = byText('120億円を計上した。')!;
    expect(cell.kind).toBe('table-cell');
    expect(cell.table).toMatchObject({ header: '予算額', column: 1 });
    expect(byText('80億円を計上した。')?.table).toMatchObject({ header: '予算額' });

    const notes = statements.filter((s) => s.kind === 'footnote');
    expect(notes.map((n) => n.text)).toEqual(['経済安全保障推進法第61条に基づく。', '令和5年度の調査による。', '詳細は別紙を参照。']);
    const first = byText('特定重要技術の研究開発を支援する')!;
    expect(first.footnotes).toEqual([expect.objectContaining({ marker: '1', footnoteId: notes[0].id })]);
    const second = byText('官民協議会を設置して情報を共有する')!;
    // The endnote's marker continues after the footnotes' (Word numbers them separately).
    expect(second.footnotes.map((f) => [f.marker, f.footnoteId])).toEqual([
      ['2', notes[1].id],
      ['3', notes[2].id],
    ]);
    expect(statements.map((s) => s.text).join('\n')).not.toMatch(/\[1\]|↑|footnote/);
    expect(importRecords(ctx.db, r.documentId)).toEqual([expect.objectContaining({ format: 'docx', fileName: '検討メモ.docx', size: bytes.length, sha256: r.sha256, version: 1 })]);

    const api = apiFor(ctx);
    const hits = await api.call('search.query', { query: '官民協議会', limit: 50 });
    expect(hits.hits.map((h) => h.statementId)).toContain(second.id);
  });

  it('reads the core and app properties', async () => {
    const parts = checkDocxPackage(await sampleDocx(), 'x.docx');
    const meta = docxProperties({ ...parts, 'docProps/app.xml': Buffer.from('<?xml version="1.0"?><Properties><Company>内閣府 &amp; 経済産業省</Company></Properties>') });
    expect(meta.title).toBe('重要技術の育成に関する検討メモ');
    expect(meta.issuer).toBe('内閣府 & 経済産業省');
    expect(meta.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('metadata stated in the text', () => {
  it.each([
    ['令和6年3月29日\n内閣府経済安全保障推進室\n\n本文です。', '2024-03-29', '内閣府経済安全保障推進室'],
    ['2024年3月29日\n\n発行：経済産業省 貿易経済安全保障局\n\n本文です。', '2024-03-29', '経済産業省 貿易経済安全保障局'],
    ['令和元年５月１日　国家安全保障局\n\n本文です。', '2019-05-01', '国家安全保障局'],
  ])('%j', async (body, date, issuer) => {
    const text = `対応方針について\n\n${body}`;
    const r = await importDocument(ctx.db, { fileName: `meta-${date}-${issuer.length}.txt`, bytes: Buffer.from(text) });
    const doc = listDocuments(ctx.db).find((d) => d.id === r.documentId)!;
    expect(doc).toMatchObject({ title: '対応方針について', date, issuer });
  });

  it('finds no issuer where none is printed', () => {
    expect(statedIssuer('対応方針について\n\n本文では経済産業省が支援すると述べた。', '対応方針について')).toBeNull();
    expect(statedIssuer('対応方針について\n\n第2部\n\n第1回経済安全保障推進会議\n\n本文。', '対応方針について')).toBeNull();
  });

  it('takes HTML <meta> author and date; explicit values win over everything stated', async () => {
    const html = '<html><head><title>告示の解説</title><meta name="author" content="内閣府"><meta name="dcterms.date" content="2023-04-01T00:00:00+09:00"></head><body><p>令和6年1月1日</p><p>解説の本文。</p></body></html>';
    const r = await importDocument(ctx.db, { fileName: 'kaisetsu.html', bytes: Buffer.from(html) });
    expect(listDocuments(ctx.db).find((d) => d.id === r.documentId)).toMatchObject({ title: '告示の解説', issuer: '内閣府', date: '2023-04-01' });
    const r2 = await importDocument(ctx.db, { fileName: 'kaisetsu2.html', bytes: Buffer.from(html.replace('解説の本文', '別の本文')), title: '手で付けた題', issuer: null, date: '2020-01-02' });
    expect(listDocuments(ctx.db).find((d) => d.id === r2.documentId)).toMatchObject({ title: '手で付けた題', issuer: null, date: '2020-01-02' });
  });

  it('keeps Markdown headings and records the format', async () => {
    const r = await importDocument(ctx.db, { fileName: 'notes.md', bytes: Buffer.from('# 論点整理\n\n## 供給網\n\n半導体の供給網を点検する。\n') });
    expect(r.format).toBe('markdown');
    const s = listStatements(ctx.db, r.documentId);
    expect(s.find((x) => x.text === '半導体の供給網を点検する。')?.headingPath).toEqual(['論点整理', '供給網']);
  });
});
