// The application menu: standard roles plus the workbench's own commands.
import { app, Menu, type MenuItemConstructorOptions } from 'electron';
import type { ApiWorker } from '../app/worker-client';
import { backupMenuItems } from './backup-dialogs';

export function buildMenu(api: ApiWorker): void {
  const lang = app.getLocale().startsWith('ja') ? 'ja' : 'en';
  const invoke = (method: unknown, params: unknown) => api.invoke(method, params);
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: lang === 'ja' ? 'ファイル' : 'File',
      submenu: [...backupMenuItems(invoke, lang), { type: 'separator' }, process.platform === 'darwin' ? { role: 'close' } : { role: 'quit' }],
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
