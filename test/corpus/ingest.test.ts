// Ingest: idempotent for the bundled corpus, re-ingests a changed document atomically,
// stable ids for unchanged text, and a kill mid-ingest leaves each document absent or whole.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ingestBundledCorpus, ingestDocument } from '../../electron/corpus/ingest';
import { listStatements } from '../../electron/corpus/repo';
import { segmentDocument } from '../../electron/corpus/segment';
import { openDatabase } from '../../electron/store/open';
import { libraryPathFor } from '../../electron/store/library-file';
import type { DocumentMeta } from '../../shared/model';
import { REPO_ROOT, RESOURCES_DIR, tempDbPath, tempDir } from '../helpers/db';

const meta: DocumentMeta = { id: 'test-doc', title: 'テスト文書', date: '2022-05-18', issuer: null, kind: 'report', language: 'ja', source: 'test.txt' };

describe('ingest', () => {
  it('ingests the bundled corpus once; an unchanged corpus is skipped', () => {
    const db = openDatabase(tempDbPath());
    const first = ingestBundledCorpus(db, RESOURCES_DIR);
    expect(first.skipped).toBe(false);
    const ids = db.prepare('SELECT id FROM statements ORDER BY rowid').all();
    const second = ingestBundledCorpus(db, RESOURCES_DIR);
    expect(second.skipped).toBe(true);
    expect(second.documents.map((d) => d.statements)).toEqual(first.documents.map((d) => d.statements));
    expect(db.prepare('SELECT id FROM statements ORDER BY rowid').all()).toEqual(ids);
    db.close();
  });

  it('reports progress document by document while ingesting, and nothing when skipped', () => {
    const db = openDatabase(tempDbPath());
    const seen: [number, number, string | undefined][] = [];
    ingestBundledCorpus(db, RESOURCES_DIR, { onProgress: (done, total, title) => seen.push([done, total, title]) });
    expect(seen.map(([done]) => done)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(seen.every(([, total]) => total === 5)).toBe(true);
    const titles = db.prepare("SELECT title FROM documents WHERE origin = 'bundled'").pluck().all();
    expect(new Set(seen.slice(0, 5).map(([, , t]) => t))).toEqual(new Set(titles));
    expect(seen[5][2]).toBeUndefined();
    const again: unknown[] = [];
    ingestBundledCorpus(db, RESOURCES_DIR, { onProgress: (...a) => again.push(a) });
    expect(again).toEqual([]);
    db.close();
  });

  it('keeps statement ids when the same text is ingested again, even into a new database', () => {
    const a = openDatabase(tempDbPath());
    const b = openDatabase(tempDbPath());
    ingestBundledCorpus(a, RESOURCES_DIR);
    ingestBundledCorpus(b, RESOURCES_DIR);
    const q = 'SELECT id, text FROM statements ORDER BY document_id, ordinal';
    expect(b.prepare(q).all()).toEqual(a.prepare(q).all());
    a.close();
    b.close();
  });

  it('re-ingests a changed document: edited paragraph gets a new id, the others keep theirs', () => {
    const db = openDatabase(tempDbPath());
    const v1 = '最初の段落です。\n\n二番目の段落です。\n\n三番目の段落です。\n';
    ingestDocument(db, meta, v1, { origin: 'imported' });
    const before = listStatements(db, meta.id);
    const v2 = v1.replace('二番目の段落です。', '二番目の段落を書き直しました。');
    const r = ingestDocument(db, meta, v2, { origin: 'imported' });
    expect(r.changed).toBe(true);
    const after = listStatements(db, meta.id);
    expect(after.map((s) => s.text)).toContain('二番目の段落を書き直しました。');
    const keep = (t: string) => [before.find((s) => s.text === t)!.id, after.find((s) => s.text === t)!.id];
    const [x, y] = keep('最初の段落です。');
    expect(y).toBe(x);
    expect(ingestDocument(db, meta, v2, { origin: 'imported' }).changed).toBe(false);
    db.close();
  });

  it('writes nothing when a hook fails inside the transaction', () => {
    const db = openDatabase(tempDbPath());
    ingestDocument(db, meta, '元の本文です。', { origin: 'imported' });
    const before = db.prepare('SELECT * FROM statements').all();
    expect(() =>
      ingestDocument(db, meta, 'まったく新しい本文です。', {
        origin: 'imported',
        afterReplace: [() => { throw new Error('hook failed'); }],
      }),
    ).toThrow('hook failed');
    expect(db.prepare('SELECT * FROM statements').all()).toEqual(before);
    expect((db.prepare('SELECT text FROM documents WHERE id = ?').get(meta.id) as { text: string }).text).toContain('元の本文');
    db.close();
  });

  it('names a missing bundled file and writes nothing', () => {
    const res = tempDir();
    fs.mkdirSync(path.join(res, 'corpus'));
    const manifest = JSON.parse(fs.readFileSync(path.join(RESOURCES_DIR, 'corpus', 'manifest.json'), 'utf8'));
    fs.writeFileSync(path.join(res, 'corpus', 'manifest.json'), JSON.stringify(manifest));
    for (const d of manifest.documents.slice(1)) fs.copyFileSync(path.join(RESOURCES_DIR, 'corpus', d.source), path.join(res, 'corpus', d.source));
    const db = openDatabase(tempDbPath());
    expect(() => ingestBundledCorpus(db, res)).toThrowError(expect.objectContaining({ code: 'io', subject: path.join(res, 'corpus', manifest.documents[0].source) }));
    expect(db.prepare('SELECT COUNT(*) AS n FROM documents').get()).toEqual({ n: 0 });
    fs.writeFileSync(path.join(res, 'corpus', 'manifest.json'), '{"version":1,"documents":[{"id":"Bad Id"}]}');
    expect(() => ingestBundledCorpus(db, res)).toThrowError(expect.objectContaining({ code: 'bad-input' }));
    db.close();
  });

  it('a kill at a random moment leaves every document either absent or complete', async () => {
    const dist = path.join(REPO_ROOT, 'dist', 'electron', 'corpus', 'ingest.js');
    expect(fs.existsSync(dist), 'npm test builds dist/ before vitest runs').toBe(true);
    const file = tempDbPath();
    openDatabase(file).close();
    // Each child ingests big documents one after another until it is killed.
    const script = `
      const { openDatabase } = require(${JSON.stringify(path.join(REPO_ROOT, 'dist', 'electron', 'store', 'open.js'))});
      const { ingestDocument } = require(${JSON.stringify(dist)});
      const db = openDatabase(process.argv[1]);
      const para = (d, i) => '文書' + d + 'の段落' + i + '：サプライチェーンの強靱化に関する記述。'.repeat(3);
      for (let d = 0; ; d++) {
        const text = Array.from({ length: 3000 }, (_, i) => para(d, i)).join('\\n\\n');
        ingestDocument(db, { id: 'kill-' + (d % 7), title: 't' + d, date: null, issuer: null, kind: 'report', language: 'ja', source: 'x' }, text + d, { origin: 'imported' });
        process.stdout.write('.');
      }`;
    const para = (d: number, i: number) => '文書' + d + 'の段落' + i + '：サプライチェーンの強靱化に関する記述。'.repeat(3);
    let kills = 0;
    for (let round = 0; round < 8; round++) {
      const child = spawn(process.execPath, ['-e', script, file], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise((r) => setTimeout(r, 150 + Math.floor(Math.random() * 900)));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      kills++;
      // Documents and statements are in the workspace's library file (schema 17).
      const db = new Database(libraryPathFor(file));
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const docs = db.prepare("SELECT id, title FROM documents WHERE id LIKE 'kill-%'").all() as { id: string; title: string }[];
      for (const { id, title } of docs) {
        const d = Number(title.slice(1));
        const text = Array.from({ length: 3000 }, (_, i) => para(d, i)).join('\n\n') + d;
        const expected = segmentDocument(text, { ...meta, id }).statements.length;
        const n = (db.prepare('SELECT COUNT(*) AS n FROM statements WHERE document_id = ?').get(id) as { n: number }).n;
        expect(n, `document ${id} is complete`).toBe(expected);
      }
      db.close();
    }
    expect(kills).toBe(8);
  });
});
