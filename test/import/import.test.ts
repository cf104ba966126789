// Importing the analyst's own sources: encodings, HTML, metadata inference, and bad files
// (empty, binary, too large, id taken by another file, bundled id) rejected with nothing written.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/app/context';
import { listDocuments, listStatements } from '../../electron/corpus/repo';
import { importDocument, removeDocument } from '../../electron/import/import';
import { htmlToText } from '../../electron/import/html';
import { apiFor } from '../helpers/api';
import { runCli } from '../helpers/cli';
import { closeContext, corpusContext, REPO_ROOT, tempDbPath } from '../helpers/db';

const FIX = path.join(REPO_ROOT, 'test', 'fixtures', 'import');
const read = (name: string) => fs.readFileSync(path.join(FIX, name));

let ctx: AppContext;
beforeAll(() => {
  ctx = corpusContext();
});
afterAll(() => closeContext(ctx));

describe('import', () => {
  it.each([
    ['memo-utf8.txt', 'utf-8'],
    ['memo-sjis.txt', 'shift_jis'],
    ['memo-eucjp.txt', 'euc-jp'],
    ['memo-iso2022jp.txt', 'iso-2022-jp'],
    ['memo-utf16le-bom.txt', 'utf-16le'],
    ['memo-utf16le-nobom.txt', 'utf-16le'],
    ['memo-utf16be-nobom.txt', 'utf-16be'],
  ])('reads %s (%s) to the same text, title and date', async (file, encoding) => {
    const r = await importDocument(ctx.db, { fileName: file, bytes: read(file), id: `memo-${file.replace(/\.txt$/, '')}` });
    expect(r.encoding).toBe(encoding);
    const doc = listDocuments(ctx.db).find((d) => d.id === r.documentId)!;
    expect(doc).toMatchObject({ title: '経済安全保障に関するメモ', date: '2022-05-18', origin: 'imported', kind: 'other' });
    const texts = listStatements(ctx.db, r.documentId).map((s) => s.text).join('\n');
    expect(texts).toContain('半導体のサプライチェーン強靱化について検討した。');
    expect(texts).toContain('重要物資の安定供給');
  });

  it('strips HTML to text: no tags, no script, entities decoded, <title> as title', async () => {
    const r = await importDocument(ctx.db, { fileName: 'page.html', bytes: read('page.html') });
    const doc = listDocuments(ctx.db).find((d) => d.id === r.documentId)!;
    expect(doc.title).toBe('特定重要物資の指定について & 解説');
    const all = listStatements(ctx.db, r.documentId).map((s) => s.text).join('\n');
    expect(all).toContain('政府は、半導体や蓄電池など11分野を特定重要物資に指定した。');
    expect(all).toContain('永久磁石 と重要鉱物');
    expect(all).not.toMatch(/<|alert|color:red|hidden comment/);
    expect(htmlToText('<p>&#x5F37;&#38769;&lt;&bogus;</p>').text).toBe('強靱<&bogus;');
    expect(htmlToText('<p>a<br>b</p>').text).toBe('a\nb');
  });

  it('the same bytes again are a duplicate; another file under a taken id needs replace', async () => {
    const bytes = Buffer.from('最初の版です。\n\n二つ目の段落。\n');
    const first = await importDocument(ctx.db, { fileName: 'draft.txt', bytes, id: 'draft-note' });
    expect(first).toMatchObject({ status: 'imported', version: 1 });
    const again = await importDocument(ctx.db, { fileName: 'copy-of-draft.txt', bytes });
    expect(again).toMatchObject({ status: 'duplicate', documentId: 'draft-note' });
    await expect(importDocument(ctx.db, { fileName: 'other.txt', bytes: Buffer.from('別の文書。'), id: 'draft-note' })).rejects.toMatchObject({ code: 'conflict', subject: 'draft-note' });
    const r = await importDocument(ctx.db, { fileName: 'other.txt', bytes: Buffer.from('改訂版です。\n\n二つ目の段落。\n'), id: 'draft-note', replace: true });
    expect(r).toMatchObject({ replaced: true, status: 'new-version', version: 2 });
    expect(listStatements(ctx.db, 'draft-note').map((s) => s.text)).toContain('改訂版です。');
    removeDocument(ctx.db, 'draft-note');
    expect(listDocuments(ctx.db).some((d) => d.id === 'draft-note')).toBe(false);
  });

  it('rejects bad files with a message naming the file, writing nothing', async () => {
    const before = listDocuments(ctx.db).length;
    const cases: [string, Uint8Array, string][] = [
      ['empty.txt', new Uint8Array(0), 'bad-input'],
      ['binary.bin', read('binary.bin'), 'bad-input'],
      ['blank.txt', Buffer.from('   \n\n\t  \n'), 'bad-input'],
      ['huge.txt', Buffer.alloc(21 * 1024 * 1024, 0x41), 'bad-input'],
    ];
    for (const [name, bytes, code] of cases) {
      await expect(importDocument(ctx.db, { fileName: name, bytes }), name).rejects.toMatchObject({ code, subject: name });
    }
    const bundled = listDocuments(ctx.db).find((d) => d.origin === 'bundled')!;
    await expect(importDocument(ctx.db, { fileName: 'x.txt', bytes: Buffer.from('本文'), id: bundled.id })).rejects.toMatchObject({ code: 'conflict' });
    await expect(importDocument(ctx.db, { fileName: 'x.txt', bytes: Buffer.from('本文'), id: 'Bad Id!' })).rejects.toMatchObject({ code: 'bad-input' });
    await expect(importDocument(ctx.db, { fileName: 'x.txt', bytes: Buffer.from('本文'), date: '令和4年' })).rejects.toMatchObject({ code: 'bad-input' });
    expect(() => removeDocument(ctx.db, bundled.id)).toThrowError(expect.objectContaining({ code: 'conflict' }));
    expect(listDocuments(ctx.db).length).toBe(before);
  });

  it('works through the API (base64) and the CLI', async () => {
    const api = apiFor(ctx);
    const r = await api.call('documents.import', { fileName: 'api-memo.txt', contentBase64: Buffer.from('API経由で取り込む文書です。').toString('base64'), id: 'api-memo', kind: 'report' });
    expect(r).toMatchObject({ status: 'imported', format: 'text', encoding: 'utf-8', version: 1 });
    expect(r.document).toMatchObject({ id: 'api-memo', kind: 'report', origin: 'imported' });
    // The Shift_JIS memo was imported above under another id: the same bytes are a duplicate.
    const dup = await api.call('documents.import', { fileName: 'renamed.txt', contentBase64: read('memo-sjis.txt').toString('base64') });
    expect(dup).toMatchObject({ status: 'duplicate', document: { id: 'memo-memo-sjis' } });
    await expect(api.call('documents.import', { fileName: 'b.bin', contentBase64: read('binary.bin').toString('base64') })).rejects.toMatchObject({ data: { code: 'bad-input', subject: 'b.bin' } });
    const db = tempDbPath();
    const cli = await runCli(['import', path.join(FIX, 'page.html'), '--db', db, '--kind', 'article', '--json']);
    expect(cli.code).toBe(0);
    const out = cli.json<{ imported: { documentId: string; format: string; encoding: string }[]; duplicates: unknown[]; failed: unknown[] }>();
    expect(out.imported).toHaveLength(1);
    expect(out.imported[0]).toMatchObject({ format: 'html', encoding: 'utf-8' });
    expect(out).toMatchObject({ duplicates: [], failed: [] });
    const missing = await runCli(['import', path.join(FIX, 'nope.txt'), '--db', db]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('nope.txt');
  });
});
