// `workbench statements DOC_ID`: a document's statements in reading order.
import { printJson, UsageError, withApi, type Command } from '../command';

export const statementsCommand: Command = {
  name: 'statements',
  summary: "List a document's statements in order.",
  usage: 'workbench statements DOC_ID [--db PATH] [--json]',
  run: (input) => {
    const [docId] = input.positionals;
    if (!docId) throw new UsageError('a document id is required (see `workbench docs`)');
    return withApi(input, async (api) => {
      const { statements } = await api.call('statements.list', { documentId: docId });
      if (input.json) printJson(input.io, { documentId: docId, statements });
      else {
        for (const s of statements) {
          const who = s.speaker ? `〔${s.speaker}〕` : '';
          input.io.out(`${s.id}\t${s.kind}\t${who}${s.marker ?? ''}${s.text.replace(/\s+/g, ' ').slice(0, 120)}\n`);
        }
      }
      return 0;
    });
  },
};
