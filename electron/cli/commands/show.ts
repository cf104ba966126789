// `workbench show STATEMENT_ID`: one statement with its document, heading path, offsets and
// its citation as every export prints it (so locators can be checked from a script).
import { citationSourceOf, formatCitation, placesOf } from '../../../shared/citation';
import { printJson, UsageError, withApi, type Command } from '../command';

export const showCommand: Command = {
  name: 'show',
  summary: 'Show one statement with its document, heading path, speaker, page (imported PDFs) and offsets.',
  usage: 'workbench show STATEMENT_ID [--db PATH] [--json]',
  run: (input) => {
    const [id] = input.positionals;
    if (!id) throw new UsageError('a statement id is required');
    return withApi(input, async (api) => {
      const { statement, document } = await api.call('statements.get', { id });
      // Footnotes and table cells are cited by places only the whole document knows.
      const { statements } = await api.call('statements.list', { documentId: document.id });
      const citation = formatCitation(citationSourceOf(document, statement, placesOf(statements)), 'ja');
      if (input.json) {
        printJson(input.io, { ...statement, document: { id: document.id, title: document.title, date: document.date, issuer: document.issuer, kind: document.kind }, citation });
      } else {
        const io = input.io;
        io.out(`${statement.id}\n${document.title}${document.date ? ` (${document.date})` : ''}\n`);
        if (statement.headingPath.length) io.out(`${statement.headingPath.join(' > ')}\n`);
        if (statement.speaker) io.out(`○${statement.speaker}\n`);
        if (statement.page !== undefined) io.out(`p. ${statement.pageLabel ?? statement.page}${statement.pageLabel ? ` (page ${statement.page})` : ''}\n`);
        io.out(`[${statement.ordinal}] ${statement.marker ?? ''}${statement.text}\n(offsets ${statement.start}–${statement.end})\n`);
        io.out(`${citation}\n`);
      }
      return 0;
    });
  },
};
