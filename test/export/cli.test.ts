// The briefing CLI end to end on a copy of the corpus database: create, list, export every format,
// --force, the one-step --from-annotations export, the export log, and usage errors.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../electron/export/pdf';
import type { Briefing, BriefingSummary, ExportLogEntry } from '../../shared/briefing';
import { runCli } from '../helpers/cli';
import { closeContext, corpusContext, tempDir } from '../helpers/db';
import { annotatePillars, type Fixture } from '../briefing/evidence-fixture';
import { docxParagraphs, parseHtml, pdfPages, unzipDocx } from './content';

let db: string;
let fx: Fixture;
let out: string;
beforeAll(() => {
  const ctx = corpusContext();
  fx = annotatePillars(ctx.db, 2);
  db = ctx.dbPath;
  closeContext(ctx);
  out = tempDir('wb-cli-export-');
});

describe('workbench briefing / briefings / export', () => {
  let b: Briefing;

  it('creates a briefing from the annotations grouped by pillar, filtered to the pillars asked for', async () => {
    const run = await runCli(['briefing', 'create', '--title', '四本柱の概観', '--group-by', 'pillar', '--pillar', 'patents', '--pillar', 'supply-chain', '--marking', '取扱注意', '--db', db, '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    b = run.json<Briefing>();
    expect(b).toMatchObject({ title: '四本柱の概観', marking: '取扱注意', language: 'ja' });
    expect(b.sections.map((s) => s.heading)).toEqual(['サプライチェーン強靱化', '特許出願の非公開']);
    expect(b.sections[1].items.map((i) => i.annotationId).sort()).toEqual(fx.byPillar.patents.map((a) => a.id).sort());
  });

  it('lists briefings', async () => {
    const run = await runCli(['briefings', '--db', db, '--json']);
    expect(run.code).toBe(0);
    const { briefings } = run.json<{ briefings: BriefingSummary[] }>();
    expect(briefings.find((x) => x.id === b.id)).toMatchObject({ title: '四本柱の概観', sections: 2, items: 4 });
  });

  it('exports Markdown, HTML and DOCX, and refuses to overwrite without --force', async () => {
    for (const format of ['md', 'html', 'docx'] as const) {
      const file = path.join(out, `b.${format}`);
      const run = await runCli(['export', b.id, '--format', format, '--out', file, '--db', db, '--json']);
      expect(run.stderr).toBe('');
      expect(run.json()).toMatchObject({ path: file, format, briefingId: b.id, marking: '取扱注意', bytes: fs.statSync(file).size });
    }
    expect(fs.readFileSync(path.join(out, 'b.md'), 'utf8')).toContain('## 2. 特許出願の非公開');
    const html = parseHtml(fs.readFileSync(path.join(out, 'b.html'), 'utf8'));
    expect(html.querySelector('h1')?.textContent).toBe('四本柱の概観');
    const paras = docxParagraphs(unzipDocx(fs.readFileSync(path.join(out, 'b.docx')))['word/document.xml']);
    expect(paras.filter((p) => p.style === 'BlockQuote').map((p) => p.text)).toEqual(fx.byPillar['supply-chain'].concat(fx.byPillar.patents).map((a) => a.target.quote.exact));

    const before = fs.readFileSync(path.join(out, 'b.md'));
    const again = await runCli(['export', b.id, '--format', 'md', '--out', path.join(out, 'b.md'), '--db', db]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists.*--force/);
    expect(fs.readFileSync(path.join(out, 'b.md'))).toEqual(before);
    const forced = await runCli(['export', b.id, '--format', 'md', '--out', path.join(out, 'b.md'), '--force', '--db', db]);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/^Wrote MD to /);
  });

  it('builds and exports in one step with --from-annotations (English, by document)', async () => {
    const file = path.join(out, 'quick.md');
    const run = await runCli(['export', '--from-annotations', '--group-by', 'document', '--title', 'Quick look', '--language', 'en', '--marking', 'FOR OFFICIAL USE ONLY', '--format', 'md', '--out', file, '--db', db, '--json']);
    expect(run.stderr).toBe('');
    expect(run.json()).toMatchObject({ briefingId: null, title: 'Quick look', marking: 'FOR OFFICIAL USE ONLY' });
    const md = fs.readFileSync(file, 'utf8');
    expect(md).toContain('## Sources');
    expect(md).toMatch(/stmt\\?\. \d+/);
    expect(md.split(/\n\n/).filter((block) => block.startsWith('> ')).length).toBe(fx.all.length);
    const list = await runCli(['briefings', '--db', db, '--json']);
    expect(list.json<{ briefings: BriefingSummary[] }>().briefings.map((x) => x.title)).not.toContain('Quick look');
  });

  it.skipIf(!findChromium())('exports a PDF with the marking on every page', async () => {
    const file = path.join(out, 'b.pdf');
    const run = await runCli(['export', b.id, '--format', 'pdf', '--out', file, '--db', db]);
    expect(run.stderr).toBe('');
    const pages = pdfPages(file);
    expect(pages.length).toBeGreaterThan(0);
    for (const p of pages) expect(p).toContain('取扱注意');
    expect(pages.join('')).toContain('四本柱の概観');
  });

  it('shows the export log', async () => {
    const run = await runCli(['briefing', 'log', '--db', db, '--json']);
    const { entries } = run.json<{ entries: ExportLogEntry[] }>();
    expect(entries.filter((e) => e.briefingId === b.id).map((e) => e.format)).toEqual(expect.arrayContaining(['md', 'html', 'docx']));
    expect(entries.find((e) => e.briefingTitle === 'Quick look')).toMatchObject({ briefingId: null, format: 'md', marking: 'FOR OFFICIAL USE ONLY' });
  });

  it('deletes and restores a briefing', async () => {
    expect((await runCli(['briefing', 'delete', b.id, '--db', db])).code).toBe(0);
    expect((await runCli(['export', b.id, '--format', 'md', '--out', path.join(out, 'gone.md'), '--db', db])).code).toBe(1);
    const restored = await runCli(['briefing', 'restore', '--db', db, '--json']);
    expect(restored.json<Briefing>().id).toBe(b.id);
  });

  it('undoes and redoes a briefing change with workbench undo / redo', async () => {
    expect((await runCli(['briefing', 'delete', b.id, '--db', db])).code).toBe(0);
    const undo = await runCli(['undo', '--db', db, '--json']);
    expect(undo.code).toBe(0);
    expect(undo.json<{ done: boolean; label: { en: string }; briefingIds: string[] }>()).toMatchObject({ done: true, label: { en: `Delete briefing "${b.title}"` }, briefingIds: [b.id] });
    expect((await runCli(['briefings', '--db', db, '--json'])).json<{ briefings: BriefingSummary[] }>().briefings.map((x) => x.id)).toContain(b.id);
    expect((await runCli(['redo', '--db', db, '--json'])).json<{ done: boolean }>().done).toBe(true);
    expect((await runCli(['briefings', '--db', db, '--json'])).json<{ briefings: BriefingSummary[] }>().briefings.map((x) => x.id)).not.toContain(b.id);
    expect((await runCli(['briefing', 'restore', b.id, '--db', db, '--json'])).json<Briefing>().id).toBe(b.id);
  });

  it.each([
    [['export', 'x', '--format', 'rtf', '--out', 'a'], /--format must be one of/],
    [['export', 'x', '--format', 'md'], /--out FILE is required/],
    [['export', '--format', 'md', '--out', 'a'], /briefing id .* or --from-annotations/],
    [['briefing', 'create', '--group-by', 'pillar'], /--title is required/],
    [['briefing', 'create', '--title', 'T', '--group-by', 'colour'], /--group-by must be one of/],
    [['briefing', 'create', '--title', 'T', '--date', 'tomorrow'], /--date/],
    [['briefing', 'frobnicate'], /unknown subcommand/],
  ])('usage error: %j', async (args, message) => {
    const run = await runCli([...args, '--db', db]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('names a missing pillar or an unwritable path', async () => {
    const p = await runCli(['briefing', 'create', '--title', 'T', '--pillar', 'no-such', '--db', db]);
    expect(p.code).toBe(1);
    expect(p.stderr).toMatch(/no-such/);
    const w = await runCli(['export', '--from-annotations', '--format', 'md', '--out', path.join(out, 'nope', 'x.md'), '--db', db, '--json']);
    expect(w.code).toBe(1);
    expect(JSON.parse(w.stderr).error).toMatchObject({ code: 'io', subject: path.join(out, 'nope', 'x.md') });
    expect(fs.existsSync(path.join(out, 'nope'))).toBe(false);
  });
});
