// Options shared by `workbench briefing create` and `workbench export --from-annotations`: how a
// new briefing is framed (title, marking, language …) and where its evidence comes from.
import type { z } from 'zod';
import { briefingsApi } from '../../../shared/api/briefings';
import { GROUP_BYS, type GroupBy } from '../../../shared/briefing';
import { listOpt, stringOpt, UsageError, type OptionSpec, type ParsedValues } from '../command';

export const DRAFT_OPTIONS: OptionSpec = {
  title: { type: 'string' },
  subtitle: { type: 'string' },
  date: { type: 'string' },
  marking: { type: 'string' },
  language: { type: 'string' },
  summary: { type: 'string' },
  'group-by': { type: 'string' },
  pillar: { type: 'string', multiple: true },
  annotation: { type: 'string', multiple: true },
  statement: { type: 'string', multiple: true },
  template: { type: 'string' },
  'date-style': { type: 'string' },
  to: { type: 'string' },
  from: { type: 'string' },
  'doc-number': { type: 'string' },
  toc: { type: 'boolean' },
};

/** CLI option → request field for the ministry form; --from takes "\n" (typed as a backslash-n) between lines. */
const FORM_OPTIONS = { 'date-style': 'dateStyle', to: 'addressee', from: 'sender', 'doc-number': 'docNumber' } as const;

export type CreateRequest = z.output<(typeof briefingsApi)['briefings.create']['request']>;

/**
 * The create request the options describe, validated by the API's own schema. Evidence:
 * --annotation/--statement → that selection; --group-by or --pillar → all annotations;
 * --template → a saved template; nothing → an empty briefing. `fromAnnotations` forces the second.
 */
export function createRequestFrom(values: ParsedValues, opts: { fromAnnotations?: boolean; defaultTitle?: string } = {}): CreateRequest {
  const groupByRaw = stringOpt(values, 'group-by');
  if (groupByRaw !== undefined && !(GROUP_BYS as readonly string[]).includes(groupByRaw)) {
    throw new UsageError(`--group-by must be one of ${GROUP_BYS.join(', ')} (got "${groupByRaw}")`);
  }
  const groupBy = groupByRaw as GroupBy | undefined;
  const pillars = listOpt(values, 'pillar');
  const annotationIds = listOpt(values, 'annotation');
  const statementIds = listOpt(values, 'statement');
  const templateId = stringOpt(values, 'template');
  let template: CreateRequest['template'];
  if (opts.fromAnnotations) {
    if (annotationIds.length || statementIds.length || templateId) throw new UsageError('--from-annotations cannot be combined with --annotation, --statement or --template');
    template = { from: 'annotations', groupBy: groupBy ?? 'pillar', pillars };
  } else if (annotationIds.length || statementIds.length) {
    if (pillars.length || templateId) throw new UsageError('--annotation/--statement (a selection) cannot be combined with --pillar or --template');
    template = { from: 'selection', annotationIds, statementIds, groupBy: groupBy ?? null };
  } else if (templateId) {
    if (groupBy || pillars.length) throw new UsageError('--template cannot be combined with --group-by or --pillar');
    template = { from: 'template', templateId };
  } else if (groupBy || pillars.length) {
    template = { from: 'annotations', groupBy: groupBy ?? 'pillar', pillars };
  } else template = { from: 'empty' };

  const raw: Record<string, unknown> = { title: stringOpt(values, 'title') ?? opts.defaultTitle, template };
  for (const k of ['subtitle', 'date', 'marking', 'language', 'summary'] as const) {
    const v = stringOpt(values, k);
    if (v !== undefined) raw[k] = v;
  }
  for (const [opt, field] of Object.entries(FORM_OPTIONS)) {
    const v = stringOpt(values, opt);
    // A shell cannot easily pass a line break; the two characters \n separate the 発信 lines.
    if (v !== undefined) raw[field] = field === 'sender' ? v.replace(/\\n/g, '\n') : v;
  }
  if (values.toc === true) raw.toc = true;
  if (raw.title === undefined) throw new UsageError('--title is required');
  const parsed = briefingsApi['briefings.create'].request.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.filter((p) => p !== 'template').join('.') || 'options';
    const option = Object.entries(FORM_OPTIONS).find(([, f]) => f === field)?.[0] ?? field;
    throw new UsageError(`--${option}: ${issue.message}`);
  }
  return parsed.data;
}
