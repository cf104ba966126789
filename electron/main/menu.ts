// The application menu: standard roles plus the workbench's own commands.
import { app, Menu, type MenuItemConstructorOptions } from 'electron';
import { backupMenuItems } from './backup-dialogs';
import type { Invoke } from '../../shared/api/define';

/** Zoom and full screen; reload and DevTools only in an unpackaged (developer) build. */
export function viewMenu(lang: 'ja' | 'en', packaged: boolean = app.isPackaged): MenuItemConstructorOptions {
  const developer: MenuItemConstructorOptions[] = packaged ? [] : [{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }];
  return {
    label: lang === 'ja' ? '表示' : 'View',
    submenu: [...developer, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
  };
}

/** Built with the window; its commands wait for the database worker like every other call. */
export function buildMenu(invoke: Invoke): void {
  const lang = app.getLocale().startsWith('ja') ? 'ja' : 'en';
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: lang === 'ja' ? 'ファイル' : 'File',
      submenu: [...backupMenuItems(invoke, lang), { type: 'separator' }, process.platform === 'darwin' ? { role: 'close' } : { role: 'quit' }],
    },
    { role: 'editMenu' },
    viewMenu(lang),
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
