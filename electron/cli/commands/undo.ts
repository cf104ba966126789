// `workbench undo`, `workbench redo`, `workbench history [STATEMENT_ID]`: the persistent undo
// journal and activity history, from the command line.
import { intOpt, printJson, withApi, type Command } from '../command';

function replayCommand(name: 'undo' | 'redo'): Command {
  return {
    name,
    summary: name === 'undo' ? 'Undo the last change to annotations, pillars or briefings.' : 'Redo the last undone change.',
    usage: `workbench ${name} [--db PATH] [--json]`,
    run: (input) =>
      withApi(input, async (api) => {
        const r = await api.call(name === 'undo' ? 'history.undo' : 'history.redo', {});
        if (input.json) printJson(input.io, { done: r.done, label: r.label, annotationIds: r.annotationIds, pillarIds: r.pillarIds, briefingIds: r.briefingIds ?? [], state: r.state });
        else input.io.out(r.done && r.label ? `${name === 'undo' ? 'Undone' : 'Redone'}: ${r.label[input.lang]}\n` : `Nothing to ${name}.\n`);
        return 0;
      }),
  };
}

export const undoCommand = replayCommand('undo');
export const redoCommand = replayCommand('redo');

export const historyCommand: Command = {
  name: 'history',
  summary: "Activity history of a statement's annotations (or of everything), newest first.",
  usage: 'workbench history [STATEMENT_ID] [--limit N] [--db PATH] [--json]',
  options: { limit: { type: 'string' } },
  run: (input) =>
    withApi(input, async (api) => {
      const limit = intOpt(input.values, 'limit', 50, 10_000);
      // --limit 0 asks for nothing; the API's smallest page is one entry.
      const { activity } = limit === 0 ? { activity: [] } : await api.call('history.forStatement', { statementId: input.positionals[0] ?? null, limit });
      if (input.json) printJson(input.io, { activity });
      else for (const a of activity) input.io.out(`${a.at}\t${a.action}\t${a.author}\t${a.label[input.lang]}\n`);
      return 0;
    }),
};
