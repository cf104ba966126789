// Storage failures end to end (issue 11, part C), on real files, real mounts and a real second
// process: --db on a folder, a read-only disk (reads work, writes and backup fail as `read-only`),
// a full disk (typed, nothing half-written, integrity intact, reads go on), a writer held up by
// another process (waits boundedly, shows what it waits for, then succeeds or fails as `db-busy`),
// a long import that lets a small write through between its batches, and the export log that
// stands or falls with its file.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/client';
import { ANNOTATIONS_FILE_FORMAT, ANNOTATIONS_FILE_VERSION } from '../../shared/annotations';
import { listExports } from '../../electron/briefing/export-log';
import { exportBriefing } from '../../electron/export';
import { realOps, type WriteOps } from '../../electron/export/write';
import { openContext, type AppContext } from '../../electron/app/context';
import { libraryPathFor } from '../../electron/store/library-file';
import { apiFor, desktopApiFor } from '../helpers/api';
import { runCli } from '../helpers/cli';
import { closeContext, corpusContext, REPO_ROOT, RESOURCES_DIR, tempDir } from '../helpers/db';

const mounted: string[] = [];
afterAll(() => {
  for (const dir of mounted.reverse()) {
    try {
      execFileSync('umount', [dir]);
    } catch {
      /* already gone */
    }
  }
});

/** A small tmpfs at `dir`, or the reason it cannot be had here (not root, no mount permission). */
function mountTmpfs(dir: string, size: string): string | null {
  if (process.platform !== 'linux') return 'tmpfs mounts need Linux';
  if (process.getuid?.() !== 0) return 'mounting a tmpfs needs root';
  fs.mkdirSync(dir, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (e) {
    return `mount -t tmpfs is not permitted here (${String((e as Error).message).split('\n')[0]})`;
  }
  mounted.push(dir);
  return null;
}

const canMount = mountTmpfs(path.join(tempDir('wb-probe-'), 'm'), '1m');

async function failure(p: Promise<unknown>): Promise<ApiError['data']> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError) return e.data;
    throw e;
  }
  throw new Error('expected the call to fail');
}

function annotationCount(ctx: AppContext): number {
  return (ctx.db.prepare('SELECT COUNT(*) AS n FROM annotations WHERE deleted_at IS NULL').get() as { n: number }).n;
}

/** A valid annotations file of `n` annotations on real statements of the bundled corpus. */
function annotationsFile(ctx: AppContext, n: number, tag: string, commentLength = 40): string {
  const statements = ctx.db.prepare('SELECT id, document_id AS documentId, text, start_offset AS start FROM statements WHERE length(text) >= 12 ORDER BY document_id, ordinal').all() as {
    id: string;
    documentId: string;
    text: string;
    start: number;
  }[];
  const at = '2026-01-02T03:04:05.000Z';
  const annotations = Array.from({ length: n }, (_, i) => {
    const s = statements[i % statements.length];
    const exact = s.text.slice(0, 8);
    return {
      id: `${tag}-${i}`,
      documentId: s.documentId,
      statementId: s.id,
      target: { scope: 'span', quote: { exact, prefix: '', suffix: s.text.slice(8, 20) }, position: { start: 0, end: 8 }, docStart: s.start, docEnd: s.start + 8 },
      comment: `${tag} ${i} `.padEnd(commentLength, '注'),
      tags: [tag],
      pillarIds: [],
      importance: 1,
      author: 'importer',
      createdAt: at,
      updatedAt: at,
    };
  });
  const file = path.join(tempDir('wb-annfile-'), `${tag}.json`);
  fs.writeFileSync(file, JSON.stringify({ format: ANNOTATIONS_FILE_FORMAT, version: ANNOTATIONS_FILE_VERSION, exportedAt: at, exportedBy: 'test', pillars: [], annotations }));
  return file;
}

describe('--db naming a folder', () => {
  it('is reported as is-a-directory, naming the folder, not as an unexpected error', async () => {
    const dir = tempDir('wb-isdir-');
    const r = await runCli(['docs', '--db', dir, '--json']);
    expect(r.code).toBe(1);
    const { error } = JSON.parse(r.stderr) as { error: { code: string; subject: string; message: { en: string } } };
    expect(error.code).toBe('is-a-directory');
    expect(error.subject).toBe(dir);
    expect(error.message.en).not.toMatch(/unexpected/i);
  });
});

