// `workbench init`: create or upgrade the database and ingest the bundled corpus (idempotent).
import { closeContext, ensureLibrary, openContext } from '../../app/context';
import { currentVersion } from '../../store/migrate';
import { printJson, type Command } from '../command';

export const initCommand: Command = {
  name: 'init',
  summary: 'Create/upgrade the database and ingest the bundled corpus (idempotent; prints counts).',
  usage: 'workbench init [--db PATH] [--json]',
  async run({ values, io, json }) {
    const ctx = openContext({ dbPath: (values.db as string | undefined) ?? null, fullCheck: true });
    try {
      const ready = await ensureLibrary(ctx);
      const result = ready.corpus;
      const total = result.documents.reduce((n, d) => n + d.statements, 0);
      const report = {
        dbPath: ctx.dbPath,
        schemaVersion: currentVersion(ctx.db),
        corpusChanged: !result.skipped,
        documents: result.documents.map((d) => ({ id: d.documentId, statements: d.statements, ingested: d.changed })),
        statements: total,
        library: ready.library ? { path: ready.library.libraryPath, state: ready.library.state, reason: ready.library.reason ?? null, preSplitCopy: ready.library.preSplitCopy ?? null } : null,
        importedRestored: ready.imported.restored,
        importedFailed: ready.imported.failed.map((f) => ({ documentId: f.documentId, code: f.error.code, message: f.error.message })),
      };
      if (json) printJson(io, report);
      else {
        io.out(`Database: ${report.dbPath} (schema ${report.schemaVersion})\n`);
        io.out(result.skipped ? 'Bundled corpus unchanged: nothing to ingest.\n' : 'Bundled corpus ingested.\n');
        for (const d of report.documents) io.out(`  ${d.id}: ${d.statements} statements${d.ingested ? ' (ingested)' : ''}\n`);
        io.out(`${report.documents.length} documents, ${total} statements.\n`);
        if (report.library) io.out(`Library: ${report.library.path}${report.library.state === 'created' ? ` (created: ${report.library.reason})` : ''}\n`);
        if (report.library?.preSplitCopy) io.out(`Split from one file; the file as it was is kept at ${report.library.preSplitCopy}\n`);
        if (report.importedRestored.length) io.out(`Imported documents read again from their originals: ${report.importedRestored.length}\n`);
        for (const f of ready.imported.failed) io.out(`  ${f.documentId}: ${f.error.message.en}\n`);
      }
      return 0;
    } finally {
      closeContext(ctx);
    }
  },
};
