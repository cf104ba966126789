// Locators a director can check, on the bundled S&T progress report: footnotes are cited by
// their own numbers (脚注81) under the heading of the text that calls them, table cells by table,
// row and column; briefings, 「引用をコピー」's text and `workbench show --json` say the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asShown, citationSourceOf, formatCitation, placesOf } from '../../shared/citation';
import type { DocumentSummary, Statement } from '../../shared/model';
import type { AppContext } from '../../electron/app/context';
import { documentPlaces, getDocument, listStatements } from '../../electron/corpus/repo';
import { apiFor } from '../helpers/api';
import { runCli } from '../helpers/cli';
import { closeContext, corpusContext } from '../helpers/db';

const STI = 'sti-plan-resilient-society-progress';
let ctx: AppContext;
let statements: Statement[];
let doc: DocumentSummary;

beforeAll(() => {
  ctx = corpusContext();
  statements = listStatements(ctx.db, STI);
  doc = getDocument(ctx.db, STI).document;
});
afterAll(() => closeContext(ctx));

const footnote = (marker: string) => {
  const f = statements.find((s) => s.kind === 'footnote' && s.marker === marker);
  if (!f) throw new Error(`footnote ${marker} not in ${STI}`);
  return f;
};

describe('footnotes of the S&T report', () => {
  it('are the notes ⁶⁹–⁸³, each with its own number', () => {
    const markers = statements.filter((s) => s.kind === 'footnote').map((s) => s.marker);
    expect(markers).toEqual(Array.from({ length: 15 }, (_, i) => String(69 + i)));
  });

  it('link both ways: every marker in the text reaches the note of that number, and each note knows who cites it', () => {
    const places = placesOf(statements);
    for (let n = 69; n <= 83; n++) {
      const note = footnote(String(n));
      const citing = places.citedBy.get(note.id) ?? [];
      expect(citing.length, `footnote ${n} is cited`).toBeGreaterThan(0);
      for (const s of citing) expect(s.footnotes.filter((f) => f.footnoteId === note.id).map((f) => f.marker)).toEqual([String(n)]);
    }
    // And the reverse: no marker points at a note of another number.
    const byId = new Map(statements.map((s) => [s.id, s]));
    const refs = statements.flatMap((s) => s.footnotes);
    expect(refs).toHaveLength(15);
    for (const r of refs) expect(byId.get(r.footnoteId!)?.marker).toBe(r.marker);
  });

  it('⁸¹ (a ransomware figure) is cited as 脚注81 under the section that cites it, not where it is printed', () => {
    const note = footnote('81');
    // Printed at the foot of the natural-disaster table's page…
    expect(note.headingPath.at(-1)).toBe('頻発化、激甚化する自然災害への対応');
    const cited = formatCitation(citationSourceOf(doc, note, documentPlaces(ctx.db, STI)), 'ja');
    expect(cited).toBe('『(3) レジリエントで安全・安心な社会の構築』（2023年3月16日）、「【現状データ】（参考指標）」、脚注81');
    expect(formatCitation(citationSourceOf(doc, note, documentPlaces(ctx.db, STI)), 'en')).toBe('“(3) レジリエントで安全・安心な社会の構築” (16 March 2023), § 【現状データ】（参考指標）, note 81');
    // The statement that calls it is the ransomware figure.
    expect(placesOf(statements).citedBy.get(note.id)?.[0].text).toContain('ランサムウェア被害');
  });
});

describe('table cells of the S&T report', () => {
  it('number the six tables in reading order and cite table, row and column header', () => {
    const places = placesOf(statements);
    expect([...places.tables.values()]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(places.tables.get('頻発化、激甚化する自然災害への対応')).toBe(1);
    const cell = statements.find((s) => s.kind === 'table-cell' && s.text.includes('気候予測データセット 2022'))!;
    expect(cell.table).toMatchObject({ row: 0, column: 1, header: '実施状況・現状分析' });
    expect(formatCitation(citationSourceOf(doc, cell, places), 'ja')).toBe(
      '『(3) レジリエントで安全・安心な社会の構築』（2023年3月16日）、「頻発化、激甚化する自然災害への対応」、表1 第1行『実施状況・現状分析』欄',
    );
    // A cell further down another table: its own table number and row.
    const later = statements.filter((s) => s.kind === 'table-cell' && s.table!.table.startsWith('安全・安心確保のための') && s.table!.row === 3);
    expect(later.length).toBeGreaterThan(0);
    expect(formatCitation(citationSourceOf(doc, later[0], places), 'ja')).toMatch(/、表6 第4行『[^』]+』欄$/);
    expect(formatCitation(citationSourceOf(doc, later[0], places), 'en')).toMatch(/, table 6, row 4, column “[^”]+”$/);
  });
});

describe('every surface uses the same citation', () => {
  it('a briefing quoting a footnote and a table cell resolves to those locators', async () => {
    const api = apiFor(ctx);
    const { briefing } = await api.call('briefings.create', { title: '脚注と表の引用' });
    const { briefing: withSection } = await api.call('briefings.sections.add', { briefingId: briefing.id, heading: 'サイバー' });
    const sectionId = withSection.sections[0].id;
    const cell = statements.find((s) => s.kind === 'table-cell' && s.text.includes('気候予測データセット 2022'))!;
    await api.call('briefings.items.add', { sectionId, statementId: footnote('81').id });
    await api.call('briefings.items.add', { sectionId, statementId: cell.id });
    const got = await api.call('briefings.get', { id: briefing.id });
    const items = got.resolved.sections[0].items;
    expect(items.map((i) => formatCitation(i.citation!, 'ja').split('、').at(-1))).toEqual(['脚注81', '表1 第1行『実施状況・現状分析』欄']);
    expect(items[0].citation!.headingPath).toEqual(['レジリエントで安全・安心な社会の構築', '【現状データ】（参考指標）']);
  });

  it('workbench show --json carries the citation text', async () => {
    const run = await runCli(['show', footnote('81').id, '--db', ctx.dbPath, '--json']);
    expect(run.code).toBe(0);
    expect(run.json<{ citation: string }>().citation).toMatch(/「【現状データ】（参考指標）」、脚注81$/);
  });

  it('a quote is copied as the reader shows it: no raw line breaks', () => {
    const commentary = listStatements(ctx.db, 'economic-security-commentary').find((s) => s.text.includes('\n'));
    expect(commentary).toBeDefined();
    const shown = asShown(commentary!.text);
    expect(shown).not.toContain('\n');
    expect(shown.replace(/ /g, '')).toBe(commentary!.text.replace(/[ \t]*\n[ \t]*/g, '').replace(/ /g, ''));
  });
});
