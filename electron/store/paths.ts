// Where the workbench keeps its data on each OS, computed without Electron so that the
// CLI, the dev host and the app agree on one database: --db / WORKBENCH_DB override it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const APP_DIR_NAME = 'keizai-anpo-workbench';
export const DB_FILE_NAME = 'workbench.db';

/** The OS's per-user application data folder for this app. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return path.join(env.XDG_DATA_HOME || path.join(home, '.local', 'share'), APP_DIR_NAME);
}

/** --db wins, then WORKBENCH_DB, then the per-user default. */
export function resolveDbPath(explicit?: string | null, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return path.resolve(explicit);
  if (env.WORKBENCH_DB) return path.resolve(env.WORKBENCH_DB);
  return path.join(defaultDataDir(env), DB_FILE_NAME);
}

/** Backups sit beside the database so that moving the folder moves them too. */
export function backupDirFor(dbPath: string): string {
  return path.join(path.dirname(dbPath), 'backups');
}

/** The bundled resources (corpus, icons): `resources/` in the repo and in the packaged app. */
export function defaultResourcesDir(): string {
  if (process.env.WORKBENCH_RESOURCES) return path.resolve(process.env.WORKBENCH_RESOURCES);
  // Packaged Electron app: resources are unpacked next to app.asar (electron-builder extraResources).
  const packaged = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  if (packaged && !packaged.includes('node_modules')) {
    const candidate = path.join(packaged, 'resources');
    try {
      fs.accessSync(path.join(candidate, 'corpus', 'manifest.json'));
      return candidate;
    } catch {
      /* fall through to the source layout */
    }
  }
  // From the sources (electron/store) and from dist/electron/store alike, walk up to the repo.
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'resources');
    try {
      fs.accessSync(path.join(candidate, 'corpus', 'manifest.json'));
      return candidate;
    } catch {
      dir = path.dirname(dir);
    }
  }
  return path.resolve('resources');
}
