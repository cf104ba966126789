// The preload as Electron loads it: bundled into one script (a sandboxed preload can require only
// `electron`), exposing exactly the WorkbenchBridge members on the channels declared in shared/.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { IPC_CHANNELS } from '../../shared/api/bridge';
import { tempDir } from '../helpers/db';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { preloadBuildOptions } = require('../../scripts/build-preload.js') as { preloadBuildOptions(outfile: string): Parameters<typeof buildSync>[0] };

function bundle(): string {
  const out = path.join(tempDir('wb-preload-'), 'index.js');
  buildSync(preloadBuildOptions(out));
  return fs.readFileSync(out, 'utf8');
}

describe('the bundled preload', () => {
  const code = bundle();

  it('requires nothing but electron', () => {
    const required = [...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect(required).toEqual(['electron']);
  });

  it('exposes the bridge on the shared channel names', async () => {
    const calls: unknown[][] = [];
    const listeners = new Map<string, (...a: unknown[]) => void>();
    let exposed: Record<string, unknown> = {};
    const electron = {
      contextBridge: { exposeInMainWorld: (name: string, api: Record<string, unknown>) => void (name === 'workbench' && (exposed = api)) },
      ipcRenderer: {
        invoke: (...a: unknown[]) => {
          calls.push(a);
          return Promise.resolve({ ok: true, value: a[0] });
        },
        on: (channel: string, fn: (...a: unknown[]) => void) => void listeners.set(channel, fn),
        removeListener: (channel: string) => void listeners.delete(channel),
      },
    };
    const sandboxRequire = (name: string) => {
      if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
      return electron;
    };
    vm.runInNewContext(code, { require: sandboxRequire, process: { platform: 'linux' }, Promise, TypeError });

    expect(Object.keys(exposed).sort()).toEqual(['invoke', 'onStartup', 'openDialog', 'platform', 'saveDialog', 'showExportInFolder', 'startupState']);
    const bridge = exposed as { invoke(m: unknown, p: unknown): Promise<unknown>; saveDialog(o: unknown): Promise<unknown>; openDialog(o: unknown): Promise<unknown>; startupState(): Promise<unknown>; onStartup(l: (p: unknown) => void): () => void; showExportInFolder(id: unknown): Promise<unknown>; platform: string };
    await bridge.invoke('documents.list', {});
    await bridge.saveDialog({ defaultPath: 'a.docx' });
    await bridge.openDialog({});
    await bridge.startupState();
    await bridge.showExportInFolder(7);
    await expect(bridge.invoke(42, {})).rejects.toThrow('method must be a string');
    expect(calls.map((c) => c[0])).toEqual([IPC_CHANNELS.invoke, IPC_CHANNELS.saveDialog, IPC_CHANNELS.openDialog, IPC_CHANNELS.startupState, IPC_CHANNELS.showExport]);
    expect(calls[4]).toEqual([IPC_CHANNELS.showExport, 7]);
    expect(calls[0]).toEqual(['workbench:invoke', 'documents.list', {}]);

    const seen: unknown[] = [];
    const stop = bridge.onStartup((p) => seen.push(p));
    listeners.get(IPC_CHANNELS.startupEvent)?.({}, { phase: 'ready' });
    expect(seen).toEqual([{ phase: 'ready' }]);
    stop();
    expect(listeners.has(IPC_CHANNELS.startupEvent)).toBe(false);
    expect(bridge.platform).toBe('linux');
  });
});
