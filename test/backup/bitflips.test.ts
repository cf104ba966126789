// Defect 5, second half: a seeded corpus of random 8-bit-flip corruptions run through the backup
// rotation and the verifier. A damaged source never rotates out a good backup: when the copy or the
// source fails its check, every backup stays, byte for byte; a flip no check can see (inside a
// row's text) may rotate, but never past the last good backup. A flipped backup file always fails
// its SHA-256, and `restore --latest` passes over it.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { createBackup, listBackups, newestGoodBackup, verifyBackup, type BackupInfo } from '../../electron/backup/backups';
import { connect } from '../../electron/store/open';
import { apiFor } from '../helpers/api';
import { findStatement } from '../helpers/annotate';
import { closeContext, corpusContext } from '../helpers/db';
import { mulberry32 } from '../bench/prng';

const CASES = 12;
const FLIPS = 8;
const BUDGET = { maxCount: 3, maxBytes: 1e12 };


function flipBits(bytes: Buffer, seed: number): Buffer {
  const out = Buffer.from(bytes);
  const rand = mulberry32(seed);
  for (let i = 0; i < FLIPS; i++) {
    const offset = Math.floor(rand() * out.length);
    out[offset] ^= 1 << Math.floor(rand() * 8);
  }
  return out;
}

/** Every file in the folder with its bytes: the state a refused rotation must leave exactly. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fs.readdirSync(dir).sort()) out[f] = fs.readFileSync(path.join(dir, f)).toString('base64');
  return out;
}

function restoreFolder(dir: string, snap: Record<string, string>): void {
  for (const f of fs.readdirSync(dir)) fs.rmSync(path.join(dir, f), { force: true });
  for (const [f, b64] of Object.entries(snap)) fs.writeFileSync(path.join(dir, f), Buffer.from(b64, 'base64'));
}

/** SQLite's own full check of a file, independent of the code under test. */
function fullCheck(file: string): string {
  try {
    const db = new Database(file, { readonly: true });
    try {
      return String(db.pragma('integrity_check', { simple: true }));
    } finally {
      db.close();
    }
  } catch (e) {
    return (e as Error).message;
  }
}

