// The review round trip: a DOCX export carries the annotation notes as Word comments anchored on
// their quotes; the test then edits the file the way Word does (a reviewer's w:comment with its
// range markers, a tracked w:ins, an untracked rewrite) and reads it back through an upload.
// A file that is not ours, or is corrupt, is refused with a message and nothing is written.
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/app/context';
import { exportBriefing } from '../../electron/export';
import type { ApiClient } from '../../shared/api/client';
import type { Briefing, BriefingReview } from '../../shared/briefing';
import { apiFor } from '../helpers/api';
import { runCli } from '../helpers/cli';
import { apiError } from '../helpers/annotate';
import { closeContext, corpusContext, tempDir } from '../helpers/db';
import { annotatePillars, type Fixture } from './evidence-fixture';

let ctx: AppContext;
let api: ApiClient;
let fx: Fixture;
let b: Briefing;
let exported: Record<string, Uint8Array>;

beforeAll(async () => {
  ctx = corpusContext();
  api = apiFor(ctx);
  fx = annotatePillars(ctx.db, 1);
  await api.call('profile.set', { name: '経済 太郎' });
  ({ briefing: b } = await api.call('briefings.create', { title: '校閲に回す論点整理', template: { from: 'annotations' } }));
  const file = path.join(tempDir('wb-review-'), 'note.docx');
  await exportBriefing(ctx.db, b.id, { format: 'docx', path: file, author: ctx.author });
  exported = unzipSync(fs.readFileSync(file));
});
afterAll(() => closeContext(ctx));

const xml = (name: string) => strFromU8(exported[name]);

async function upload(bytes: Uint8Array, fileName = 'reviewed.docx') {
  const { id } = await api.call('uploads.append', { chunkBase64: Buffer.from(bytes).toString('base64') });
  return { upload: id, fileName };
}

/** What the database holds that a review must not touch. */
function state() {
  return {
    briefing: JSON.stringify(ctx.db.prepare('SELECT * FROM briefings WHERE id = ?').get(b.id)),
    items: (ctx.db.prepare('SELECT COUNT(*) AS n FROM briefing_items').get() as { n: number }).n,
    changes: (ctx.db.prepare('SELECT COUNT(*) AS n FROM change_groups').get() as { n: number }).n,
  };
}

