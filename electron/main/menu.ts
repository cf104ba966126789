// The application menu: standard roles plus the workbench's own commands.
import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { ApiWorker } from '../app/worker-client';

export function buildMenu(_api: ApiWorker): void {
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
