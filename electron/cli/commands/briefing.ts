// `workbench briefing <create|add|show|delete|restore|log|live|review>`: make and manage briefing
// notes from the command line, with the same validation and services as the app.
import { ApiError, type ApiClient } from '../../../shared/api/client';
import type { BriefingReview, LiveSection } from '../../../shared/briefing';
import { listOpt, printJson, stringOpt, UsageError, withApi, type CliIO, type Command, type CommandInput } from '../command';
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
  '       workbench briefing live BRIEFING_ID [--accept ANNOTATION_ID]... [--dismiss ANNOTATION_ID]... [--all] [--section SECTION_ID] [--json]',
  '                         (new annotations of the sections that follow a pillar; --all accepts every one; undo: workbench undo)',
  '       workbench briefing review BRIEFING_ID FILE.docx [--json]  (the reviewer\'s comments and edits in a DOCX read back; writes nothing)',
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

/** The live section offering this annotation: --section when given, else the only one that does. */
function sectionOffering(sections: LiveSection[], annotationId: string, wanted: string | undefined): string {
  const offering = sections.filter((s) => (wanted === undefined || s.sectionId === wanted) && s.candidates.some((c) => c.annotationId === annotationId));
  // None: the API says why (deleted, already in the briefing, dismissed …), naming the id.
  if (offering.length === 0) return wanted ?? sections.find((s) => s.live)?.sectionId ?? sections[0]?.sectionId ?? '';
  if (offering.length > 1) throw new UsageError(`annotation ${annotationId} is new in ${offering.length} sections (${offering.map((s) => s.sectionId).join(', ')}): say which with --section`);
  return offering[0].sectionId;
}

function printLive(io: CliIO, sections: LiveSection[]): void {
  if (sections.length === 0) io.out('No section of this briefing follows a pillar.\n');
  for (const s of sections) {
    const state = s.live ? `follows ${s.pillarId} since ${s.since}` : s.since ? `stopped: pillar ${s.pillarId} was deleted` : 'does not follow its pillar';
    io.out(`${s.sectionId}\t${s.heading}\t${state}\t${s.candidates.length} new\n`);
    for (const c of s.candidates) io.out(`  ${c.annotationId}\t${c.linkedAt}\t「${c.quote.length > 60 ? `${c.quote.slice(0, 60)}…` : c.quote}」\n`);
  }
}

/** `briefing live`: lists the new annotations, or accepts / dismisses them (each section one undoable change). */
async function live(api: ApiClient, input: CommandInput, id: string): Promise<number> {
  const accept = listOpt(input.values, 'accept');
  const dismiss = listOpt(input.values, 'dismiss');
  const all = !!input.values.all;
  const wanted = stringOpt(input.values, 'section');
  if (all && (accept.length || dismiss.length)) throw new UsageError('--all accepts every new annotation: give it without --accept or --dismiss');
  let { sections } = await api.call('briefings.live', { id });
  if (wanted !== undefined && !sections.some((s) => s.sectionId === wanted)) throw new UsageError(`section ${wanted} of briefing ${id} does not follow a pillar`);
  const group = (ids: string[]) => {
    const bySection = new Map<string, string[]>();
    for (const a of ids) {
      const sid = sectionOffering(sections, a, wanted);
      bySection.set(sid, [...(bySection.get(sid) ?? []), a]);
    }
    return bySection;
  };
  const toAccept = all ? new Map(sections.filter((s) => s.candidates.length && (wanted === undefined || s.sectionId === wanted)).map((s) => [s.sectionId, s.candidates.map((c) => c.annotationId)])) : group(accept);
  const toDismiss = group(dismiss);
  const done: { accepted: string[]; dismissed: string[] } = { accepted: [], dismissed: [] };
  for (const [sectionId, annotationIds] of toAccept) {
    await api.call('briefings.live.accept', { sectionId, annotationIds });
    done.accepted.push(...annotationIds);
  }
  for (const [sectionId, annotationIds] of toDismiss) {
    await api.call('briefings.live.dismiss', { sectionId, annotationIds });
    done.dismissed.push(...annotationIds);
  }
  if (done.accepted.length || done.dismissed.length) ({ sections } = await api.call('briefings.live', { id }));
  if (input.json) printJson(input.io, { ...done, sections });
  else {
    if (done.accepted.length) input.io.out(`Accepted ${done.accepted.length}: ${done.accepted.join(', ')}\n`);
    if (done.dismissed.length) input.io.out(`Dismissed ${done.dismissed.length}: ${done.dismissed.join(', ')}\n`);
    printLive(input.io, sections);
  }
  return 0;
}

function printReview(io: CliIO, r: BriefingReview): void {
  io.out(`${r.fileName}: ${r.comments.length} comments, ${r.edits.length} tracked edits${r.exportedAt ? ` (exported ${r.exportedAt})` : ''}\n`);
  for (const c of r.comments) {
    io.out(`comment ${c.id}\t${c.author}\t${c.date ?? '-'}${c.fromExport ? '\t(annotation note carried by the export)' : ''}\n  on「${c.anchor}」\n  ${c.text.replace(/\n/g, '\n  ')}\n`);
  }
  for (const e of r.edits) io.out(`${e.kind === 'insert' ? 'inserted' : 'deleted'}\t${e.author}\t${e.date ?? '-'}\t「${e.text}」\n  in「${e.paragraph}」\n`);
  for (const c of r.changes) io.out(`changed paragraph\n  - ${c.before ?? '(none)'}\n  + ${c.after ?? '(none)'}\n`);
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
  options: { ...DRAFT_OPTIONS, briefing: { type: 'string' }, memo: { type: 'string', multiple: true }, section: { type: 'string' }, comment: { type: 'string' }, accept: { type: 'string', multiple: true }, dismiss: { type: 'string', multiple: true }, all: { type: 'boolean' } },
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
      case 'live': {
        const id = needId(input);
        return withApi(input, (api) => live(api, input, id));
      }
      case 'review': {
        const id = needId(input);
        const file = input.positionals[2];
        if (!file) throw new UsageError('the reviewed DOCX is required: workbench briefing review BRIEFING_ID FILE.docx');
        return withApi(input, async (api, _ctx, files) => {
          const { review } = await api.call('briefings.review', { id, source: files.openFrom(file) });
          if (input.json) printJson(input.io, review);
          else printReview(input.io, review);
          return 0;
        });
      }
      default:
        throw new UsageError(sub ? `unknown subcommand "${sub}"` : 'a subcommand is required (create, add, show, delete, restore, log, live, review)');
    }
  },
};