describe('the DOCX export as a review copy', () => {
  it('carries each annotation note as a Word comment by the analyst, anchored on its quote', () => {
    const comments = xml('word/comments.xml');
    const doc = xml('word/document.xml');
    for (const [i, a] of fx.all.entries()) {
      expect(comments).toContain(a.comment);
      const range = new RegExp(`<w:commentRangeStart w:id="${i}"/>([\\s\\S]*?)<w:commentRangeEnd w:id="${i}"/>`).exec(doc);
      expect(range, `comment ${i} has a range`).not.toBeNull();
      expect([...range![1].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')).toBe(a.target.quote.exact);
      expect(doc).toContain(`<w:commentReference w:id="${i}"/>`);
    }
    expect(comments).toMatch(/w:author="経済 太郎"/);
    expect(xml('docProps/custom.xml')).toContain(b.id);
  });
});

/** The export as the director returns it from Word: a comment on 「（案）」 and a tracked insertion. */
function reviewedByDirector(): Uint8Array {
  const files = { ...exported };
    const doc = xml('word/document.xml');
    // Word adds the reviewer's comment around the title's text and a tracked insertion after it.
    const title = /<w:t xml:space="preserve">校閲に回す論点整理<\/w:t>|<w:t>校閲に回す論点整理<\/w:t>/.exec(doc)![0];
    files['word/document.xml'] = strToU8(
      doc.replace(
        title,
        `${title}</w:r><w:commentRangeStart w:id="90"/><w:r><w:t>（案）</w:t></w:r><w:commentRangeEnd w:id="90"/><w:r><w:commentReference w:id="90"/></w:r>` +
          `<w:ins w:id="91" w:author="課長 山田" w:date="2026-12-02T09:00:00Z"><w:r><w:t>（確認済）</w:t></w:r></w:ins><w:r><w:t></w:t>`,
      ),
    );
    files['word/comments.xml'] = strToU8(
      xml('word/comments.xml').replace(
        '</w:comments>',
        '<w:comment w:id="90" w:author="課長 山田" w:date="2026-12-02T08:30:00Z" w:initials="山"><w:p><w:r><w:t>「案」は外してください。</w:t></w:r></w:p></w:comment></w:comments>',
      ),
    );
  return zipSync(files);
}

describe('reading a reviewed DOCX back', () => {
  it("lists the director's comment (author, date, text, anchored words) and a tracked insertion, writing nothing", async () => {
    const before = state();
    const { review } = await api.call('briefings.review', { id: b.id, source: await upload(reviewedByDirector()) });
    expect(review.briefingId).toBe(b.id);
    const director = review.comments.filter((c) => !c.fromExport);
    expect(director).toEqual([{ id: '90', author: '課長 山田', date: '2026-12-02T08:30:00Z', text: '「案」は外してください。', anchor: '（案）', fromExport: false }]);
    expect(review.comments.filter((c) => c.fromExport).map((c) => c.text).sort()).toEqual(fx.all.map((a) => a.comment).sort());
    expect(review.edits).toEqual([{ kind: 'insert', author: '課長 山田', date: '2026-12-02T09:00:00Z', text: '（確認済）', paragraph: '校閲に回す論点整理（案）（確認済）' }]);
    expect(review.changes).toEqual([]);
    expect(state()).toEqual(before);
  });

  it('reports an untracked rewrite of a paragraph as a before/after change', async () => {
    const files = { ...exported };
    const quote = fx.all[0].target.quote.exact;
    const doc = xml('word/document.xml');
    expect(doc).toContain(quote);
    files['word/document.xml'] = strToU8(doc.replace(quote, '差し替えた引用'));
    const { review } = await api.call('briefings.review', { id: b.id, source: await upload(zipSync(files)) });
    expect(review.edits).toEqual([]);
    expect(review.changes).toEqual([{ before: quote, after: '差し替えた引用' }]);
  });

  it.each([
    ['not ours (no WorkbenchBriefingId property)', () => zipSync({ ...exported, 'docProps/custom.xml': strToU8(xml('docProps/custom.xml').replace('WorkbenchBriefingId', 'Other')) }), 'WorkbenchBriefingId'],
    ['corrupt (cut in half)', () => zipSync(exported).subarray(0, 4000), 'reviewed.docx'],
    ['with a DTD', () => zipSync({ ...exported, 'word/comments.xml': strToU8(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${xml('word/comments.xml').replace(/^<\?xml[^>]*\?>/, '')}`) }), 'DTD'],
    ['not a zip at all', () => strToU8('これは Word 文書ではありません'), 'reviewed.docx'],
  ])('refuses a DOCX that is %s, with a message, and writes nothing', async (_what, make, says) => {
    const before = state();
    const e = await apiError(api.call('briefings.review', { id: b.id, source: await upload(make()) }));
    expect(e.data.code).toBe('bad-input');
    expect(e.data.message.en).toContain(says);
    expect(e.data.message.ja.length).toBeGreaterThan(10);
    expect(state()).toEqual(before);
  });

  it("refuses another briefing's export, naming it", async () => {
    const { briefing: other } = await api.call('briefings.create', { title: '別の資料' });
    const e = await apiError(api.call('briefings.review', { id: other.id, source: await upload(zipSync(exported)) }));
    expect(e.data.message.en).toContain(`another briefing (${b.id})`);
  });
});

describe('workbench briefing review', () => {
  it("prints the director's comments (author, date, anchored words, text) and edits, as JSON and as text, writing nothing", async () => {
    const file = path.join(tempDir('wb-review-cli-'), 'reviewed.docx');
    fs.writeFileSync(file, reviewedByDirector());
    const before = state();
    const json = await runCli(['briefing', 'review', b.id, file, '--db', ctx.dbPath, '--json']);
    expect(json.stderr).toBe('');
    expect(json.code).toBe(0);
    const review = json.json<BriefingReview>();
    expect(review).toMatchObject({ briefingId: b.id, fileName: 'reviewed.docx' });
    expect(review.comments.filter((c) => !c.fromExport)).toEqual([{ id: '90', author: '課長 山田', date: '2026-12-02T08:30:00Z', text: '「案」は外してください。', anchor: '（案）', fromExport: false }]);
    expect(review.edits).toEqual([{ kind: 'insert', author: '課長 山田', date: '2026-12-02T09:00:00Z', text: '（確認済）', paragraph: '校閲に回す論点整理（案）（確認済）' }]);
    const text = await runCli(['briefing', 'review', b.id, file, '--db', ctx.dbPath]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`reviewed.docx: ${fx.all.length + 1} comments, 1 tracked edits`);
    expect(text.stdout).toContain('comment 90\t課長 山田\t2026-12-02T08:30:00Z\n  on「（案）」\n  「案」は外してください。\n');
    expect(text.stdout).toContain('inserted\t課長 山田\t2026-12-02T09:00:00Z\t「（確認済）」');
    expect(state()).toEqual(before);
  });

  it.each([
    ['corrupt', () => zipSync(exported).subarray(0, 4000), 'reviewed.docx'],
    ['not ours', () => zipSync({ ...exported, 'docProps/custom.xml': strToU8(xml('docProps/custom.xml').replace('WorkbenchBriefingId', 'Other')) }), 'WorkbenchBriefingId'],
  ])('exits 1 with the typed message for a DOCX that is %s', async (_what, make, says) => {
    const file = path.join(tempDir('wb-review-cli-'), 'reviewed.docx');
    fs.writeFileSync(file, make());
    const before = state();
    const r = await runCli(['briefing', 'review', b.id, file, '--db', ctx.dbPath, '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(says);
    expect(state()).toEqual(before);
  });

  it('asks for the file when it is missing (usage, exit 2)', async () => {
    const r = await runCli(['briefing', 'review', b.id, '--db', ctx.dbPath]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the reviewed DOCX is required');
  });
});
