// `workbench briefing <create|add|show|delete|restore|log>`: make and manage briefing notes from the
// command line, with the same validation and services as the app.
import { ApiError } from '../../../shared/api/client';
import { listOpt, printJson, stringOpt, UsageError, withApi, type Command, type CommandInput } from '../command';
import { createRequestFrom, DRAFT_OPTIONS } from './briefing-options';

const USAGE = [
  'workbench briefing create --title T [--group-by pillar|document|speaker] [--pillar ID]... [--marking TEXT]',
  '                         [--subtitle S] [--date YYYY-MM-DD] [--language ja|en] [--summary TEXT]',
  '                         [--annotation ID]... [--statement ID]... [--template TEMPLATE_ID] [--json]',
  '                         [--date-style seireki|wareki] [--to 宛先] [--from 発信 (lines split by \\n; default: the profile)]',
  '                         [--doc-number N] [--toc]',
  '       workbench briefing add BRIEFING_ID [--section SECTION_ID] [--memo ID]... [--annotation ID]... [--statement ID]...',
  '                         [--comment TEXT] [--json]   (at the end of the section; default: the last one)',
  '       workbench briefing show BRIEFING_ID [--json]',
  '       workbench briefing delete BRIEFING_ID [--json]      (undo: workbench briefing restore)',
  '       workbench briefing restore [BRIEFING_ID] [--json]',
  '       workbench briefing log [BRIEFING_ID] [--json]       (the export log)',
].join('\n');

function create(input: CommandInput): Promise<number> {
  if (listOpt(input.values, 'memo').length) throw new UsageError('--memo places a memo in an existing briefing: workbench briefing add BRIEFING_ID --memo ID');
  const req = createRequestFrom(input.values);
  return withApi(input, async (api) => {
    const { briefing } = await api.call('briefings.create', req);
    if (input.json) printJson(input.io, briefing);
    else {
      const items = briefing.sections.reduce((n, s) => n + s.items.length, 0);
      input.io.out(`${briefing.id}\t${briefing.title}\t${briefing.sections.length} sections, ${items} items\n`);
    }
    return 0;
  });
}

/**
 * `briefing add`: evidence placed in an existing briefing, one undoable item each, in the order
 * memos, annotations, statements. A memo is cited as 分析メモ「題名」（日付） in every export.
 */
function add(input: CommandInput): Promise<number> {
  const briefingId = needId(input);
  const refs = [
    ...listOpt(input.values, 'memo').map((memoId) => ({ memoId })),
    ...listOpt(input.values, 'annotation').map((annotationId) => ({ annotationId })),
    ...listOpt(input.values, 'statement').map((statementId) => ({ statementId })),
  ];
  if (!refs.length) throw new UsageError('give the evidence to add: --memo ID, --annotation ID or --statement ID (each may repeat)');
  const comment = stringOpt(input.values, 'comment');
  return withApi(input, async (api) => {
    const { briefing } = await api.call('briefings.get', { id: briefingId });
    const sectionId = stringOpt(input.values, 'section') ?? briefing.sections.at(-1)?.id;
    if (!sectionId) throw new UsageError(`briefing ${briefingId} has no section to add to: add one in the app, or create the briefing with evidence`);
    let last = briefing;
    const itemIds: string[] = [];
    for (const ref of refs) {
      const r = await api.call('briefings.items.add', { sectionId, ...ref, ...(comment !== undefined ? { comment } : {}) });
      last = r.briefing;
      itemIds.push(r.itemId);
    }
    if (input.json) printJson(input.io, { briefing: last, itemIds });
    else input.io.out(`Added ${itemIds.length} item${itemIds.length === 1 ? '' : 's'} to ${last.id} (${last.title}): ${itemIds.join(' ')}\n`);
    return 0;
  });
}

function needId(input: CommandInput): string {
  const id = input.positionals[1];
  if (!id) throw new UsageError('a briefing id is required (see `workbench briefings`)');
  return id;
}

export const briefingCommand: Command = {
  name: 'briefing',
  summary: 'Create a briefing note (empty, or from annotations by pillar/document/speaker), show, delete, restore it, or list its exports.',
  usage: USAGE,
  options: { ...DRAFT_OPTIONS, briefing: { type: 'string' }, memo: { type: 'string', multiple: true }, section: { type: 'string' }, comment: { type: 'string' } },
  run: (input) => {
    const sub = input.positionals[0];
    switch (sub) {
      case 'create':
        return create(input);
      case 'add':
        return add(input);
      case 'show': {
        const id = needId(input);
        return withApi(input, async (api) => {
          const { briefing: b } = await api.call('briefings.get', { id });
          if (input.json) printJson(input.io, b);
          else {
            input.io.out(`${b.title}${b.marking ? `  [${b.marking}]` : ''}\n${b.author}, ${b.date}, ${b.language}\n`);
            b.sections.forEach((s, i) => input.io.out(`  ${i + 1}. ${s.heading} (${s.items.length} items)\n`));
          }
          return 0;
        });
      }
      case 'delete': {
        const id = needId(input);
        return withApi(input, async (api) => {
          const { deleted: meta } = await api.call('briefings.delete', { id });
          if (input.json) printJson(input.io, { deleted: meta });
          else input.io.out(`Deleted ${meta.id} (${meta.title}); undo with: workbench briefing restore ${meta.id}\n`);
          return 0;
        });
      }
      case 'restore':
        return withApi(input, async (api) => {
          const id = input.positionals[1];
          let b;
          try {
            ({ briefing: b } = await api.call('briefings.undoDelete', id === undefined ? {} : { id }));
          } catch (e) {
            // Nothing deleted to bring back is wrong usage here, as it always was for this command.
            if (id === undefined && e instanceof ApiError && e.data.code === 'not-found') throw new UsageError('no deleted briefing to restore');
            throw e;
          }
          if (input.json) printJson(input.io, b);
          else input.io.out(`Restored ${b.id} (${b.title})\n`);
          return 0;
        });
      case 'log':
        return withApi(input, async (api) => {
          const { entries } = await api.call('briefings.exportLog', { briefingId: input.positionals[1] ?? stringOpt(input.values, 'briefing') });
          if (input.json) printJson(input.io, { entries });
          else for (const e of entries) input.io.out(`${e.exportedAt}\t${e.format}\t${e.marking || '-'}\t${e.briefingTitle}\t${e.path}\n`);
          return 0;
        });
      default:
        throw new UsageError(sub ? `unknown subcommand "${sub}"` : 'a subcommand is required (create, add, show, delete, restore, log)');
    }
  },
};
