// Batched import (electron/import/batch.ts): many files in one transaction, each in its own
// savepoint. A file refused while the batch is written leaves nothing (no document, statements,
// search entries, record or original) and never costs the batch's other files; the files are the
// same documents, with the same statement ids, as one-by-one imports make; a process killed at a
// random moment leaves every imported file whole, recorded, and its original on disk.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/app/context';
import { listStatements } from '../../electron/corpus/repo';
import { segmentDocument } from '../../electron/corpus/segment';
import { BATCH_MAX_FILES, importBatch, type BatchSource } from '../../electron/import/batch';
import { importDocument } from '../../electron/import/import';
import { undo } from '../../electron/journal/undo';
import { originalsDirFor, sha256Hex } from '../../electron/import/originals';
import { libraryPathFor } from '../../electron/store/library-file';
import { closeContext, corpusContext, REPO_ROOT, tempDir } from '../helpers/db';

let ctx: AppContext;
beforeAll(() => {
  ctx = corpusContext();
});
afterAll(() => closeContext(ctx));

/** A memo whose statements mention `tag`, so each file's rows can be told apart. */
function memo(tag: string, paragraphs = 6): string {
  return `${tag}に関する覚書\n\n${Array.from({ length: paragraphs }, (_, i) => `${tag}の論点${i + 1}：重要物資の安定供給とサプライチェーン強靱化を検討する。`).join('\n\n')}\n`;
}

function sources(files: Record<string, string | Buffer>): BatchSource[] {
  return Object.entries(files).map(([p, content]) => ({ path: `/in/${p}`, read: () => (typeof content === 'string' ? Buffer.from(content) : content) }));
}

function count(sql: string, ...args: unknown[]): number {
  return ctx.db.prepare(sql).pluck().get(...args) as number;
}

