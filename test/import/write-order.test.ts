// Two files in flight (the CLI keeps the next file preparing while one is written): the writes
// still happen in the order the files were sent, so a quick second `memo.txt` from another
// folder never overtakes a slow first one and steals its document, and everything comes out as
// importing them one by one would. Also the two small pieces that make the window.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/app/context';
import { listStatements } from '../../electron/corpus/repo';
import { importDocument } from '../../electron/import/import';
import { INLINE_BELOW_BYTES } from '../../electron/import/prepare';
import { takeWriteTurn } from '../../electron/import/write-order';
import { mapWindowed } from '../../shared/async/windowed';
import { runCli } from '../helpers/cli';
import { closeContext, makeContext, tempDir } from '../helpers/db';

let ctx: AppContext;
beforeAll(() => {
  ctx = makeContext();
});
afterAll(() => closeContext(ctx));

/** A text large enough to be prepared in the worker (slow), with its own first line. */
function largeText(first: string): Buffer {
  const line = '重要物資の安定的な供給を確保するため、調達先の多様化と備蓄を進める。';
  const lines = [first, ''];
  while (Buffer.byteLength(lines.join('\n')) < INLINE_BELOW_BYTES * 4) lines.push(`${line}（${lines.length}）`, '');
  return Buffer.from(lines.join('\n'));
}

describe('write order', () => {
  it('a quick second file of the same name waits for the slow first one', async () => {
    const slow = importDocument(ctx.db, { fileName: 'memo.txt', bytes: largeText('遅い方の覚書') });
    const quick = importDocument(ctx.db, { fileName: 'memo.txt', bytes: Buffer.from('速い方の覚書\n\n短い本文。\n'), separate: true });
    const [a, b] = await Promise.all([slow, quick]);
    expect(a).toMatchObject({ status: 'imported', documentId: 'import-memo', version: 1 });
    expect(b).toMatchObject({ status: 'imported', documentId: 'import-memo-2', version: 1 });
    expect(listStatements(ctx.db, 'import-memo')[0].text).toBe('遅い方の覚書');
    expect(listStatements(ctx.db, 'import-memo-2')[0].text).toBe('速い方の覚書');
  });

  it('the same bytes sent twice at once: the second is the duplicate of the first', async () => {
    const bytes = largeText('二度送られた報告');
    const [a, b] = await Promise.all([importDocument(ctx.db, { fileName: 'twice-a.txt', bytes }), importDocument(ctx.db, { fileName: 'twice-b.txt', bytes })]);
    expect(a.status).toBe('imported');
    expect(b).toMatchObject({ status: 'duplicate', documentId: a.documentId });
  });

  it('a failed write lets the next one go', async () => {
    const bad = importDocument(ctx.db, { fileName: 'bad.txt', bytes: Buffer.from('本文'), id: 'Bad Id!' });
    const good = importDocument(ctx.db, { fileName: 'after-bad.txt', bytes: Buffer.from('失敗の後の文書。\n') });
    await expect(bad).rejects.toMatchObject({ code: 'bad-input' });
    await expect(good).resolves.toMatchObject({ status: 'imported' });
  });

  it('the CLI imports a folder two files at a time with the one-by-one outcome', async () => {
    const dir = tempDir();
    for (const folder of ['a', 'b']) fs.mkdirSync(path.join(dir, folder));
    // In the order the CLI takes them (sorted): a/note.txt (slow), b/copy.txt (its bytes again),
    // b/empty.txt (refused), b/note.txt (quick, another folder's file of the same name).
    fs.writeFileSync(path.join(dir, 'a', 'note.txt'), largeText('フォルダ a の覚書'));
    fs.writeFileSync(path.join(dir, 'b', 'copy.txt'), largeText('フォルダ a の覚書'));
    fs.writeFileSync(path.join(dir, 'b', 'note.txt'), 'フォルダ b の覚書\n\n短い。\n');
    fs.writeFileSync(path.join(dir, 'b', 'empty.txt'), '');
    const db = path.join(tempDir(), 'w.db');
    const r = await runCli(['import', dir, '--db', db, '--json']);
    expect(r.code).toBe(1);
    const out = r.json() as { imported: { path: string; documentId: string }[]; duplicates: { path: string; documentId: string }[]; failed: { path: string }[] };
    expect(out.imported.map((i) => [path.relative(dir, i.path), i.documentId])).toEqual([
      [path.join('a', 'note.txt'), 'import-note'],
      [path.join('b', 'note.txt'), 'import-note-2'],
    ]);
    expect(out.duplicates).toEqual([{ path: path.join(dir, 'b', 'copy.txt'), documentId: 'import-note' }]);
    expect(out.failed.map((f) => path.relative(dir, f.path))).toEqual([path.join('b', 'empty.txt')]);
  });
});

describe('the window', () => {
  it('turns are taken in call order and released in any order', async () => {
    const order: string[] = [];
    const db = ctx.db;
    const first = takeWriteTurn(db);
    const second = takeWriteTurn(db);
    const third = takeWriteTurn(db);
    void third.ready.then(() => order.push('third'));
    void second.ready.then(() => order.push('second'));
    await first.ready;
    order.push('first');
    third.done(); // done before its turn: it never blocks the line behind it
    expect(order).toEqual(['first']);
    first.done();
    await second.ready;
    second.done();
    await third.ready;
    await Promise.resolve();
    expect(order).toEqual(['first', 'second', 'third']);
  });

  it('mapWindowed keeps at most width steps in flight, answers in order, and stops starting when told', async () => {
    let inFlight = 0;
    let most = 0;
    const step = async (n: number) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, (5 - n) * 3));
      inFlight--;
      if (n === 2) throw new Error('two');
      return n * 10;
    };
    const all = await mapWindowed([0, 1, 2, 3, 4], 2, step);
    expect(most).toBe(2);
    expect(all).toEqual([{ ok: true, value: 0 }, { ok: true, value: 10 }, { ok: false, error: new Error('two') }, { ok: true, value: 30 }, { ok: true, value: 40 }]);
    let started = 0;
    const some = await mapWindowed([0, 1, 2, 3, 4], 2, async (n) => {
      started++;
      return n;
    }, () => started >= 3);
    expect(some.map((s) => s.ok && s.value)).toEqual([0, 1, 2]);
    await expect(mapWindowed([1], 0, async (n) => n)).rejects.toThrow(RangeError);
  });
});
