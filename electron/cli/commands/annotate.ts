// `workbench annotate STATEMENT_ID`: annotate a span (--quote) or the whole statement.
import { intOpt, listOpt, printJson, stringOpt, UsageError, withApi, type Command } from '../command';

export const annotateCommand: Command = {
  name: 'annotate',
  summary: 'Annotate a statement: a quoted span or the whole statement, with comment, tags and pillars.',
  usage: 'workbench annotate STATEMENT_ID [--quote TEXT [--start N]] [--comment TEXT] [--tag T]... [--pillar ID]... [--importance 1|2|3] [--author NAME] [--db PATH] [--json]',
  options: {
    quote: { type: 'string' },
    start: { type: 'string' },
    comment: { type: 'string' },
    tag: { type: 'string', multiple: true },
    pillar: { type: 'string', multiple: true },
    importance: { type: 'string' },
    author: { type: 'string' },
  },
  run: (input) => {
    const [statementId, extra] = input.positionals;
    if (!statementId) throw new UsageError('a statement id is required (see `workbench statements DOC_ID`)');
    if (extra) throw new UsageError(`unexpected argument "${extra}" (quote text with --quote "…")`);
    const importance = stringOpt(input.values, 'importance') === undefined ? undefined : intOpt(input.values, 'importance', 0, 3);
    if (importance === 0) throw new UsageError('--importance must be 1, 2 or 3');
    const start = stringOpt(input.values, 'start') === undefined ? undefined : intOpt(input.values, 'start', 0);
    if (start !== undefined && stringOpt(input.values, 'quote') === undefined) throw new UsageError('--start needs --quote');
    return withApi(input, async (api) => {
      const { annotation } = await api.call('annotations.create', {
        statementId,
        quote: stringOpt(input.values, 'quote'),
        start,
        comment: stringOpt(input.values, 'comment'),
        tags: listOpt(input.values, 'tag'),
        pillarIds: listOpt(input.values, 'pillar'),
        importance,
        author: stringOpt(input.values, 'author'),
      });
      if (input.json) printJson(input.io, annotation);
      else input.io.out(`${annotation.id}\t${annotation.statementId}\t${annotation.target.position.start}-${annotation.target.position.end}\t${annotation.target.quote.exact}\n`);
      return 0;
    });
  },
};