describe('batched import', () => {
  it('a file refused inside the batch transaction leaves nothing, and the batch keeps its good files', async () => {
    // Refused by the database while the batch is written (after reading and extraction succeeded):
    // a temporary trigger aborts any statement carrying the word, as a constraint or full disk would.
    ctx.db.exec(`CREATE TEMP TRIGGER refuse_bad AFTER INSERT ON library.statements WHEN NEW.text LIKE '%拒否対象%' BEGIN SELECT RAISE(ABORT, 'refused by test'); END`);
    try {
      const files: Record<string, string | Buffer> = {
        'alpha.txt': memo('アルファ'),
        'beta.html': `<html><head><title>ベータ</title></head><body>${memo('ベータ').split('\n\n').map((p) => `<p>${p}</p>`).join('')}</body></html>`,
        'bad-middle.txt': memo('拒否対象'),
        'binary.txt': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3]),
        'gamma.txt': memo('ガンマ'),
      };
      const dir = originalsDirFor(ctx.dbPath);
      const summary = await importBatch(ctx.db, sources(files));
      expect(summary.imported.map((i) => i.path).sort()).toEqual(['/in/alpha.txt', '/in/beta.html', '/in/gamma.txt']);
      expect(summary.failed.map((f) => f.path).sort()).toEqual(['/in/bad-middle.txt', '/in/binary.txt']);
      const bad = summary.failed.find((f) => f.path === '/in/bad-middle.txt')!;
      expect(bad.error.subject).toBe('/in/bad-middle.txt');
      expect(summary.failed.find((f) => f.path === '/in/binary.txt')!.error.message.en).toMatch(/binary\.txt: .*executable/);

      for (const i of summary.imported) {
        const statements = listStatements(ctx.db, i.documentId);
        expect(statements.length).toBe(i.statements);
        expect(count('SELECT COUNT(*) FROM import_records WHERE document_id = ?', i.documentId)).toBe(1);
        expect(fs.existsSync(path.join(dir, sha256Hex(Buffer.from(files[path.basename(i.path)])).slice(0, 2), sha256Hex(Buffer.from(files[path.basename(i.path)]))))).toBe(true);
      }
      // Nothing of the refused file: no document, statement, record, queued index entry or original.
      const badSha = sha256Hex(Buffer.from(files['bad-middle.txt']));
      expect(count("SELECT COUNT(*) FROM documents WHERE title LIKE '%拒否対象%'")).toBe(0);
      expect(count("SELECT COUNT(*) FROM statements WHERE text LIKE '%拒否対象%'")).toBe(0);
      expect(count('SELECT COUNT(*) FROM import_records WHERE sha256 = ?', badSha)).toBe(0);
      expect(count('SELECT COUNT(*) FROM search_pending')).toBe(0);
      expect(fs.existsSync(path.join(dir, badSha.slice(0, 2), badSha))).toBe(false);
      // The good files are searchable: their statements are in the index.
      const gamma = summary.imported.find((i) => i.path === '/in/gamma.txt')!;
      const rowids = ctx.db.prepare('SELECT rowid FROM statements WHERE document_id = ?').pluck().all(gamma.documentId) as number[];
      const indexed = ctx.db.prepare('SELECT COUNT(*) FROM search_fts WHERE rowid IN (SELECT value FROM json_each(?))').pluck().get(JSON.stringify(rowids));
      expect(indexed).toBe(rowids.length);
    } finally {
      ctx.db.exec('DROP TRIGGER temp.refuse_bad');
    }
  });

  it('writes more files than one batch holds, with the same documents and ids as one-by-one imports', async () => {
    const n = BATCH_MAX_FILES * 2 + 3;
    const files = Object.fromEntries(Array.from({ length: n }, (_, i) => [`many-${i}.txt`, memo(`多数${i}`, 3 + (i % 5))]));
    const summary = await importBatch(ctx.db, sources(files));
    expect(summary.failed).toEqual([]);
    expect(summary.imported.length).toBe(n);
    // The same bytes one by one, into another database: the same statements, ids included.
    const other = corpusContext();
    try {
      for (const i of summary.imported.filter((_, k) => k % 9 === 0)) {
        const name = path.basename(i.path);
        const alone = await importDocument(other.db, { fileName: name, bytes: Buffer.from(files[name]) });
        expect(alone.documentId).toBe(i.documentId);
        expect(listStatements(other.db, alone.documentId)).toEqual(listStatements(ctx.db, i.documentId));
      }
    } finally {
      closeContext(other);
    }
    // Again: every file is now a duplicate, nothing written.
    const again = await importBatch(ctx.db, sources(files));
    expect(again.duplicates.length).toBe(n);
    expect(again.imported).toEqual([]);
    // The batches of one call are one change: one undo takes every file of it back.
    const ids = summary.imported.map((i) => i.documentId);
    expect(undo({ db: ctx.db, author: 'test-analyst' })).not.toBeNull();
    expect(count('SELECT COUNT(*) FROM documents WHERE id IN (SELECT value FROM json_each(?))', JSON.stringify(ids))).toBe(0);
  });

  it('a kill at a random moment of a batched import leaves each file whole, recorded and kept, or absent', async () => {
    const dist = path.join(REPO_ROOT, 'dist', 'electron', 'import', 'batch.js');
    expect(fs.existsSync(dist), 'npm test builds dist/ before vitest runs').toBe(true);
    const ctx0 = corpusContext();
    const file = ctx0.dbPath;
    closeContext(ctx0);
    const srcDir = tempDir('wb-batch-kill-');
    // Each child imports rounds of 40 new files (names carry the round) until it is killed.
    const script = `
      const fs = require('node:fs');
      const { openDatabase } = require(${JSON.stringify(path.join(REPO_ROOT, 'dist', 'electron', 'store', 'open.js'))});
      const { importBatch } = require(${JSON.stringify(dist)});
      const db = openDatabase(process.argv[1]);
      const memo = ${memo.toString()};
      (async () => {
        for (let round = Number(process.argv[2]) * 1000; ; round++) {
          const sources = Array.from({ length: 40 }, (_, i) => ({ path: 'k' + round + '-' + i + '.txt', read: () => Buffer.from(memo('検証' + round + '番' + i, 20 + (i % 7) * 10)) }));
          const s = await importBatch(db, sources);
          if (s.failed.length) { console.error(JSON.stringify(s.failed)); process.exit(3); }
          process.stdout.write('.');
        }
      })();`;
    for (let round = 0; round < 4; round++) {
      const child = spawn(process.execPath, ['-e', script, file, String(round)], { stdio: ['ignore', 'pipe', 'inherit'], cwd: srcDir });
      // Killed a random moment after its first round committed: mid-read, mid-batch or mid-commit.
      await new Promise<void>((r) => child.stdout.once('data', () => r()));
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 1500)));
      child.kill('SIGKILL');
      const [, signal] = (await new Promise((r) => child.once('exit', (...a) => r(a)))) as [number | null, string | null];
      expect(signal).toBe('SIGKILL');
      const ws = new Database(file, { readonly: true });
      const lib = new Database(libraryPathFor(file), { readonly: true });
      try {
        expect(ws.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(lib.pragma('integrity_check', { simple: true })).toBe('ok');
        const docs = lib.prepare("SELECT id, text FROM documents WHERE origin = 'imported'").all() as { id: string; text: string }[];
        const records = new Map((ws.prepare('SELECT document_id, sha256, statements FROM import_records').all() as { document_id: string; sha256: string; statements: number }[]).map((r) => [r.document_id, r]));
        for (const d of docs) {
          // Whole: every statement of the file is there, as its record counted them.
          const rec = records.get(d.id);
          expect(rec, `document ${d.id} has its import record`).toBeDefined();
          const n = lib.prepare('SELECT COUNT(*) FROM statements WHERE document_id = ?').pluck().get(d.id);
          expect(n, `document ${d.id} is whole`).toBe(rec!.statements);
          expect(n).toBe(segmentDocument(d.text, { id: d.id, title: '', date: null, issuer: null, kind: 'other', language: 'ja', source: '' }).statements.length);
        }
        // Every recorded import has its original on disk, intact (kept before the commit).
        for (const r of records.values()) {
          const original = path.join(originalsDirFor(file), r.sha256.slice(0, 2), r.sha256);
          expect(sha256Hex(fs.readFileSync(original))).toBe(r.sha256);
        }
      } finally {
        ws.close();
        lib.close();
      }
    }
    const db = new Database(libraryPathFor(file), { readonly: true });
    const imported = db.prepare("SELECT COUNT(*) FROM documents WHERE origin = 'imported'").pluck().get() as number;
    db.close();
    expect(imported).toBeGreaterThan(40);
  }, 120_000);
});
