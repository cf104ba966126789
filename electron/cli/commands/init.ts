// `workbench init`: create or upgrade the database and ingest the bundled corpus (idempotent).
import { closeContext, ensureCorpus, openContext } from '../../app/context';
import { currentVersion } from '../../store/migrate';
import { printJson, type Command } from '../command';

export const initCommand: Command = {
  name: 'init',
  summary: 'Create/upgrade the database and ingest the bundled corpus (idempotent; prints counts).',
  usage: 'workbench init [--db PATH] [--json]',
  run({ values, io, json }) {
    const ctx = openContext({ dbPath: (values.db as string | undefined) ?? null, fullCheck: true });
    try {
      const result = ensureCorpus(ctx);
      const total = result.documents.reduce((n, d) => n + d.statements, 0);
      const report = {
        dbPath: ctx.dbPath,
        schemaVersion: currentVersion(ctx.db),
        corpusChanged: !result.skipped,
        documents: result.documents.map((d) => ({ id: d.documentId, statements: d.statements, ingested: d.changed })),
        statements: total,
      };
      if (json) printJson(io, report);
      else {
        io.out(`Database: ${report.dbPath} (schema ${report.schemaVersion})\n`);
        io.out(result.skipped ? 'Bundled corpus unchanged: nothing to ingest.\n' : 'Bundled corpus ingested.\n');
        for (const d of report.documents) io.out(`  ${d.id}: ${d.statements} statements${d.ingested ? ' (ingested)' : ''}\n`);
        io.out(`${report.documents.length} documents, ${total} statements.\n`);
      }
      return 0;
    } finally {
      closeContext(ctx);
    }
  },
};
