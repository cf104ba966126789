// Importing the analyst's own sources: encodings, HTML, metadata inference, and bad files
// (empty, binary, too large, duplicate id, bundled id) rejected with nothing written.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/app/context';
import { listDocuments, listStatements } from '../../electron/corpus/repo';
import { importDocument, removeDocument } from '../../electron/import/import';
import { decodeEntities, htmlToText } from '../../electron/import/html';
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
  ])('reads %s (%s) to the same text, title and date', (file, encoding) => {
    const r = importDocument(ctx.db, { fileName: file, bytes: read(file), id: `memo-${encoding.replace('_', '-')}` });
    expect(r.encoding).toBe(encoding);
    const doc = listDocuments(ctx.db).find((d) => d.id === r.documentId)!;
    expect(doc).toMatchObject({ title: '経済安全保障に関するメモ', date: '2022-05-18', origin: 'imported', kind: 'other' });
    const texts = listStatements(ctx.db, r.documentId).map((s) => s.text).join('\n');
    expect(texts).toContain('半導体のサプライチェーン強靱化について検討した。');
    expect(texts).toContain('重要物資の安定供給');
  });

  it('strips HTML to text: no tags, no script, entities decoded, <title> as title', () => {
    const r = importDocument(ctx.db, { fileName: 'page.html', bytes: read('page.html') });
    const doc = listDocuments(ctx.db).find((d) => d.id === r.documentId)!;
    expect(doc.title).toBe('特定重要物資の指定について & 解説');
    const all = listStatements(ctx.db, r.documentId).map((s) => s.text).join('\n');
    expect(all).toContain('政府は、半導体や蓄電池など11分野を特定重要物資に指定した。');
    expect(all).toContain('永久磁石 と重要鉱物');
    expect(all).not.toMatch(/<|alert|color:red|hidden comment/);
    expect(decodeEntities('&#x5F37;&#38769;&lt;&bogus;&#xD800;')).toBe('強靱<&bogus;&#xD800;');
    expect(htmlToText('<p>a<br>b</p>').text).toBe('a\nb');
  });

  it('re-import needs replace; replace updates the text', () => {
    const bytes = Buffer.from('最初の版です。\n\n二つ目の段落。\n');
    importDocument(ctx.db, { fileName: 'draft.txt', bytes, id: 'draft-note' });
    expect(() => importDocument(ctx.db, { fileName: 'draft.txt', bytes, id: 'draft-note' })).toThrowError(expect.objectContaining({ code: 'conflict', subject: 'draft-note' }));
    const r = importDocument(ctx.db, { fileName: 'draft.txt', bytes: Buffer.from('改訂版です。\n\n二つ目の段落。\n'), id: 'draft-note', replace: true });
    expect(r.replaced).toBe(true);
    expect(listStatements(ctx.db, 'draft-note').map((s) => s.text)).toContain('改訂版です。');
    removeDocument(ctx.db, 'draft-note');
    expect(listDocuments(ctx.db).some((d) => d.id === 'draft-note')).toBe(false);
  });

  it('rejects bad files with a message naming the file, writing nothing', () => {
    const before = listDocuments(ctx.db).length;
    const cases: [string, Uint8Array, string][] = [
      ['empty.txt', new Uint8Array(0), 'bad-input'],
      ['binary.bin', read('binary.bin'), 'bad-input'],
      ['blank.txt', Buffer.from('   \n\n\t  \n'), 'bad-input'],
      ['huge.txt', Buffer.alloc(21 * 1024 * 1024, 0x41), 'bad-input'],
    ];
    for (const [name, bytes, code] of cases) {
      expect(() => importDocument(ctx.db, { fileName: name, bytes }), name).toThrowError(expect.objectContaining({ code, subject: name }));
    }
    const bundled = listDocuments(ctx.db).find((d) => d.origin === 'bundled')!;
    expect(() => importDocument(ctx.db, { fileName: 'x.txt', bytes: Buffer.from('本文'), id: bundled.id })).toThrowError(expect.objectContaining({ code: 'conflict' }));
    expect(() => importDocument(ctx.db, { fileName: 'x.txt', bytes: Buffer.from('本文'), id: 'Bad Id!' })).toThrowError(expect.objectContaining({ code: 'bad-input' }));
    expect(() => importDocument(ctx.db, { fileName: 'x.txt', bytes: Buffer.from('本文'), date: '令和4年' })).toThrowError(expect.objectContaining({ code: 'bad-input' }));
    expect(() => removeDocument(ctx.db, bundled.id)).toThrowError(expect.objectContaining({ code: 'conflict' }));
    expect(listDocuments(ctx.db).length).toBe(before);
  });

  it('works through the API (base64) and the CLI', async () => {
    const api = apiFor(ctx);
    const r = await api.call('documents.import', { fileName: 'memo-sjis.txt', contentBase64: read('memo-sjis.txt').toString('base64'), id: 'api-memo', kind: 'report' });
    expect(r.document).toMatchObject({ id: 'api-memo', kind: 'report', origin: 'imported' });
    await expect(api.call('documents.import', { fileName: 'b.bin', contentBase64: read('binary.bin').toString('base64') })).rejects.toMatchObject({ data: { code: 'bad-input', subject: 'b.bin' } });
    const db = tempDbPath();
    const cli = await runCli(['import', path.join(FIX, 'page.html'), '--db', db, '--kind', 'article', '--json']);
    expect(cli.code).toBe(0);
    expect(cli.json<{ document: { kind: string; title: string } }>().document).toMatchObject({ kind: 'article' });
    const missing = await runCli(['import', path.join(FIX, 'nope.txt'), '--db', db]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('nope.txt');
  });
});
