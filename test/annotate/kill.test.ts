// The kill test: a child process writes annotations through the real service and is killed with
// SIGKILL at random moments, again and again. Afterwards the database must pass integrity_check,
// hold every change the child reported as done, and at most one change more (the one in flight).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { closeContext, corpusContext, REPO_ROOT, tempDir } from '../helpers/db';

const ROUNDS = 15;

interface Reported {
  op: string;
  id: string | null;
  comment?: string;
  deleted?: boolean;
}

function bundleWriter(): string {
  const out = path.join(tempDir('wb-kill-'), 'kill-writer.js');
  buildSync({ entryPoints: [path.join(__dirname, 'kill-writer.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: out, external: ['better-sqlite3'], logLevel: 'error' });
  return out;
}

/**
 * Kills the writer once it has reported `after` changes, plus a random few milliseconds: the kill
 * lands at a random point inside the write loop (mid-transaction, mid-commit, mid-report), never
 * before the writer got going, however slow the machine is.
 */
function runAndKill(script: string, dbPath: string, seed: number, after: number, delayMs: number): Promise<Reported[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, dbPath, String(seed)], {
      env: { ...process.env, NODE_PATH: path.join(REPO_ROOT, 'node_modules') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | null = null;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      const lines = out.split('\n').length - 2; // whole lines after "ready"
      if (!timer && out.includes('ready\n') && lines >= after) timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`writer exited by itself (code ${code}): ${err}`));
      // The last line may be cut mid-write by the kill: only whole lines count as reported.
      const lines = out.split('\n').slice(0, -1).filter((l) => l.startsWith('{'));
      resolve(lines.map((l) => JSON.parse(l) as Reported));
    });
  });
}

describe('kill -9 at random moments', () => {
  it(`loses at most the change in flight, over ${ROUNDS} kills`, async () => {
    const ctx = corpusContext();
    const dbPath = ctx.dbPath;
    closeContext(ctx);
    const script = bundleWriter();
    const expected = new Map<string, { comment: string; deleted: boolean }>();
    let reportedOps = 0;
    let inFlightCommitted = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const seed = 1 + Math.floor(Math.random() * 2 ** 30);
      const after = Math.floor(Math.random() * 40);
      const reported = await runAndKill(script, dbPath, seed, after, Math.floor(Math.random() * 15));
      expect(reported.length).toBeGreaterThanOrEqual(after);
      reportedOps += reported.length;
      for (const r of reported) if (r.id) expected.set(r.id, { comment: r.comment!, deleted: r.deleted! });

      const db = new Database(dbPath);
      try {
        expect(db.pragma('integrity_check', { simple: true }), `round ${round} (seed ${seed})`).toBe('ok');
        const rows = db.prepare('SELECT id, comment, deleted_at FROM annotations').all() as { id: string; comment: string; deleted_at: string | null }[];
        const byId = new Map(rows.map((r) => [r.id, r]));
        // Every reported change is there; at most one annotation differs (the change in flight).
        const differing = [...expected].filter(([id, want]) => {
          const got = byId.get(id);
          return !got || got.comment !== want.comment || (got.deleted_at !== null) !== want.deleted;
        });
        for (const [id] of differing) expect(byId.has(id), `reported annotation ${id} missing (seed ${seed})`).toBe(true);
        const unreported = rows.filter((r) => !expected.has(r.id));
        expect(differing.length + unreported.length, `round ${round} (seed ${seed})`).toBeLessThanOrEqual(1);
        inFlightCommitted += differing.length + unreported.length;
        // Adopt the in-flight change if it landed, so the next round compares against the truth.
        for (const r of [...unreported, ...differing.map(([id]) => byId.get(id)!)]) expected.set(r.id, { comment: r.comment, deleted: r.deleted_at !== null });
        // Each annotation and its journal entry were written in one transaction.
        const unjournaled = db.prepare("SELECT COUNT(*) AS n FROM annotations a WHERE NOT EXISTS (SELECT 1 FROM change_entries e WHERE e.entity = 'annotation' AND e.entity_id = a.id)").get() as { n: number };
        expect(unjournaled.n).toBe(0);
      } finally {
        db.close();
      }
    }
    const total = (() => {
      const db = new Database(dbPath, { readonly: true });
      try {
        return (db.prepare('SELECT COUNT(*) AS n FROM annotations').get() as { n: number }).n;
      } finally {
        db.close();
      }
    })();
    console.log(`kill test: ${ROUNDS} SIGKILLs, ${reportedOps} reported changes, ${total} annotation rows, ${inFlightCommitted} in-flight change(s) found committed, integrity_check ok every round`);
    expect(total).toBe(expected.size);
    fs.rmSync(path.dirname(script), { recursive: true, force: true });
  });
});
