// The native face of backups: offering the newest good backup when the database is damaged at
// start, and the File menu's "Back up now" / "Restore backup…". The logic is in electron/backup.
import { BrowserWindow, dialog, type MenuItemConstructorOptions } from 'electron';
import type { Invoke } from '../../shared/api/define';
import { formatError, toErrorData, type AppErrorData } from '../../shared/errors';
import { restoreBackup } from '../backup/backups';
import { withExclusiveHold } from '../backup/workspace-lock';
import { checkDatabase } from '../backup/recovery';

type Lang = 'ja' | 'en';

const T = {
  damaged: { ja: 'データベースが壊れています', en: 'The database is damaged' },
  offer: { ja: (at: string) => `最新の正常なバックアップ（${at}）から復元しますか？現在のファイルは消さずに別名で残します。`, en: (at: string) => `Restore the newest good backup (${at})? The current file is kept under another name, not deleted.` },
  restore: { ja: 'バックアップから復元', en: 'Restore backup' },
  quit: { ja: '終了', en: 'Quit' },
  none: { ja: '正常なバックアップがありません。ファイルはそのまま残しています。', en: 'There is no good backup. The file was left as it is.' },
  backupNow: { ja: '今すぐバックアップ', en: 'Back Up Now' },
  restoreMenu: { ja: 'バックアップから復元…', en: 'Restore Backup…' },
  choose: { ja: '復元するバックアップを選んでください。現在のデータベースは別名で残します。', en: 'Choose the backup to restore. The current database is kept under another name.' },
  cancel: { ja: 'キャンセル', en: 'Cancel' },
  done: { ja: 'バックアップしました', en: 'Backed up' },
  failed: { ja: '失敗しました', en: 'Failed' },
};

/** At start, after the database failed to open as damaged: true if a backup was restored. */
export async function offerBackupOnDamage(dbPath: string, lang: Lang): Promise<boolean> {
  const check = checkDatabase(dbPath);
  if (check.ok) return false;
  if (!check.offer) {
    dialog.showErrorBox(T.damaged[lang], `${formatError(check.error, lang)}\n${T.none[lang]}`);
    return false;
  }
  const choice = await dialog.showMessageBox({
    type: 'error',
    title: T.damaged[lang],
    message: T.damaged[lang],
    detail: `${check.error.message[lang]}\n\n${T.offer[lang](check.offer.createdAt)}`,
    buttons: [T.restore[lang], T.quit[lang]],
    defaultId: 0,
    cancelId: 1,
  });
  if (choice.response !== 0) return false;
  // Refused (db-busy, shown with the holder) while a dev host or a CLI command has the file open.
  try {
    await withExclusiveHold(dbPath, 'app restore', () => restoreBackup(dbPath, check.offer!));
  } catch (e) {
    showError(lang, toErrorData(e));
    return false;
  }
  return true;
}

function showError(lang: Lang, error: AppErrorData): void {
  dialog.showErrorBox(T.failed[lang], formatError(error, lang));
}

/** File-menu items: back up now, and restore one of the newest backups (then reload the windows). */
export function backupMenuItems(invoke: Invoke, lang: Lang): MenuItemConstructorOptions[] {
  return [
    {
      label: T.backupNow[lang],
      click: async () => {
        const r = await invoke('backups.create', {});
        if (!r.ok) showError(lang, r.error);
        else await dialog.showMessageBox({ type: 'info', message: T.done[lang], detail: (r.value as { backup: { path: string } }).backup.path });
      },
    },
    {
      label: T.restoreMenu[lang],
      click: async () => {
        const list = await invoke('backups.list', {});
        if (!list.ok) return showError(lang, list.error);
        const backups = (list.value as { backups: { file: string; createdAt: string; reason: string }[] }).backups.slice(0, 6);
        if (backups.length === 0) return void dialog.showMessageBox({ type: 'info', message: T.none[lang] });
        const choice = await dialog.showMessageBox({
          type: 'question',
          message: T.restoreMenu[lang],
          detail: T.choose[lang],
          buttons: [...backups.map((b) => `${b.createdAt} (${b.reason})`), T.cancel[lang]],
          cancelId: backups.length,
        });
        if (choice.response >= backups.length) return;
        const r = await invoke('backups.restore', { file: backups[choice.response].file });
        if (!r.ok) return showError(lang, r.error);
        for (const w of BrowserWindow.getAllWindows()) w.webContents.reload();
      },
    },
  ];
}
