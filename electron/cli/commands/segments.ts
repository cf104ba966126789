// `workbench segments`: the coded segments matching a filter (pillars with their children, tags,
// documents, speakers, dates, importance, text) as JSON, CSV or XLSX, to a file or to stdout
// (CSV and JSON). Through the typed API: retrieval.segments pages, retrieval.segments.export files.
import fs from 'node:fs';
import type { SegmentFilter, SegmentSort } from '../../../shared/retrieval';
import type { CodedSegment } from '../../../shared/retrieval';
import { listOpt, printJson, stringOpt, UsageError, withApi, type Command } from '../command';

const FORMATS = ['json', 'csv', 'xlsx'] as const;
const SORTS = ['document', 'date', 'pillar', 'updated'] as const;

function filterOf(values: Record<string, unknown>): SegmentFilter {
  const v = values as Parameters<typeof listOpt>[0];
  const filter: SegmentFilter = {};
  const pillars = listOpt(v, 'pillar');
  if (pillars.length) filter.pillars = pillars;
  if (v['no-children']) filter.includeChildPillars = false;
  const tags = listOpt(v, 'tag');
  if (tags.length) filter.tags = tags;
  const docs = listOpt(v, 'doc');
  if (docs.length) filter.documents = docs;
  const speakers = listOpt(v, 'speaker');
  if (speakers.length) filter.speakers = speakers;
  const from = stringOpt(v, 'from');
  if (from !== undefined) filter.from = from;
  const to = stringOpt(v, 'to');
  if (to !== undefined) filter.to = to;
  const importance = listOpt(v, 'importance');
  if (importance.length) {
    filter.importance = importance.map((s) => {
      if (s === 'none') return null;
      if (!/^[1-3]$/.test(s)) throw new UsageError(`--importance takes 1, 2, 3 or none, not "${s}"`);
      return Number(s);
    });
  }
  const text = stringOpt(v, 'text');
  if (text !== undefined) filter.text = text;
  return filter;
}

export const segmentsCommand: Command = {
  name: 'segments',
  summary: 'Coded segments (every annotation matching a filter) as JSON, CSV or XLSX.',
  usage:
    'workbench segments [--pillar ID]… [--no-children] [--tag T]… [--doc ID]… [--speaker S]… [--from DATE] [--to DATE] [--importance 1|2|3|none]… [--text WORDS] [--sort document|date|pillar|updated] [--format json|csv|xlsx] [--out FILE] [--force] [--db PATH]',
  options: {
    pillar: { type: 'string', multiple: true },
    'no-children': { type: 'boolean' },
    tag: { type: 'string', multiple: true },
    doc: { type: 'string', multiple: true },
    speaker: { type: 'string', multiple: true },
    from: { type: 'string' },
    to: { type: 'string' },
    importance: { type: 'string', multiple: true },
    text: { type: 'string' },
    sort: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    force: { type: 'boolean' },
  },
  run: (input) => {
    const format = stringOpt(input.values, 'format') ?? (input.json ? 'json' : 'csv');
    if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format takes ${FORMATS.join(', ')}, not "${format}"`);
    const sort = stringOpt(input.values, 'sort') ?? 'document';
    if (!(SORTS as readonly string[]).includes(sort)) throw new UsageError(`--sort takes ${SORTS.join(', ')}, not "${sort}"`);
    const out = stringOpt(input.values, 'out');
    if (format === 'xlsx' && out === undefined) throw new UsageError('--format xlsx needs --out FILE (a workbook is not printed)');
    const filter = filterOf(input.values);
    return withApi(input, async (api, _ctx, files) => {
      if (format === 'json') {
        const items: CodedSegment[] = [];
        let cursor: string | undefined;
        let total = 0;
        do {
          const page = await api.call('retrieval.segments', { filter, sort: sort as SegmentSort, limit: 500, ...(cursor ? { cursor } : {}) });
          total = page.total;
          items.push(...page.items);
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        const doc = { total, items };
        if (out === undefined) printJson(input.io, doc);
        else {
          if (fs.existsSync(out) && !input.values.force) throw new UsageError(`${out} exists; add --force to replace it`);
          fs.writeFileSync(out, `${JSON.stringify(doc, null, 2)}\n`);
          input.io.out(`${total} segment(s) written to ${out}\n`);
        }
        return 0;
      }
      const f = format as 'csv' | 'xlsx';
      if (out === undefined) {
        // CSV to stdout: the export offered as a download and read back chunk by chunk.
        const r = await api.call('retrieval.segments.export', { filter, sort: sort as SegmentSort, format: f, target: { download: true } });
        let offset = 0;
        const parts: Buffer[] = [];
        for (;;) {
          const chunk = await api.call('downloads.read', { id: r.download!.id, offset });
          const bytes = Buffer.from(chunk.chunkBase64, 'base64');
          parts.push(bytes);
          offset += bytes.length;
          if (chunk.done) break;
        }
        input.io.out(Buffer.concat(parts).toString('utf8'));
        return 0;
      }
      const r = await api.call('retrieval.segments.export', { filter, sort: sort as SegmentSort, format: f, target: files.saveTo(out, { replace: !!input.values.force }) });
      if (input.json) printJson(input.io, r);
      else input.io.out(`${r.segments} segment(s) written to ${r.path}\n`);
      return 0;
    });
  },
};