describe.skipIf(canMount !== null)(`a database on a read-only disk${canMount ? ` (skipped: ${canMount})` : ''}`, () => {
  it('reads (docs, search, annotations-export) work; writes and backup fail as read-only; the API says so', async () => {
    const ctx = corpusContext();
    const api = apiFor(ctx);
    const st = ctx.db.prepare("SELECT id, text FROM statements WHERE text LIKE '%半導体%' LIMIT 1").get() as { id: string; text: string };
    const made = await api.call('annotations.create', { statementId: st.id, quote: '半導体', comment: 'read-only check' });
    const expected = await runCli(['search', '半導体', '--db', ctx.dbPath, '--json']);
    closeContext(ctx); // the last connection checkpoints and removes the WAL

    const ro = path.join(tempDir('wb-ro-'), 'disk');
    expect(mountTmpfs(ro, '8m')).toBeNull();
    const db = path.join(ro, 'workbench.db');
    // The workspace and its library: a copy of one without the other is a different situation.
    fs.copyFileSync(ctx.dbPath, db);
    fs.copyFileSync(libraryPathFor(ctx.dbPath), libraryPathFor(db));
    execFileSync('mount', ['-o', 'remount,ro', ro]);
    expect(() => fs.writeFileSync(path.join(ro, 'probe'), 'x')).toThrow(/EROFS/);

    const docs = await runCli(['docs', '--db', db, '--json']);
    expect(docs.stderr).toBe('');
    expect(docs.code).toBe(0);
    expect(docs.json<{ documents: unknown[] }>().documents).toHaveLength(5);

    const search = await runCli(['search', '半導体', '--db', db, '--json']);
    expect(search.code).toBe(0);
    expect(search.json()).toEqual({ ...expected.json<object>(), ...pickTiming(search.json()) });

    const out = path.join(tempDir('wb-ro-out-'), 'annotations.json');
    const exported = await runCli(['annotations-export', '--out', out, '--db', db, '--json']);
    expect(exported.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(out, 'utf8')).annotations.map((a: { id: string }) => a.id)).toEqual([made.annotation.id]);

    const write = await runCli(['pillars', 'add', '--name-ja', '読み取り専用の試験', '--db', db, '--json']);
    expect(write.code).toBe(1);
    expect(JSON.parse(write.stderr).error.code).toBe('read-only');

    // Used to spin at 100 % CPU forever; now it ends with the typed error (the test's timeout would catch a spin).
    const backup = await runCli(['backup', '--db', db, '--json']);
    expect(backup.code).toBe(1);
    expect(JSON.parse(backup.stderr).error.code, backup.stderr).toBe('read-only');

    const roCtx = openContext({ dbPath: db, resourcesDir: RESOURCES_DIR, author: 'test-analyst' });
    try {
      const status = await apiFor(roCtx).call('storage.status', {});
      expect(status).toMatchObject({ readOnly: true, waiting: [], library: { state: 'unchecked' } });
      // The backup above failed in this process: the window would say so, with the reason.
      expect(status.backup.failed).toMatchObject({ reason: 'manual', code: 'read-only' });
    } finally {
      closeContext(roCtx);
    }
  });
});

