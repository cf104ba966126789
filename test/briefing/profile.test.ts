// The analyst's profile (schema 9): set through the API and the CLI, refused whole with the field
// named when it holds control characters or is too long, and carried into the author of new
// briefings and the DOCX core properties (creator, lastModifiedBy).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { openContext, type AppContext } from '../../electron/app/context';
import { exportBriefing } from '../../electron/export';
import { apiFor } from '../helpers/api';
import { runCli } from '../helpers/cli';
import { closeContext, corpusContext, RESOURCES_DIR, tempDir } from '../helpers/db';

let ctx: AppContext;
beforeAll(() => {
  ctx = corpusContext();
});
afterAll(() => closeContext(ctx));

const PROFILE = { name: '経済 太郎', affiliation: '経済産業省 貿易経済安全保障局', section: '経済安全保障政策課', contact: '03-0000-0000' };

describe('analyst profile', () => {
  it('is null until set, then names the author of new briefings', async () => {
    const api = apiFor(ctx);
    expect((await api.call('profile.get', {})).profile).toBeNull();
    const { profile } = await api.call('profile.set', PROFILE);
    expect(profile).toMatchObject(PROFILE);
    expect((await api.call('profile.get', {})).profile).toMatchObject(PROFILE);
    const { briefing } = await api.call('briefings.create', { title: '署名のある論点整理' });
    expect(briefing.author).toBe('経済 太郎');
  });

  it.each([
    ['name', { name: '経済\n太郎' }],
    ['name', { name: '経済\u0007太郎' }],
    ['affiliation', { name: '経済 太郎', affiliation: '経済産業省\t貿易局' }],
    ['contact', { name: '経済 太郎', contact: '03\u001b[31m' }],
    ['section', { name: '経済 太郎', section: '課'.repeat(201) }],
    ['name', { name: '   ' }],
  ])('refuses a bad %s whole, naming the field, and keeps the stored profile', async (field, req) => {
    const api = apiFor(ctx);
    await expect(api.call('profile.set', req)).rejects.toMatchObject({ data: { code: 'invalid-request', message: { en: expect.stringContaining(`${field} `) } } });
    expect((await api.call('profile.get', {})).profile).toMatchObject(PROFILE);
  });

  it('is read by a new context: the next session (or CLI run) writes under the profile name', () => {
    const again = openContext({ dbPath: ctx.dbPath, resourcesDir: RESOURCES_DIR, author: 'os-account' });
    try {
      expect(again.author).toBe('経済 太郎');
    } finally {
      closeContext(again);
    }
  });

  it('is carried into the DOCX core properties (creator and lastModifiedBy)', async () => {
    const api = apiFor(ctx);
    const { briefing } = await api.call('briefings.create', { title: '核心的な論点' });
    const file = path.join(tempDir(), 'note.docx');
    await exportBriefing(ctx.db, briefing.id, { format: 'docx', path: file, author: ctx.author });
    const core = strFromU8(unzipSync(fs.readFileSync(file))['docProps/core.xml']);
    expect(core).toContain('<dc:creator>経済 太郎</dc:creator>');
    expect(core).toContain('<cp:lastModifiedBy>経済 太郎</cp:lastModifiedBy>');
    expect(core).not.toContain('Un-named');
  });
});

describe('workbench profile', () => {
  it('sets and prints the profile as JSON', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'cli.db');
    const set = await runCli(['profile', 'set', '--name', '安保 花子', '--section', '企画調整室', '--db', db, '--json']);
    expect(set.code).toBe(0);
    expect(set.json<{ profile: { name: string; section: string; affiliation: string } }>().profile).toMatchObject({ name: '安保 花子', section: '企画調整室', affiliation: '' });
    const show = await runCli(['profile', '--db', db, '--json']);
    expect(show.json<{ profile: { name: string } }>().profile.name).toBe('安保 花子');
  });

  it('refuses control characters with exit 1 and a message naming the field, storing nothing', async () => {
    const db = path.join(tempDir(), 'cli.db');
    const bad = await runCli(['profile', 'set', '--name', '安保\r花子', '--db', db, '--json']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('name');
    expect(bad.stderr).toContain('control characters');
    expect((await runCli(['profile', '--db', db, '--json'])).json<{ profile: unknown }>().profile).toBeNull();
  });

  it('needs --name to set', async () => {
    const run = await runCli(['profile', 'set', '--db', path.join(tempDir(), 'cli.db')]);
    expect(run.code).toBe(2);
  });
});

describe('bad briefing headers are refused whole', () => {
  it.each([
    ['title', { title: '論'.repeat(10_000) }],
    ['marking', { title: '論点', marking: '取扱注意 <i>' }],
    ['marking', { title: '論点', marking: '"秘"' }],
    ['marking', { title: '論点', marking: '「取扱注意」' }],
  ])('a bad %s: invalid-request naming it, and no briefing made', async (field, req) => {
    const api = apiFor(ctx);
    const before = (await api.call('briefings.list', {})).briefings.length;
    await expect(api.call('briefings.create', req)).rejects.toMatchObject({ data: { code: 'invalid-request', message: { en: expect.stringContaining(field) } } });
    expect((await api.call('briefings.list', {})).briefings).toHaveLength(before);
  });

  it('a plain marking is kept', async () => {
    const { briefing } = await apiFor(ctx).call('briefings.create', { title: '論点', marking: '取扱注意' });
    expect(briefing.marking).toBe('取扱注意');
  });
});
