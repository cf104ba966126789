// "Show in folder" in the desktop app, against a mock of the electron module: the page names an
// export by its log id, the main process looks the path up in the real export log (a dispatcher on
// a real database) and shows only a file that exists; a path or a foreign caller gets nothing.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

const state = vi.hoisted(() => ({ ipc: new Map<string, (...args: unknown[]) => unknown>(), shown: [] as string[] }));
vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, fn: (...args: unknown[]) => unknown) => state.ipc.set(channel, fn) },
  shell: { showItemInFolder: (p: string) => void state.shown.push(p) },
}));
// The sender check itself is tested in security.test.ts; here a flag on the event stands for it.
vi.mock('../../electron/main/security', () => ({ isTrustedSender: (e: { trusted?: boolean }) => e.trusted === true }));

import type { AppContext } from '../../electron/app/context';
import { recordExport } from '../../electron/briefing/export-log';
import { createDispatcher } from '../../electron/api/dispatch';
import { handlers } from '../../electron/api/handlers';
import { registerShowInFolder } from '../../electron/main/show-in-folder';
import { IPC_CHANNELS } from '../../shared/api/bridge';
import { closeContext, makeContext, tempDir } from '../helpers/db';

let ctx: AppContext;
let written: string;
let ids: { file: number; gone: number; download: number };

beforeAll(() => {
  ctx = makeContext();
  const dir = tempDir('wb-show-');
  written = path.join(dir, '論点整理.pdf');
  fs.writeFileSync(written, '%PDF-1.7');
  const log = (p: string) => recordExport(ctx.db, { briefingId: null, briefingTitle: '論点整理', format: 'pdf', path: p, marking: '', bytes: 8, author: 'a' }).id;
  ids = { file: log(written), gone: log(path.join(dir, 'moved-away.pdf')), download: log('論点整理.pdf (download)') };
  const dispatch = createDispatcher(handlers, ctx);
  registerShowInFolder((method, params) => dispatch(method, params));
});
afterAll(() => closeContext(ctx));
beforeEach(() => (state.shown.length = 0));

const show = (exportId: unknown, trusted = true) => state.ipc.get(IPC_CHANNELS.showExport)!({ trusted }, exportId) as Promise<boolean>;

describe('show in folder', () => {
  it('shows the file an export-log entry names', async () => {
    expect(await show(ids.file)).toBe(true);
    expect(state.shown).toEqual([written]);
  });

  it.each([
    ['a file since moved away', () => ids.gone],
    ['a browser download (no path on this machine)', () => ids.download],
    ['an id not in the log', () => 99_999],
    ['a path instead of an id', () => written],
    ['a negative id', () => -1],
  ])('refuses %s, showing nothing', async (_what, id) => {
    expect(await show(id())).toBe(false);
    expect(state.shown).toEqual([]);
  });

  it('answers nothing to a caller that is not our page', async () => {
    expect(await show(ids.file, false)).toBe(false);
    expect(state.shown).toEqual([]);
  });
});