describe.skipIf(canMount !== null)(`a read-only workspace whose library is missing${canMount ? ` (skipped: ${canMount})` : ''}`, () => {
  it('corpus reads (docs, search, the reader) fail as library-missing with advice; the workspace’s own data still reads', async () => {
    const ctx = corpusContext();
    const api = apiFor(ctx);
    const st = ctx.db.prepare("SELECT id, document_id AS documentId FROM statements WHERE text LIKE '%半導体%' LIMIT 1").get() as { id: string; documentId: string };
    await api.call('annotations.create', { statementId: st.id, quote: '半導体', comment: 'kept without the library' });
    closeContext(ctx);

    const ro = path.join(tempDir('wb-ro-nolib-'), 'disk');
    expect(mountTmpfs(ro, '8m')).toBeNull();
    const db = path.join(ro, 'workbench.db');
    fs.copyFileSync(ctx.dbPath, db); // the workspace alone: its library stays behind
    execFileSync('mount', ['-o', 'remount,ro', ro]);
    const lib = libraryPathFor(db);
    expect(fs.existsSync(lib)).toBe(false);

    for (const args of [['docs'], ['search', '半導体'], ['statements', st.documentId], ['show', st.id]]) {
      const r = await runCli([...args, '--db', db, '--json']);
      expect(r.code, args.join(' ')).toBe(1);
      const { error } = JSON.parse(r.stderr) as { error: { code: string; subject: string; message: { ja: string; en: string }; hint: { ja: string; en: string } } };
      expect(error.code, `${args.join(' ')}: ${r.stderr}`).toBe('library-missing');
      expect(error.subject).toBe(lib);
      expect(error.message.en).toContain('is missing');
      expect(error.message.en).not.toMatch(/unexpected|no such table/i);
      expect(error.hint.en).toContain('workbench library rebuild');
      expect(error.hint.ja).toContain('書き込める場所で一度開く');
    }
    // In words, in Japanese, for a person at the terminal.
    const words = await runCli(['docs', '--db', db, '--lang', 'ja']);
    expect(words.stderr).toContain(`ライブラリ ${lib} がないため`);

    // The workspace's own data reads as before.
    const pillars = await runCli(['pillars', '--db', db, '--json']);
    expect(pillars.code, pillars.stderr).toBe(0);
    expect(pillars.stdout).toContain('supply-chain');

    const roCtx = openContext({ dbPath: db, resourcesDir: RESOURCES_DIR, author: 'test-analyst' });
    try {
      const roApi = apiFor(roCtx);
      expect((await roApi.call('storage.status', {})).library.state).toBe('absent');
      await expect(roApi.call('statements.get', { id: st.id })).rejects.toMatchObject({ data: { code: 'library-missing', subject: lib } });
      expect((await roApi.call('pillars.list', {})).pillars.length).toBeGreaterThan(3);
      expect((await roApi.call('history.state', {})).undo?.label.en).toMatch(/annotation/i);
    } finally {
      closeContext(roCtx);
    }
  });
});

/** Search results carry their own timing; everything else must match the writable copy's. */
function pickTiming(v: unknown): object {
  const o = v as Record<string, unknown>;
  return Object.fromEntries(Object.keys(o).filter((k) => /ms|time|elapsed/i.test(k)).map((k) => [k, o[k]]));
}

