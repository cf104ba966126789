// The REFI-QDA side of `annotations-export --format qdpx|qdc` and `annotations-import FILE.qdpx`:
// the format check the import command dispatches on, and the two handlers, all through the API.
import { readRegularFile } from '../../files/read';
import { isQda } from '../../exchange/qda/read';
import { MAX_QDA_FILE_BYTES } from '../../api/qda';
import { printJson, stringOpt, withApi, type CommandInput } from '../command';
import type { ResponseOf } from '../../../shared/api/contract';

export const QDA_FORMATS = ['qdpx', 'qdc'] as const;
export type QdaFormat = (typeof QDA_FORMATS)[number];

/** True when the file on disk is a REFI-QDA project or code book (by content, not by name). */
export function isQdaFile(file: string): boolean {
  return isQda(readRegularFile(file, MAX_QDA_FILE_BYTES));
}

export function runQdaExport(input: CommandInput, out: string, format: QdaFormat): Promise<number> {
  return withApi(input, async (api, _ctx, files) => {
    const r = await api.call('exchange.qdaExport', { target: files.saveTo(out, { replace: !!input.values.force }), format, documentId: stringOpt(input.values, 'doc'), pillarId: stringOpt(input.values, 'pillar') });
    if (input.json) printJson(input.io, r);
    else {
      const left = r.orphansLeftOut ? `; ${r.orphansLeftOut} orphaned annotation(s) left out (no place in the text)` : '';
      input.io.out(`${r.codes} code(s), ${r.sources} source(s), ${r.selections} selection(s) written to ${r.path}${left}\n`);
    }
    return 0;
  });
}

type Plan = ResponseOf<'exchange.qdaPreview'>;

function describePlan(p: Omit<Plan, 'staged'>, lang: 'ja' | 'en', dryRun: boolean): string {
  const lines = [
    `${p.fileName} (${p.format}${p.origin ? `, ${p.origin}` : ''})${dryRun ? ' — dry run, nothing written' : ''}`,
    `codes: ${p.codes.added.length} added as pillars, ${p.codes.matched.length} matched, ${p.codes.tags.length} as tags, ${p.codes.leftAlone.length} left alone`,
    `sources: ${p.sources.added.length} added as documents, ${p.sources.matched.length} matched, ${p.sources.leftAlone.length} left alone`,
    `selections: ${p.selections.total} in all: ${p.selections.added} added (${p.selections.placed} placed, ${p.selections.orphaned} orphaned, ${p.selections.inNewDocuments} in new documents, ${p.selections.clipped} clipped to one statement), ${p.selections.matched} already here, ${p.selections.leftAlone.length} left alone`,
  ];
  const items = [
    ...p.codes.added.map((i) => `  + pillar ${i.target}: ${i.name}`),
    ...p.codes.matched.map((i) => `  = pillar ${i.target}: ${i.name} (${i.reason[lang]})`),
    ...p.sources.added.map((i) => `  + document: ${i.name}${i.target ? ` → ${i.target}` : ''}`),
    ...p.sources.matched.map((i) => `  = document ${i.target}: ${i.name} (${i.reason[lang]})`),
    ...[...p.sources.leftAlone, ...p.selections.leftAlone].map((i) => `  - ${i.name.slice(0, 60) || i.guid}: ${i.reason[lang]}`),
  ];
  const shown = items.slice(0, 200);
  if (items.length > shown.length) shown.push(`  … ${items.length - shown.length} more (--json lists all)`);
  return `${[...lines, ...shown].join('\n')}\n`;
}

export function runQdaImport(input: CommandInput, file: string, dryRun: boolean): Promise<number> {
  return withApi(input, async (api, _ctx, files) => {
    if (dryRun) {
      const { staged: _staged, ...plan } = await api.call('exchange.qdaPreview', { source: files.openFrom(file) });
      if (input.json) printJson(input.io, plan);
      else input.io.out(describePlan(plan, input.lang, true));
      return 0;
    }
    const r = await api.call('exchange.qdaImport', { source: files.openFrom(file) });
    if (input.json) printJson(input.io, r);
    else {
      input.io.out(describePlan(r, input.lang, false));
      input.io.out(`${r.annotationsCreated} annotation(s), ${r.pillarsCreated.length} pillar(s) and ${r.documentsCreated.length} document(s) created\n`);
    }
    return 0;
  });
}
