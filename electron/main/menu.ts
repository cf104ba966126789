// The application menu: standard roles plus the workbench's own commands.
import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { AppContext } from '../app/context';

export function buildMenu(_ctx: AppContext): void {
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