describe.skipIf(canMount !== null)(`a full disk${canMount ? ` (skipped: ${canMount})` : ''}`, () => {
  it('a write fails as disk-full, writes nothing of itself, keeps integrity, and reading goes on', async () => {
    const source = corpusContext();
    const file = annotationsFile(source, 1_500, 'full', 400);
    closeContext(source);
    const disk = path.join(tempDir('wb-full-'), 'disk');
    expect(mountTmpfs(disk, '12m')).toBeNull();
    const dbPath = path.join(disk, 'workbench.db');
    fs.copyFileSync(source.dbPath, dbPath);
    fs.copyFileSync(libraryPathFor(source.dbPath), libraryPathFor(dbPath));
    const ctx = openContext({ dbPath, resourcesDir: RESOURCES_DIR, author: 'test-analyst' });
    try {
      const { api, openFrom } = desktopApiFor(ctx);
      await api.call('pillars.create', { nameJa: '満杯の前', nameEn: 'Before full' }); // the WAL exists
      const before = annotationCount(ctx);
      // Fill what is left of the disk.
      const filler = path.join(disk, 'filler');
      const fd = fs.openSync(filler, 'w');
      const chunk = Buffer.alloc(16 * 1024, 1);
      try {
        for (;;) fs.writeSync(fd, chunk);
      } catch (e) {
        expect((e as NodeJS.ErrnoException).code).toBe('ENOSPC');
      } finally {
        fs.closeSync(fd);
      }
      const error = await failure(api.call('annotations.import', { source: openFrom(file) }));
      expect(error.code).toBe('disk-full');
      expect(error.message.en).toContain(dbPath);
      expect(error.hint?.ja).toContain('空き');
      // Nothing of the failed import, the database intact, and reading goes on.
      expect(annotationCount(ctx)).toBe(before);
      expect(ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect((await api.call('documents.list', {})).documents).toHaveLength(5);
      expect((await api.call('search.query', { query: '半導体' })).total).toBeGreaterThan(0);
      // With space again, the same import goes through whole.
      fs.rmSync(filler);
      const report = await api.call('annotations.import', { source: openFrom(file) });
      expect(report.created).toBe(1_500);
      expect(annotationCount(ctx)).toBe(before + 1_500);
    } finally {
      closeContext(ctx);
    }
  });
});

/**
 * A second process that holds a write transaction on `dbPath` for `holdMs`, having noted itself
 * as a long import the way electron/store/storage-errors.ts announceLongWrite does.
 */
function holdWriteLock(dbPath: string, holdMs: number): Promise<{ pid: number; done: Promise<number> }> {
  const script = `
    const Database = require(${JSON.stringify(path.join(REPO_ROOT, 'node_modules', 'better-sqlite3'))});
    const db = new Database(${JSON.stringify(dbPath)});
    db.pragma('busy_timeout = 5000');
    const note = JSON.stringify({ what: { ja: '注釈の取り込み（big.json）', en: 'the annotations import of big.json' }, pid: process.pid, since: new Date().toISOString() });
    db.prepare("INSERT INTO app_state (key, value) VALUES ('storage_long_write', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(note);
    db.exec('BEGIN IMMEDIATE');
    db.prepare("INSERT INTO app_state (key, value) VALUES ('held-by-test', '1') ON CONFLICT(key) DO NOTHING").run();
    process.stdout.write('holding\\n');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${holdMs});
    db.exec('COMMIT');
    db.prepare("DELETE FROM app_state WHERE key = 'storage_long_write'").run();
    db.close();
  `;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const done = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('holding')) resolve({ pid: child.pid!, done });
    });
    child.on('exit', (code) => reject(new Error(`lock holder exited early (${code})`)));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a write while another process holds the database', () => {
  it('waits past the old 5 s limit, shows what it waits for, and then succeeds', async () => {
    const ctx = corpusContext();
    const api = apiFor(ctx);
    try {
      const holder = await holdWriteLock(ctx.dbPath, 6_500);
      const started = Date.now();
      const write = api.call('pillars.create', { nameJa: '待ってから保存', nameEn: 'Saved after waiting' });
      await sleep(2_500);
      const status = await api.call('storage.status', {});
      expect(status.waiting).toHaveLength(1);
      expect(status.waiting[0].holder?.en).toContain('the annotations import of big.json');
      expect(status.waiting[0].holder?.en).toContain(`process ${holder.pid}`);
      expect(status.waiting[0].holder?.ja).toContain('注釈の取り込み');
      const { pillar } = await write;
      expect(Date.now() - started).toBeGreaterThan(5_000); // it outlasted the old limit, and was saved
      expect((await api.call('pillars.list', {})).pillars.map((p) => p.id)).toContain(pillar.id);
      expect((await api.call('storage.status', {})).waiting).toEqual([]);
      expect(await holder.done).toBe(0);
    } finally {
      closeContext(ctx);
    }
  });

  it('fails as db-busy naming the holder once the bounded wait is over, and writes nothing', async () => {
    const ctx = corpusContext();
    const api = apiFor(ctx);
    const saved = process.env.WORKBENCH_BUSY_WAIT_MS;
    process.env.WORKBENCH_BUSY_WAIT_MS = '1500';
    try {
      const holder = await holdWriteLock(ctx.dbPath, 5_000);
      const error = await failure(api.call('pillars.create', { nameJa: '保存されない柱', nameEn: 'Never saved' }));
      expect(error.code).toBe('db-busy');
      expect(error.message.en).toContain(`process ${holder.pid}`);
      expect(error.message.ja).toContain('注釈の取り込み');
      expect(error.hint?.en).toMatch(/try again/i);
      expect(await holder.done).toBe(0);
      expect((await api.call('pillars.list', {})).pillars.map((p) => p.nameJa)).not.toContain('保存されない柱');
    } finally {
      if (saved === undefined) delete process.env.WORKBENCH_BUSY_WAIT_MS;
      else process.env.WORKBENCH_BUSY_WAIT_MS = saved;
      closeContext(ctx);
    }
  });
});

