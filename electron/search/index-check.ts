// Samples the search index against the statements it indexes, both ways: a statement's text is
// found at its own rowid, and an indexed rowid is still a statement. Part of the background
// library check (electron/app/library-check.ts): a damaged or stale index is caught without a
// full FTS5 integrity-check, which reads the whole index at once.
import type Database from 'better-sqlite3';
import { normalizeKey } from '../../shared/text/normalize';
import { termExpression } from './fts';
import { FTS_TABLE } from './indexer';

/** Code points of a statement probed per sample: long enough to be specific, short enough to be one phrase. */
const PROBE_LENGTH = 8;

export function sampleSearchIndex(db: Database.Database, samples: number, rand: () => number = Math.random): string[] {
  const problems: string[] = [];
  const range = db.prepare('SELECT min(rowid) AS lo, max(rowid) AS hi FROM statements').get() as { lo: number | null; hi: number | null };
  if (range.lo === null || range.hi === null) return problems;
  const pick = db.prepare('SELECT rowid, text FROM statements WHERE rowid >= ? ORDER BY rowid LIMIT 1');
  const pending = db.prepare('SELECT 1 FROM search_pending WHERE rowid = ?');
  const hit = db.prepare(`SELECT 1 FROM ${FTS_TABLE} WHERE ${FTS_TABLE} MATCH ? AND rowid = ?`);
  const indexedRange = db.prepare(`SELECT min(id) AS lo, max(id) AS hi FROM ${FTS_TABLE}_docsize`).get() as { lo: number | null; hi: number | null };
  const pickIndexed = db.prepare(`SELECT id FROM ${FTS_TABLE}_docsize WHERE id >= ? ORDER BY id LIMIT 1`).pluck();
  const isStatement = db.prepare('SELECT 1 FROM statements WHERE rowid = ?');
  for (let i = 0; i < samples; i++) {
    const row = pick.get(range.lo + Math.floor(rand() * (range.hi - range.lo + 1))) as { rowid: number; text: string } | undefined;
    if (row && !pending.get(row.rowid)) {
      const cps = Array.from(normalizeKey(row.text));
      if (cps.length > 0) {
        const at = Math.floor(rand() * Math.max(1, cps.length - PROBE_LENGTH + 1));
        const { expr } = termExpression(cps.slice(at, at + PROBE_LENGTH).join(''));
        if (!hit.get(expr, row.rowid)) problems.push(`search index: statement ${row.rowid} is not found by its own text`);
      }
    }
    if (indexedRange.lo !== null && indexedRange.hi !== null) {
      const id = pickIndexed.get(indexedRange.lo + Math.floor(rand() * (indexedRange.hi - indexedRange.lo + 1))) as number | undefined;
      if (id !== undefined && !isStatement.get(id)) problems.push(`search index: indexed row ${id} is no statement`);
    }
  }
  return problems;
}
