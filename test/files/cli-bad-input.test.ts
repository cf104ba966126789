// The CLI keeps paths (it is the analyst's own shell), and still opens only regular files: a FIFO,
// a device, /etc/shadow or a private file offered for import, or a FIFO as an export target, are
// refused at once with a typed error that names the file and never quotes it. The CLI runs as a
// child process with a deadline, so a read that blocked would fail the test instead of hanging it.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { REPO_ROOT, tempDbPath, tempDir } from '../helpers/db';

const BIN = path.join(REPO_ROOT, 'bin', 'workbench.js');
const built = fs.existsSync(path.join(REPO_ROOT, 'dist', 'electron', 'cli', 'main.js'));
const posix = process.platform !== 'win32';

let db: string;
let dir: string;
beforeAll(async () => {
  db = tempDbPath();
  dir = tempDir('wb-cli-bad-');
  expect((await runCli(['init', '--db', db])).code).toBe(0);
}, 120_000);

/** Runs the built CLI; a blocked read would be killed at the deadline (status null). */
function cli(args: string[]): { status: number | null; stdout: string; stderr: string; error?: { code: string; message: { en: string }; subject?: string } } {
  const r = spawnSync(process.execPath, [BIN, ...args, '--db', db, '--json'], { encoding: 'utf8', timeout: 30_000 });
  let error;
  try {
    error = JSON.parse(r.stderr).error;
  } catch {
    error = undefined;
  }
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, error };
}

describe('CLI file input that is not a regular file', () => {
  it('is built by npm run build', () => {
    expect(built).toBe(true);
  });

  it.runIf(posix)('annotations-import of a FIFO is refused at once, without waiting for a writer', () => {
    const fifo = path.join(dir, 'annotations.json');
    execFileSync('mkfifo', [fifo]);
    const r = cli(['annotations-import', fifo]);
    expect(r.status).toBe(1);
    expect(r.error).toMatchObject({ code: 'bad-input', subject: fifo, message: { en: `${fifo} is a named pipe (FIFO); only regular files are read or written.` } });
  });

  it.runIf(posix)('annotations-import of a device or a folder is refused, naming what it is', () => {
    expect(cli(['annotations-import', '/dev/zero']).error).toMatchObject({ code: 'bad-input', message: { en: '/dev/zero is a device; only regular files are read or written.' } });
    expect(cli(['annotations-import', dir]).error).toMatchObject({ code: 'bad-input', message: { en: `${dir} is a folder; only regular files are read or written.` } });
  });

  it.runIf(posix)('/etc/shadow is refused without a word of its contents', () => {
    const r = cli(['annotations-import', '/etc/shadow']);
    expect(r.status).toBe(1);
    // Unreadable for a normal user ("permission denied"); readable for root, then not JSON at line 1.
    expect(r.error?.message.en).toMatch(/^(Cannot read \/etc\/shadow \(permission denied\)\.|The annotations file \/etc\/shadow cannot be imported: not valid JSON \(line 1, column 1\))$/);
    expect(r.stderr).not.toContain('root:');
    expect(r.stderr).not.toMatch(/\$[0-9a-z]+\$/);
  });

  it('a private (0600) file that is not an annotations file: position only, never its text', async () => {
    const secret = path.join(dir, 'id_secret');
    fs.writeFileSync(secret, 'analyst:$y$j9T$SECRETSALT$SECRETHASH:19700:0:99999:7:::\n', { mode: 0o600 });
    const r = await runCli(['annotations-import', secret, '--db', db, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stderr).error).toMatchObject({ code: 'bad-input', subject: secret, message: { en: `The annotations file ${secret} cannot be imported: not valid JSON (line 1, column 1)` } });
    expect(r.stderr).not.toContain('SECRET');
    expect(r.stderr).not.toContain('analyst:');
  });

  it.runIf(posix)('export and annotations-export to a FIFO are refused before anything is written, even with --force', async () => {
    const fifo = path.join(dir, 'out.md');
    execFileSync('mkfifo', [fifo]);
    const created = await runCli(['briefing', 'create', '--title', '所見', '--db', db, '--json']);
    const id = created.json<{ id: string }>().id;
    const exp = cli(['export', id, '--format', 'md', '--out', fifo, '--force']);
    expect(exp.status).toBe(1);
    expect(exp.error).toMatchObject({ code: 'bad-input', message: { en: `${fifo} is a named pipe (FIFO); only regular files are read or written.` } });
    const ann = cli(['annotations-export', '--out', fifo, '--force']);
    expect(ann.error).toMatchObject({ code: 'bad-input', subject: fifo });
    expect(fs.statSync(fifo).isFIFO()).toBe(true);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
