// `workbench docs`: the library, one line (or JSON object) per document.
import { printJson, withApi, type Command } from '../command';

export const docsCommand: Command = {
  name: 'docs',
  summary: 'List the documents in the library.',
  usage: 'workbench docs [--db PATH] [--json]',
  run: (input) =>
    withApi(input, async (api) => {
      const { documents } = await api.call('documents.list', {});
      if (input.json) {
        printJson(input.io, {
          documents: documents.map((d) => ({ id: d.id, title: d.title, date: d.date, kind: d.kind, issuer: d.issuer, statements: d.statements, origin: d.origin })),
        });
      } else {
        for (const d of documents) input.io.out(`${d.id}\t${d.date ?? '----------'}\t${d.kind}\t${d.statements}\t${d.title}\n`);
      }
      return 0;
    }),
};
