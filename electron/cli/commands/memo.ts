// `workbench memo list|show|add|edit|delete`: the analyst's memos on documents and on the
// workspace, through the typed API (memo.*); every write is undoable with `workbench undo`.
import { printJson, stringOpt, UsageError, withApi, type Command } from '../command';
import type { Memo } from '../../../shared/retrieval';

const ACTIONS = ['list', 'show', 'add', 'edit', 'delete'] as const;

function printMemo(io: { out(t: string): void }, m: Memo, full: boolean): void {
  const where = m.documentId === null ? '(workspace)' : `${m.documentTitle ?? m.documentId} [${m.documentId}]`;
  io.out(`${m.id}\t${m.title}\t${where}\t${m.updatedAt}\n`);
  if (full && m.body) io.out(`${m.body}\n`);
}

export const memoCommand: Command = {
  name: 'memo',
  summary: 'Memos on documents and on the workspace: list, show, add, edit, delete.',
  usage:
    'workbench memo list [--doc ID | --workspace] | show ID | add --title T [--body TEXT] [--doc ID] | edit ID [--title T] [--body TEXT] | delete ID  [--db PATH] [--json]',
  options: { doc: { type: 'string' }, workspace: { type: 'boolean' }, title: { type: 'string' }, body: { type: 'string' } },
  run: (input) => {
    const [action, id] = input.positionals;
    if (!(ACTIONS as readonly (string | undefined)[]).includes(action)) throw new UsageError(`memo takes ${ACTIONS.join(', ')}${action ? `, not "${action}"` : ''}`);
    if ((action === 'show' || action === 'edit' || action === 'delete') && !id) throw new UsageError(`memo ${action} needs a memo id (see workbench memo list)`);
    const doc = stringOpt(input.values, 'doc');
    const title = stringOpt(input.values, 'title');
    const body = stringOpt(input.values, 'body');
    if (action === 'add' && title === undefined) throw new UsageError('memo add needs --title');
    if (action === 'edit' && title === undefined && body === undefined) throw new UsageError('memo edit needs --title or --body');
    return withApi(input, async (api) => {
      const io = input.io;
      if (action === 'list') {
        const { memos } = await api.call('memo.list', input.values.workspace ? { documentId: null } : doc !== undefined ? { documentId: doc } : {});
        if (input.json) printJson(io, { memos });
        else if (!memos.length) io.out('no memos\n');
        else for (const m of memos) printMemo(io, m, false);
        return 0;
      }
      if (action === 'delete') {
        const r = await api.call('memo.delete', { id: id! });
        if (input.json) printJson(io, r);
        else io.out(`deleted ${r.id} (workbench undo brings it back)\n`);
        return 0;
      }
      const memo =
        action === 'show'
          ? await api.call('memo.get', { id: id! })
          : action === 'add'
            ? await api.call('memo.create', { title: title!, ...(body !== undefined ? { body } : {}), ...(doc !== undefined ? { documentId: doc } : {}) })
            : await api.call('memo.update', { id: id!, ...(title !== undefined ? { title } : {}), ...(body !== undefined ? { body } : {}) });
      if (input.json) printJson(io, memo);
      else printMemo(io, memo, true);
      return 0;
    });
  },
};
