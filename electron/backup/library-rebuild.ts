// Rebuilding the library on request (`workbench library rebuild`, the palette's 「ライブラリを再構築」):
// the library file is set aside (`<library>.damaged`, one kept) and made again from the bundled
// corpus and the stored originals of imported sources, as an open does when it finds the library
// missing. The workspace is not touched: annotations, the journal and undo stay as they were, and
// statement ids come from the text, so every annotation finds its statement again.
// Like a restore it renames a file other processes would have open, so it holds the workspace
// exclusively: refused (db-busy, naming the holder) while the app, a dev host or a command has it.
import { AppError } from '../../shared/errors';
import { replaceHooks } from '../annotate/replace-hooks';
import { ingestBundledCorpus } from '../corpus/ingest';
import { restoreImported } from '../import/rebuild';
import { flushPending } from '../search/indexer';
import { libraryPathFor, setLibraryAside } from '../store/library-file';
import { openDatabase } from '../store/open';
import { storageFailure } from '../store/storage-errors';
import { noteRebuild } from './library-check';
import { whenBackupsIdle, type LiveDatabase } from './recovery';
import { withExclusiveHold } from './workspace-lock';
import fs from 'node:fs';

export interface LibraryRebuildReport {
  documents: number;
  statements: number;
  restored: string[];
  failed: { documentId: string; code: string; message: { ja: string; en: string } }[];
  setAside: string | null;
  elapsedMs: number;
}

export async function rebuildLibrary(ctx: LiveDatabase & { resourcesDir: string }): Promise<LibraryRebuildReport> {
  const started = Date.now();
  if (ctx.db.readonly) throw storageFailure({ code: 'SQLITE_READONLY' }, ctx.dbPath)!;
  const libPath = libraryPathFor(ctx.dbPath);
  if (libPath === ':memory:') {
    throw new AppError('invalid-request', { ja: 'メモリ上のデータベースのライブラリは再構築できません。', en: 'An in-memory database has no library file to rebuild.' }, { subject: ctx.dbPath });
  }
  const name = ctx.db.name;
  return withExclusiveHold(ctx.dbPath, 'library rebuild', async () => {
    await whenBackupsIdle(ctx.dbPath); // never close the connection under a running backup
    noteRebuild(name, { done: 0, total: 0, document: null });
    try {
      ctx.db.close();
      let setAside: string | null = null;
      try {
        if (fs.existsSync(libPath)) setAside = setLibraryAside(libPath);
      } finally {
        // Opening finds no library and makes an empty one at the current schema (electron/store/library.ts).
        ctx.db = openDatabase(ctx.dbPath);
      }
      const progress = (done: number, total: number, document?: string) => noteRebuild(name, { done, total, document: document ?? null });
      ingestBundledCorpus(ctx.db, ctx.resourcesDir, { afterReplace: replaceHooks, onProgress: progress });
      const imported = await restoreImported(ctx.db, { onProgress: progress });
      flushPending(ctx.db);
      const count = (sql: string) => (ctx.db.prepare(sql).get() as { n: number }).n;
      const report: LibraryRebuildReport = {
        documents: count('SELECT COUNT(*) AS n FROM library.documents'),
        statements: count('SELECT COUNT(*) AS n FROM library.statements'),
        restored: imported.restored,
        failed: imported.failed.map((f) => ({ documentId: f.documentId, code: f.error.code, message: f.error.message })),
        setAside,
        elapsedMs: Date.now() - started,
      };
      noteRebuild(name, 'done');
      return report;
    } catch (e) {
      noteRebuild(name, 'failed');
      throw e;
    }
  });
}