describe(`a seeded corpus of ${CASES} random ${FLIPS}-bit-flip corruptions`, () => {
  it('never rotates a good backup out for a copy of a damaged source', async () => {
    const ctx = corpusContext();
    const dbPath = ctx.dbPath;
    const api = apiFor(ctx);
    for (let i = 0; i < 5; i++) await api.call('annotations.create', { statementId: findStatement(ctx, '半導体').id, comment: `注釈 ${i}` });
    // Three good backups, a day apart; the budget of three means any new one would push one out.
    const good: BackupInfo[] = [];
    for (const at of ['2026-05-01T10:00:00.000Z', '2026-05-02T10:00:00.000Z', '2026-05-03T10:00:00.000Z']) good.push(await createBackup(ctx.db, dbPath, { reason: 'good', now: at, budget: BUDGET }));
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    closeContext(ctx);
    const dir = path.dirname(good[0].path);
    const pristine = fs.readFileSync(dbPath);
    const before = snapshot(dir);

    const outcomes: string[] = [];
    for (let seed = 1; seed <= CASES; seed++) {
      restoreFolder(dir, before);
      for (const ext of ['-wal', '-shm']) fs.rmSync(dbPath + ext, { force: true });
      fs.writeFileSync(dbPath, flipBits(pristine, seed));
      const sourceCheck = fullCheck(dbPath);
      // Damage that arrived while the workspace was open: the connection is made without the open-time check.
      let result: Awaited<ReturnType<typeof createBackup>> | null = null;
      let error: unknown = null;
      let db: Database.Database | null = null;
      try {
        db = connect(dbPath);
        result = await createBackup(db, dbPath, { reason: 'after', now: '2026-05-04T10:00:00.000Z', budget: BUDGET });
      } catch (e) {
        error = e;
      } finally {
        db?.close();
      }
      const label = `seed ${seed}: source ${sourceCheck === 'ok' ? 'ok' : 'damaged'}`;
      if (error || result?.pruneRefused) {
        // Refused (the copy failed) or kept everything (the source failed): the good backups are
        // all there, unchanged, and still pass their checks.
        for (const g of good) expect(fs.readFileSync(g.path).toString('base64'), label).toBe(before[g.file]);
        for (const g of good) expect(verifyBackup(g), label).toEqual({ ok: true });
        outcomes.push(error ? 'refused' : 'kept-all');
      } else {
        // Only a flip no check can see gets this far: SQLite itself finds the source whole.
        expect(sourceCheck, label).toBe('ok');
        expect(result!.pruned, label).toEqual([good[0].file]);
        outcomes.push('rotated');
      }
      // Whatever happened, the last good backup is there and good.
      expect(verifyBackup(good[2]), label).toEqual({ ok: true });
      expect(fs.readdirSync(dir).filter((f) => f.includes('.partial')), label).toEqual([]);
      if (sourceCheck !== 'ok') expect(outcomes[outcomes.length - 1], label).not.toBe('rotated');
    }
    console.log(`bit flips: ${outcomes.map((o, i) => `${i + 1}:${o}`).join(' ')}`);
    // The corpus exercises both paths: damage caught, and damage no check can see.
    expect(outcomes.filter((o) => o !== 'rotated').length).toBeGreaterThan(0);
  });

  it('the verifier finds every flipped backup file (SHA-256), and restore --latest passes over it', async () => {
    const ctx = corpusContext();
    try {
      const older = await createBackup(ctx.db, ctx.dbPath, { reason: 'good', now: '2026-05-01T10:00:00.000Z' });
      const newer = await createBackup(ctx.db, ctx.dbPath, { reason: 'good', now: '2026-05-02T10:00:00.000Z' });
      const bytes = fs.readFileSync(newer.path);
      let integrityMissed = 0;
      for (let seed = 101; seed < 101 + CASES; seed++) {
        fs.writeFileSync(newer.path, flipBits(bytes, seed));
        const check = verifyBackup(newer);
        expect(check.ok, `seed ${seed}`).toBe(false);
        if (fullCheck(newer.path) === 'ok') integrityMissed++;
        expect(newestGoodBackup(ctx.dbPath)?.file, `seed ${seed}`).toBe(older.file);
      }
      console.log(`flipped backups: ${CASES} of ${CASES} caught by SHA-256; integrity_check alone would have missed ${integrityMissed}`);
      fs.writeFileSync(newer.path, bytes);
      expect(newestGoodBackup(ctx.dbPath)?.file).toBe(newer.file);
      expect(listBackups(ctx.dbPath).map((b) => b.file)).toEqual([newer.file, older.file]);
    } finally {
      closeContext(ctx);
    }
  });

  it('damage that reaches the source after the copy was taken: the full check before rotation keeps every backup and says why', async () => {
    const ctx = corpusContext();
    try {
      const good = [];
      for (const at of ['2026-05-01T10:00:00.000Z', '2026-05-02T10:00:00.000Z', '2026-05-03T10:00:00.000Z']) good.push(await createBackup(ctx.db, ctx.dbPath, { reason: 'good', now: at, budget: BUDGET }));
      // The copy is taken from pages read before the damage; SQLite's answer for the source
      // afterwards is what a failing disk gives.
      const real = ctx.db.pragma.bind(ctx.db);
      const spy = vi.spyOn(ctx.db, 'pragma').mockImplementation(((source: string, options?: Database.PragmaOptions) =>
        source === 'main.integrity_check' ? [{ integrity_check: '*** in database main ***\nTree 12 page 40 cell 3: 2nd reference to page 41' }] : real(source, options)) as typeof ctx.db.pragma);
      let result;
      try {
        result = await createBackup(ctx.db, ctx.dbPath, { reason: 'after', now: '2026-05-04T10:00:00.000Z', budget: BUDGET });
      } finally {
        spy.mockRestore();
      }
      expect(result.pruned).toEqual([]);
      expect(result.pruneRefused).toContain('2nd reference to page 41');
      expect(listBackups(ctx.dbPath).map((b) => b.file)).toEqual([result.file, ...good.map((g) => g.file).reverse()]);
      for (const g of good) expect(verifyBackup(g)).toEqual({ ok: true });
      // With the source whole again, the next backup rotates as the budget says.
      const next = await createBackup(ctx.db, ctx.dbPath, { reason: 'after', now: '2026-05-05T10:00:00.000Z', budget: BUDGET });
      expect(next.pruned.sort()).toEqual([good[0].file, good[1].file].sort());
    } finally {
      closeContext(ctx);
    }
  });
});
