// `workbench matrix --rows pillar|tag --cols document|speaker|pillar|tag`: live annotations per code
// and column, through the typed API (the same dispatcher the app and the browser host use).
import { printJson, stringOpt, UsageError, withApi, type Command } from '../command';

const ROWS = ['pillar', 'tag'] as const;
const COLS = ['document', 'speaker', 'pillar', 'tag'] as const;

export const matrixCommand: Command = {
  name: 'matrix',
  summary: 'Annotation counts per pillar or tag and document / speaker / pillar / tag, with totals.',
  usage: 'workbench matrix --rows pillar|tag --cols document|speaker|pillar|tag [--db PATH] [--json]',
  options: { rows: { type: 'string' }, cols: { type: 'string' } },
  run: (input) => {
    const rows = stringOpt(input.values, 'rows') ?? 'pillar';
    const cols = stringOpt(input.values, 'cols') ?? 'document';
    if (!(ROWS as readonly string[]).includes(rows)) throw new UsageError(`--rows takes ${ROWS.join(' or ')}, not "${rows}"`);
    if (!(COLS as readonly string[]).includes(cols)) throw new UsageError(`--cols takes ${COLS.join(', ')}, not "${cols}"`);
    return withApi(input, async (api) => {
      const m = await api.call('retrieval.matrix', { rows: rows as (typeof ROWS)[number], cols: cols as (typeof COLS)[number] });
      if (input.json) {
        printJson(input.io, m);
        return 0;
      }
      const io = input.io;
      io.out(`\t${m.cols.map((c) => c.label).join('\t')}\t計\n`);
      m.rows.forEach((row, i) => io.out(`${row.label}\t${m.cells[i].join('\t')}\t${m.rowTotals[i]}\n`));
      io.out(`計\t${m.colTotals.join('\t')}\t${m.annotations}\n`);
      return 0;
    });
  },
};
