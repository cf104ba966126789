// A document built to fool its reader (<script>, onerror, javascript:, a U+202E override, zero-width
// characters), imported through the real importer: the stored statements keep every character,
// and every export shows the invisible ones as ⟨U+…⟩ tokens and carries no live markup.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { INVISIBLE_CHARS, invisibleToken, revealInvisibles, splitInvisibles } from '../../shared/text/invisible';
import { printable } from '../../shared/citation';
import { runCli } from '../helpers/cli';
import { closeContext, corpusContext, REPO_ROOT, tempDir } from '../helpers/db';
import { unzipDocx } from '../export/content';

export const HOSTILE_FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'import', 'hostile.html');
const RLO = '\u202E';
const PDF_ = '\u202C';
const ZWSP = '\u200B';

describe('the invisible-character helper', () => {
  it.each([
    ['契約額は \u202E0001\u202C 万円', '契約額は ⟨U+202E⟩0001⟨U+202C⟩ 万円'],
    ['隠し\u200B文字', '隠し⟨U+200B⟩文字'],
    ['\u2066分離\u2069', '⟨U+2066⟩分離⟨U+2069⟩'],
    ['語\u2060結合\uFEFF', '語⟨U+2060⟩結合⟨U+FEFF⟩'],
    ['a\u200Eb\u200Fc\u061Cd\u202A\u202B\u202D\u2067\u2068\u200C\u200D', 'a⟨U+200E⟩b⟨U+200F⟩c⟨U+061C⟩d⟨U+202A⟩⟨U+202B⟩⟨U+202D⟩⟨U+2067⟩⟨U+2068⟩⟨U+200C⟩⟨U+200D⟩'],
    ['サプライチェーンの強靱化', 'サプライチェーンの強靱化'],
  ])('reveals %j as %j', (input, shown) => {
    expect(revealInvisibles(input)).toBe(shown);
    // Every export goes through printable(), which reveals them too.
    expect(printable(input)).toBe(shown);
  });

  it('cuts text at each invisible character with the original offsets', () => {
    const text = `額は${RLO}0001${PDF_}円`;
    const pieces = splitInvisibles(text);
    expect(pieces).toEqual([
      { start: 0, text: '額は' },
      { start: 2, text: RLO, invisible: 'U+202E' },
      { start: 3, text: '0001' },
      { start: 7, text: PDF_, invisible: 'U+202C' },
      { start: 8, text: '円' },
    ]);
    expect(pieces.map((p) => p.text).join('')).toBe(text);
    expect(splitInvisibles('')).toEqual([{ start: 0, text: '' }]);
    expect(invisibleToken(ZWSP)).toBe('⟨U+200B⟩');
  });
});

describe('a hostile document through the importer and every export', () => {
  let db: string;
  let docId: string;
  let out: string;
  const statements: { id: string; text: string }[] = [];

  beforeAll(async () => {
    const ctx = corpusContext();
    db = ctx.dbPath;
    closeContext(ctx);
    out = tempDir('wb-hostile-');
    const imported = await runCli(['import', HOSTILE_FIXTURE, '--title', '敵対的な資料', '--date', '2024-01-01', '--db', db, '--json']);
    expect(imported.code, imported.stderr).toBe(0);
    docId = imported.json<{ imported: { documentId: string }[] }>().imported[0].documentId;
    const listed = await runCli(['statements', docId, '--db', db, '--json']);
    statements.push(...listed.json<{ statements: { id: string; text: string }[] }>().statements);
  });

  it('stores the original text: the override and zero-width characters kept, scripts and handlers gone', () => {
    const all = statements.map((s) => s.text).join('\n');
    expect(all).toContain(`${RLO}0001${PDF_}`);
    expect(all).toContain(`隠し${ZWSP}文字`);
    expect(all).not.toContain('__pwned');
    expect(all).not.toContain('evil.example');
    // What the page showed as text stays text (it is escaped on the way out, below).
    expect(all).toContain('<script>alert(2)</script>');
    expect(all).toContain('javascript:alert(3)');
  });

  it('exports HTML, Markdown and DOCX with tokens for the invisible characters and no live markup', async () => {
    for (const s of statements.filter((x) => /第[二三四五]段落/.test(x.text))) {
      const quote = s.text.slice(s.text.indexOf(':') + 2);
      const r = await runCli(['annotate', s.id, '--quote', quote, '--comment', `注記${RLO}逆順`, '--pillar', 'tech-protection', '--db', db, '--json']);
      expect(r.code, r.stderr).toBe(0);
    }
    const files: Record<string, string> = {};
    for (const format of ['html', 'md', 'docx'] as const) {
      const file = path.join(out, `note.${format}`);
      const r = await runCli(['export', '--from-annotations', '--title', `所見${RLO}題`, '--format', format, '--out', file, '--db', db]);
      expect(r.code, r.stderr).toBe(0);
      files[format] = format === 'docx' ? unzipDocx(fs.readFileSync(file))['word/document.xml'] : fs.readFileSync(file, 'utf8');
    }
    for (const [format, text] of Object.entries(files)) {
      // Not one raw invisible character; each shown as its token, in quotes, comments and title.
      expect([format, text.match(INVISIBLE_CHARS)]).toEqual([format, null]);
      expect(text).toContain('⟨U+202E⟩0001⟨U+202C⟩');
      expect(text).toContain('隠し⟨U+200B⟩文字');
      expect(text).toContain('注記⟨U+202E⟩逆順');
      expect(text).toContain('所見⟨U+202E⟩題');
    }
    // HTML: the quoted markup is escaped text, no element or handler survives.
    expect(files.html).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(files.html).not.toMatch(/<script|onerror\s*=|onload\s*=|href\s*=\s*["']?javascript:/i);
    // DOCX: the same text as escaped XML, no field codes or hyperlinks made of it.
    expect(files.docx).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(files.docx).not.toMatch(/<w:hyperlink|<w:fldSimple|<w:instrText/);
    // Markdown: the angle brackets are escaped, so no renderer turns them into a tag.
    expect(files.md).not.toContain('<script>');
    expect(files.md).toMatch(/\\<script\\>|&lt;script&gt;/);
  });
});
