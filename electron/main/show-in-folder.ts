// "Show in folder" for the export history: the page names an export by its export-log id, and
// the main process finds the path in the log itself (through the API, like every other read) and
// hands it to the OS file manager. A path from the page is never accepted; a log entry that is a
// browser download, not absolute, or no longer a regular file is refused.
import fs from 'node:fs';
import path from 'node:path';
import { ipcMain, shell } from 'electron';
import { IPC_CHANNELS } from '../../shared/api/bridge';
import type { ExportLogEntry } from '../../shared/briefing';
import type { GrantedInvoke } from './ipc';
import { isTrustedSender } from './security';

/** How far back the history is searched: the export panel shows the newest few. */
const LOG_LOOKBACK = 10_000;

/** The file an export-log entry names, if it still exists as a regular file; null otherwise. */
export async function exportedFile(invoke: GrantedInvoke, exportId: unknown): Promise<string | null> {
  if (typeof exportId !== 'number' || !Number.isSafeInteger(exportId) || exportId < 1) return null;
  const r = await invoke('briefings.exportLog', { limit: LOG_LOOKBACK });
  if (!r.ok) return null;
  const entry = (r.value as { entries: ExportLogEntry[] }).entries.find((e) => e.id === exportId);
  if (!entry || !path.isAbsolute(entry.path)) return null;
  try {
    return fs.statSync(entry.path).isFile() ? entry.path : null;
  } catch {
    return null;
  }
}

export function registerShowInFolder(invoke: GrantedInvoke): void {
  ipcMain.handle(IPC_CHANNELS.showExport, async (event, exportId: unknown) => {
    if (!isTrustedSender(event)) return false;
    const file = await exportedFile(invoke, exportId);
    if (!file) return false;
    shell.showItemInFolder(file);
    return true;
  });
}
