// The CLI as a user scripts it: init is idempotent, --json prints exactly one JSON document,
// errors go to stderr with a non-zero exit, and the built `workbench` binary works.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { REPO_ROOT, tempDbPath } from '../helpers/db';

interface DocsJson {
  documents: { id: string; title: string; date: string | null; kind: string; statements: number }[];
}

describe('workbench CLI', () => {
  const db = tempDbPath();

  it('init ingests the bundled corpus once, then does nothing', async () => {
    const first = await runCli(['init', '--db', db, '--json']);
    expect(first.code).toBe(0);
    const a = first.json<{ corpusChanged: boolean; documents: { statements: number }[]; statements: number }>();
    expect(a.corpusChanged).toBe(true);
    expect(a.documents).toHaveLength(5);
    expect(a.statements).toBeGreaterThan(200);
    const second = await runCli(['init', '--db', db, '--json']);
    const b = second.json<{ corpusChanged: boolean; statements: number }>();
    expect(b.corpusChanged).toBe(false);
    expect(b.statements).toBe(a.statements);
  });

  it('docs lists five documents with real titles and ISO dates', async () => {
    const r = await runCli(['docs', '--db', db, '--json']);
    expect(r.code).toBe(0);
    const { documents } = r.json<DocsJson>();
    expect(documents).toHaveLength(5);
    for (const d of documents) {
      expect(d.title).not.toMatch(/\.txt$|^\d{3}_/);
      if (d.date) expect(d.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(d.statements).toBeGreaterThan(0);
    }
    const minutes = documents.find((d) => d.kind === 'minutes')!;
    expect(minutes.title).toContain('経済安全保障推進会議');
    expect(minutes.date).toBe('2021-11-19');
  });

  it('statements and show agree, and the minutes carry speakers', async () => {
    const { documents } = (await runCli(['docs', '--db', db, '--json'])).json<DocsJson>();
    const minutes = documents.find((d) => d.kind === 'minutes')!;
    const r = await runCli(['statements', minutes.id, '--db', db, '--json']);
    const { statements } = r.json<{ statements: { id: string; text: string; speaker: string | null }[] }>();
    expect(statements.length).toBe(minutes.statements);
    const speakers = new Set(statements.map((s) => s.speaker).filter(Boolean));
    expect(speakers.has('外務大臣')).toBe(true);
    expect(speakers.has('防衛大臣')).toBe(true);
    const target = statements.find((s) => s.speaker === '外務大臣')!;
    const shown = (await runCli(['show', target.id, '--db', db, '--json'])).json<{ id: string; text: string; speaker: string; document: { id: string } }>();
    expect(shown).toMatchObject({ id: target.id, text: target.text, speaker: '外務大臣', document: { id: minutes.id } });
  });

  it('errors: unknown id, unknown document, bad usage, corrupt database', async () => {
    const missing = await runCli(['show', 'nope:000', '--db', db, '--json']);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(JSON.parse(missing.stderr).error.code).toBe('not-found');
    const doc = await runCli(['statements', 'no-such-doc', '--db', db]);
    expect(doc.code).toBe(1);
    expect(doc.stderr).toContain('no-such-doc');
    const usage = await runCli(['show', '--db', db]);
    expect(usage.code).toBe(2);
    const unknownFlag = await runCli(['docs', '--nope', '--db', db]);
    expect(unknownFlag.code).toBe(2);
    const bad = tempDbPath();
    fs.writeFileSync(bad, 'not sqlite');
    const corrupt = await runCli(['docs', '--db', bad]);
    expect(corrupt.code).toBe(1);
    expect(corrupt.stderr).toContain(bad);
    expect(fs.readFileSync(bad, 'utf8')).toBe('not sqlite');
  });

  it('honours WORKBENCH_DB and runs as the built binary (npm run build)', () => {
    const bin = path.join(REPO_ROOT, 'bin', 'workbench.js');
    const built = path.join(REPO_ROOT, 'dist', 'electron', 'cli', 'main.js');
    expect(fs.existsSync(built), 'npm test builds dist/ before running vitest').toBe(true);
    const envDb = tempDbPath();
    const out = execFileSync(process.execPath, [bin, 'docs', '--json'], { env: { ...process.env, WORKBENCH_DB: envDb }, encoding: 'utf8' });
    expect(JSON.parse(out).documents).toHaveLength(5);
    expect(fs.existsSync(envDb)).toBe(true);
    const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    expect(help.stdout).toContain('init');
  });
});
