// `workbench pillars [list|add|update|archive|unarchive|delete]`: the pillar taxonomy.
import { printJson, stringOpt, UsageError, withApi, type Command } from '../command';

export const pillarsCommand: Command = {
  name: 'pillars',
  summary: 'List the pillars, or add/update/archive/unarchive/delete one.',
  usage:
    'workbench pillars [list] [--json] | pillars add --name-ja NAME [--name-en NAME] [--color #rrggbb] [--parent ID] [--id ID] | pillars update ID [--name-ja …] [--name-en …] [--color …] [--parent ID|""] | pillars archive|unarchive|delete ID',
  options: { 'name-ja': { type: 'string' }, 'name-en': { type: 'string' }, color: { type: 'string' }, parent: { type: 'string' }, id: { type: 'string' } },
  run: (input) => {
    const [action = 'list', id] = input.positionals;
    const v = input.values;
    const parent = stringOpt(v, 'parent');
    return withApi(input, async (api) => {
      let result: unknown;
      switch (action) {
        case 'list': {
          const { pillars } = await api.call('pillars.list', {});
          if (!input.json) {
            for (const p of pillars) {
              const depth = pillars.filter((q) => q.id === p.parentId).length ? '  ' : '';
              input.io.out(`${depth}${p.id}\t${p.color}\t${p.annotationCount}\t${p.nameJa} / ${p.nameEn}${p.archived ? ' (archived)' : ''}\n`);
            }
            return 0;
          }
          result = { pillars };
          break;
        }
        case 'add': {
          const nameJa = stringOpt(v, 'name-ja');
          if (!nameJa) throw new UsageError('pillars add needs --name-ja');
          result = await api.call('pillars.create', { id: stringOpt(v, 'id'), nameJa, nameEn: stringOpt(v, 'name-en'), color: stringOpt(v, 'color'), parentId: parent || null });
          break;
        }
        case 'update':
          if (!id) throw new UsageError('pillars update needs a pillar id');
          result = await api.call('pillars.update', { id, nameJa: stringOpt(v, 'name-ja'), nameEn: stringOpt(v, 'name-en'), color: stringOpt(v, 'color'), parentId: parent === undefined ? undefined : parent || null });
          break;
        case 'archive':
        case 'unarchive':
          if (!id) throw new UsageError(`pillars ${action} needs a pillar id`);
          result = await api.call('pillars.archive', { id, archived: action === 'archive' });
          break;
        case 'delete':
          if (!id) throw new UsageError('pillars delete needs a pillar id');
          await api.call('pillars.delete', { id });
          result = { deleted: id };
          break;
        default:
          throw new UsageError(`unknown pillars action "${action}"`);
      }
      if (input.json) printJson(input.io, result);
      else input.io.out(`${JSON.stringify(result)}\n`);
      return 0;
    });
  },
};
