// The annotation commands of the CLI, in-process, with the exact JSON shapes the issue asks for.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Annotation } from '../../shared/annotations';
import type { Pillar } from '../../shared/pillars';
import { runCli } from '../helpers/cli';
import { closeContext, corpusContext, tempDir } from '../helpers/db';
import { findStatement } from '../helpers/annotate';

let db: string;
let statementId: string;
let text: string;
let documentId: string;

beforeAll(() => {
  const ctx = corpusContext();
  const s = findStatement(ctx, (t) => t.includes('サプライチェーン') && t.includes('基幹インフラ'));
  ({ id: statementId, text, documentId } = s);
  db = ctx.dbPath;
  closeContext(ctx);
});

describe('workbench suggest', () => {
  it('suggests patents for the issue example, with evidence offsets', async () => {
    const text = '特許出願の非公開制度について、基本指針を閣議決定した。';
    const r = await runCli(['suggest', '--text', text, '--db', db, '--json']);
    expect(r.code).toBe(0);
    const out = r.json<{ suggestions: { pillar: string; score: number; evidence: { term: string; start: number; end: number }[] }[] }>();
    expect(Object.keys(out)).toEqual(['suggestions']);
    expect(out.suggestions.map((s) => s.pillar)).toEqual(['patents']);
    expect(Object.keys(out.suggestions[0])).toEqual(['pillar', 'score', 'evidence']);
    expect(out.suggestions[0].evidence).toContainEqual({ term: '特許出願の非公開', start: 0, end: 8 });
  });

  it('suggests for a statement by id; usage errors exit 2, unknown ids exit 1', async () => {
    const r = await runCli(['suggest', '--statement', statementId, '--db', db, '--json']);
    expect(r.code).toBe(0);
    const pillars = r.json<{ suggestions: { pillar: string; evidence: { start: number; end: number }[] }[] }>().suggestions;
    expect(pillars.map((s) => s.pillar)).toEqual(expect.arrayContaining(['supply-chain', 'infrastructure']));
    for (const s of pillars) for (const e of s.evidence) expect(text.slice(e.start, e.end).length).toBe(e.end - e.start);
    expect((await runCli(['suggest', '--db', db, '--json'])).code).toBe(2);
    expect((await runCli(['suggest', '--text', 'x', '--statement', statementId, '--db', db])).code).toBe(2);
    const missing = await runCli(['suggest', '--statement', 'nope', '--db', db, '--json']);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stderr).error.code).toBe('not-found');
  });
});

describe('workbench annotate / annotations / pillars', () => {
  it('annotates a quoted span with tags and pillars, then lists it by pillar and document', async () => {
    const r = await runCli(['annotate', statementId, '--quote', 'サプライチェーン', '--comment', '要注目', '--tag', 'a', '--tag', 'b', '--pillar', 'supply-chain', '--pillar', 'infrastructure', '--importance', '2', '--db', db, '--json']);
    expect(r.code).toBe(0);
    const a = r.json<Annotation>();
    expect(a.id).toMatch(/^a-/);
    expect(a).toMatchObject({ statementId, documentId, comment: '要注目', tags: ['a', 'b'], importance: 2, orphaned: false });
    expect(a.pillarIds.sort()).toEqual(['infrastructure', 'supply-chain']);
    expect(text.slice(a.target.position.start, a.target.position.end)).toBe('サプライチェーン');

    const whole = await runCli(['annotate', statementId, '--pillar', 'tech-protection', '--db', db, '--json']);
    expect(whole.json<Annotation>().target.scope).toBe('statement');

    const byPillar = await runCli(['annotations', '--pillar', 'supply-chain', '--db', db, '--json']);
    expect(byPillar.json<{ annotations: Annotation[] }>().annotations.map((x) => x.id)).toEqual([a.id]);
    const byDoc = await runCli(['annotations', '--doc', documentId, '--db', db, '--json']);
    expect(byDoc.json<{ annotations: Annotation[] }>().annotations).toHaveLength(2);

    const pillars = await runCli(['pillars', '--db', db, '--json']);
    const list = pillars.json<{ pillars: Pillar[] }>().pillars;
    expect(list.map((p) => p.id)).toEqual(['supply-chain', 'infrastructure', 'tech-protection', 'patents']);
    expect(list.find((p) => p.id === 'supply-chain')?.annotationCount).toBe(1);
  });

  it('refuses a quote that is not in the statement, writing nothing', async () => {
    const before = (await runCli(['annotations', '--db', db, '--json'])).json<{ annotations: unknown[] }>().annotations.length;
    const r = await runCli(['annotate', statementId, '--quote', '存在しない引用文', '--db', db, '--json']);
    expect(r.code).toBe(1);
    const err = JSON.parse(r.stderr).error;
    expect(err.code).toBe('bad-input');
    expect(err.message.ja).toContain('存在しない引用文');
    expect((await runCli(['annotate', statementId, '--pillar', 'nope', '--db', db])).code).toBe(1);
    expect((await runCli(['annotate', statementId, '--importance', '5', '--db', db])).code).toBe(2);
    expect((await runCli(['annotations', '--db', db, '--json'])).json<{ annotations: unknown[] }>().annotations).toHaveLength(before);
  });

  it('manages pillars, undoes from the command line and shows history', async () => {
    const add = await runCli(['pillars', 'add', '--name-ja', '重要鉱物', '--name-en', 'Critical minerals', '--parent', 'supply-chain', '--db', db, '--json']);
    expect(add.json<{ pillar: Pillar }>().pillar).toMatchObject({ id: 'critical-minerals', parentId: 'supply-chain' });
    const undo = await runCli(['undo', '--db', db, '--json']);
    expect(undo.json<{ done: boolean; label: { en: string } }>()).toMatchObject({ done: true, label: { en: 'Add pillar "Critical minerals"' } });
    expect((await runCli(['pillars', '--db', db, '--json'])).json<{ pillars: Pillar[] }>().pillars.map((p) => p.id)).not.toContain('critical-minerals');
    const del = await runCli(['pillars', 'delete', 'supply-chain', '--db', db, '--json']);
    expect(del.code).toBe(1);
    expect(JSON.parse(del.stderr).error.code).toBe('conflict');
    const history = await runCli(['history', statementId, '--db', db, '--json']);
    expect(history.json<{ activity: { kind: string }[] }>().activity.map((a) => a.kind)).toContain('annotation.create');
  });

  it('exports and imports annotations, and backs up and lists backups', async () => {
    const out = path.join(tempDir('wb-cli-'), 'a.json');
    const exp = await runCli(['annotations-export', '--out', out, '--db', db, '--json']);
    expect(exp.code).toBe(0);
    expect(exp.json<{ annotations: number }>().annotations).toBeGreaterThan(0);
    expect((await runCli(['annotations-export', '--out', out, '--db', db])).code).toBe(1);
    const imp = await runCli(['annotations-import', out, '--db', db, '--json']);
    expect(imp.json<{ added: number; unchanged: number }>()).toMatchObject({ format: 'json', added: 0 });
    const b = await runCli(['backup', '--db', db, '--json']);
    expect(b.code).toBe(0);
    const list = await runCli(['backup', '--list', '--db', db, '--json']);
    expect(list.json<{ backups: { file: string }[] }>().backups[0].file).toBe(b.json<{ backup: { file: string } }>().backup.file);
    const check = await runCli(['restore', '--db', db, '--json']);
    expect(check.code).toBe(0);
    expect(check.json<{ ok: boolean }>().ok).toBe(true);
  });
});
