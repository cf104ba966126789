// `workbench undo`, `workbench redo`, `workbench history [STATEMENT_ID]`: the persistent undo
// journal and activity history, from the command line.
import { activityFor } from '../../journal/journal';
import { redo, undo, undoRedoState } from '../../journal/undo';
import { intOpt, printJson, withContext, type Command } from '../command';

function replayCommand(name: 'undo' | 'redo'): Command {
  return {
    name,
    summary: name === 'undo' ? 'Undo the last change to annotations, pillars or briefings.' : 'Redo the last undone change.',
    usage: `workbench ${name} [--db PATH] [--json]`,
    run: (input) =>
      withContext(input, (ctx) => {
        const actor = { db: ctx.db, author: ctx.author };
        const r = name === 'undo' ? undo(actor) : redo(actor);
        const state = undoRedoState(actor);
        if (input.json) printJson(input.io, { done: !!r, label: r?.label ?? null, annotationIds: r?.annotationIds ?? [], pillarIds: r?.pillarIds ?? [], briefingIds: r?.briefingIds ?? [], state });
        else input.io.out(r ? `${name === 'undo' ? 'Undone' : 'Redone'}: ${r.label[input.lang]}\n` : `Nothing to ${name}.\n`);
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
    withContext(input, (ctx) => {
      const activity = activityFor(ctx.db, input.positionals[0] ?? null, intOpt(input.values, 'limit', 50, 10_000));
      if (input.json) printJson(input.io, { activity });
      else for (const a of activity) input.io.out(`${a.at}\t${a.action}\t${a.author}\t${a.label[input.lang]}\n`);
      return 0;
    }),
};
