// The CLI's REFI-QDA paths: `annotations-export --format qdpx|qdc` and `annotations-import` that
// detects a project by its content, previews with --dry-run (nothing written) and imports.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeContext, corpusContext, REPO_ROOT, tempDir } from '../helpers/db';
import { runCli } from '../helpers/cli';

const FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'qda', 'foreign-atlas.qdpx');

function dbCopy(): string {
  const ctx = corpusContext();
  const file = ctx.dbPath;
  closeContext(ctx);
  return file;
}

function annotationCount(db: string): Promise<number> {
  return runCli(['annotations', '--db', db, '--json']).then((r) => (r.json<{ annotations: unknown[] }>().annotations).length);
}

describe('workbench annotations-export / annotations-import with REFI-QDA', () => {
  it('previews with --dry-run (nothing written), imports, and exports both formats', async () => {
    const db = dbCopy();
    const dry = await runCli(['annotations-import', FIXTURE, '--dry-run', '--db', db]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('dry run, nothing written');
    expect(dry.stdout).toContain('codes: 315 added as pillars, 0 matched, 0 as tags, 0 left alone');
    expect(dry.stdout).toContain('sources: 24 added as documents, 0 matched, 1 left alone');
    expect(await annotationCount(db)).toBe(0);

    const imp = await runCli(['annotations-import', FIXTURE, '--db', db, '--json']);
    expect(imp.code).toBe(0);
    expect(imp.json<{ annotationsCreated: number; documentsCreated: string[] }>()).toMatchObject({ annotationsCreated: 72 });
    expect(await annotationCount(db)).toBe(72);

    const dir = tempDir('wb-qda-cli-');
    const out = path.join(dir, 'p.qdpx');
    const exp = await runCli(['annotations-export', '--out', out, '--format', 'qdpx', '--db', db, '--json']);
    expect(exp.code).toBe(0);
    expect(exp.json<{ selections: number; sources: number }>()).toMatchObject({ selections: 72, sources: 24 });
    const qdc = path.join(dir, 'p.qdc');
    expect((await runCli(['annotations-export', '--out', qdc, '--format', 'qdc', '--db', db])).code).toBe(0);
    expect(fs.readFileSync(qdc, 'utf8')).toContain('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"');
    // Re-importing what was just exported changes nothing: every selection is already here.
    const again = await runCli(['annotations-import', out, '--db', db, '--json']);
    expect(again.json<{ annotationsCreated: number; selections: { matched: number } }>()).toMatchObject({ annotationsCreated: 0, selections: { matched: 72 } });

    const bad = await runCli(['annotations-export', '--out', path.join(dir, 'x'), '--format', 'docx', '--db', db]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--format must be one of json, webanno, qdpx, qdc (got "docx")');
  });
});