describe('the CLI waiting for a busy database', () => {
  it.each(['ja', 'en'] as const)('says so once on stderr (%s), naming the holder, and then saves', async (lang) => {
    const ctx = corpusContext();
    const dbPath = ctx.dbPath;
    closeContext(ctx);
    const holder = await holdWriteLock(dbPath, 3_000);
    const name = lang === 'ja' ? '待ってから保存した柱' : 'Saved after the wait';
    const r = await runCli(['pillars', 'add', '--name-ja', name, '--db', dbPath, '--lang', lang, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const said = lang === 'ja' ? '取り込みの完了を待っています…' : 'Waiting for the import to finish…';
    expect(r.stderr.split(said)).toHaveLength(2); // once, however many retries
    expect(r.stderr).toContain(lang === 'ja' ? `注釈の取り込み（big.json）（プロセス ${holder.pid}` : `the annotations import of big.json (process ${holder.pid}`);
    expect(r.stderr).toContain(dbPath);
    expect(r.stdout).toContain(name);
    expect(await holder.done).toBe(0);
  });
});

describe('a long annotations import', () => {
  it('lets a small write through between its batches, and is still one undo', async () => {
    const ctx = corpusContext();
    const { api, openFrom } = desktopApiFor(ctx);
    try {
      const file = annotationsFile(ctx, 4_500, 'long');
      const before = annotationCount(ctx);
      const finished: string[] = [];
      const importing = api.call('annotations.import', { source: openFrom(file) }).then((r) => {
        finished.push('import');
        return r;
      });
      const small = api.call('pillars.create', { nameJa: '取り込み中の柱', nameEn: 'Made during import' }).then((r) => {
        finished.push('small write');
        return r;
      });
      const [report] = await Promise.all([importing, small]);
      expect(finished).toEqual(['small write', 'import']);
      expect(report.created).toBe(4_500);
      expect(annotationCount(ctx)).toBe(before + 4_500);
      // Undo: first the small write (the newer change), then the whole import at once.
      expect((await api.call('history.undo', {})).label?.en).toContain('Made during import');
      const undone = await api.call('history.undo', {});
      expect(undone.label?.en).toBe('Import annotations (long.json, 4500)');
      expect(annotationCount(ctx)).toBe(before);
    } finally {
      closeContext(ctx);
    }
  });
});

describe('the export log and the file', () => {
  it('agree when the log write fails: no file, a typed error, and a retry is not refused', async () => {
    const ctx = corpusContext();
    try {
      const { briefing } = await apiFor(ctx).call('briefings.create', { title: '記録と一致する書き出し' });
      const target = path.join(tempDir('wb-exportlog-'), 'brief.md');
      // The log write fails as a real storage failure would: the connection refuses writes.
      ctx.db.pragma('query_only = ON');
      await expect(exportBriefing(ctx.db, briefing.id, { format: 'md', path: target, author: 'test-analyst' })).rejects.toMatchObject({ code: 'SQLITE_READONLY' });
      expect(fs.existsSync(target)).toBe(false);
      expect(fs.readdirSync(path.dirname(target))).toEqual([]); // no temporary file left either
      ctx.db.pragma('query_only = OFF');
      expect(listExports(ctx.db, { briefingId: briefing.id })).toEqual([]);
      const retry = await exportBriefing(ctx.db, briefing.id, { format: 'md', path: target, author: 'test-analyst' });
      expect(fs.readFileSync(target, 'utf8')).toContain('記録と一致する書き出し');
      expect(listExports(ctx.db, { briefingId: briefing.id }).map((e) => e.path)).toEqual([retry.path]);
    } finally {
      closeContext(ctx);
    }
  });

  it('agree when placing the file fails: the log row is taken back', async () => {
    const ctx = corpusContext();
    try {
      const { briefing } = await apiFor(ctx).call('briefings.create', { title: '置けなかった書き出し' });
      const target = path.join(tempDir('wb-exportlog-'), 'brief.md');
      const ops: WriteOps = {
        ...realOps,
        linkSync: () => {
          throw Object.assign(new Error('EIO: i/o error, link'), { code: 'EIO' });
        },
      };
      await expect(exportBriefing(ctx.db, briefing.id, { format: 'md', path: target, author: 'test-analyst', ops })).rejects.toMatchObject({ code: 'io' });
      expect(fs.existsSync(target)).toBe(false);
      expect(listExports(ctx.db, { briefingId: briefing.id })).toEqual([]);
    } finally {
      closeContext(ctx);
    }
  });
});

