// Turns classified blocks into reader units: statements (with marker, speaker, table cell) and
// the reader-only text between them (○speaker lines, page numbers, table headers, colons).
import type { StatementKind, TableCell } from '../../../shared/model';
import type { Block } from './blocks';
import { classifyBlock, RANK, speakerOfHeading, type RoleContext } from './headings';
import { circledMarkerValue, type LineMarker } from './markers';

export interface Unit {
  /** null: shown in the document text but not a statement. */
  kind: StatementKind | null;
  /** Separator before this unit in the document text. */
  gap: string;
  /** Printed before the statement text (its marker), not part of the statement. */
  prefix: string;
  text: string;
  rank: number | null;
  marker: string | null;
  speaker: string | null;
  /** For table cells: everything but the table's name, which needs the heading path. */
  cell: Omit<TableCell, 'table'> | null;
  tableIndex: number | null;
  /** Index of the source line the unit starts on. */
  line: number;
}

/** Defaults filled field by field (not by spreading): one object of one shape per unit, many per import. */
function unit(p: Partial<Unit> & Pick<Unit, 'kind' | 'text' | 'line'>): Unit {
  return {
    kind: p.kind, gap: p.gap ?? '\n\n', prefix: p.prefix ?? '', text: p.text, rank: p.rank ?? null, marker: p.marker ?? null,
    speaker: p.speaker ?? null, cell: p.cell ?? null, tableIndex: p.tableIndex ?? null, line: p.line,
  };
}

function markerPrefix(m: LineMarker): string {
  if (m.style === 'markdown') return '';
  return m.marker + (/[\s\u3000]$/.test(m.lead) ? ' ' : '');
}

const CLOSING = /^[(（]?以上[)）]?$/;

/** Unmarked lines the first pass took as headings: the same words elsewhere title their slide too. */
export function plainHeadingTexts(units: readonly Unit[]): Set<string> {
  return new Set(units.filter((u) => u.kind === 'heading' && u.rank === RANK.plain).map((u) => u.text));
}

/**
 * Blocks → units, deciding headings, speakers and remark attribution along the way. `askedKnown`
 * collects the texts whose role depended on knownHeadings (see segmentDocument).
 */
export function toUnits(blocks: readonly Block[], knownHeadings: ReadonlySet<string> = new Set(), askedKnown?: Set<string>): Unit[] {
  const units: Unit[] = [];
  const ctx: RoleContext = { atStart: true, afterTitle: false, knownHeadings, askedKnown, lastCircledHeading: null, inRemarks: false };
  let speaker: string | null = null;
  let headingSpeaker: string | null = null;
  let headingSpeakerActive = false;
  let tables = 0;
  const nextContent = (i: number): Block | undefined => {
    for (let k = i + 1; k < blocks.length; k++) if (blocks[k].type !== 'page') return blocks[k];
    return undefined;
  };
  blocks.forEach((b, i) => {
    if (b.type === 'page') {
      units.push(unit({ kind: null, text: b.text, line: b.line }));
      return;
    }
    if (b.type === 'note') {
      units.push(unit({ kind: 'footnote', text: b.text, prefix: `${b.lead.trim()} `, marker: b.marker, line: b.line }));
      return;
    }
    if (b.type === 'table') {
      const t = b.table;
      const tableIndex = tables++;
      if (t.header) units.push(unit({ kind: null, text: t.header.join(' ｜ '), line: b.line }));
      t.rows.forEach((row, r) => {
        row.cells.forEach((items, c) => {
          // A blank line between cells, a line break between the items of one cell.
          let first = true;
          for (const it of items) {
            units.push(unit({
              kind: 'table-cell', text: it.text, line: row.line, gap: first ? '\n\n' : '\n', prefix: it.marker ? it.marker + it.gap : '',
              marker: it.marker, cell: { row: r, column: c, header: t.header?.[c] ?? null }, tableIndex,
            }));
            first = false;
          }
        });
      });
      for (const n of t.notes) units.push(unit({ kind: 'footnote', text: n.text, prefix: `${n.lead.trim()} `, marker: n.marker, line: n.line }));
      ctx.atStart = false;
      ctx.afterTitle = false;
      return;
    }
    if (CLOSING.test(b.text)) {
      units.push(unit({ kind: null, text: b.text, line: b.line }));
      speaker = null;
      headingSpeaker = null;
      ctx.inRemarks = false;
      return;
    }
    const role = classifyBlock(b, nextContent(i), ctx);
    ctx.afterTitle = ctx.atStart && role.role === 'heading' && role.rank === RANK.title;
    ctx.atStart = false;
    const m = b.marker;
    if (role.role === 'heading') {
      speaker = null;
      ctx.inRemarks = false;
      const title = role.split ? role.split.label : b.text;
      units.push(unit({ kind: 'heading', text: title, prefix: m ? markerPrefix(m) : '', rank: role.rank, marker: m && m.style !== 'markdown' ? m.marker : null, line: b.line }));
      if (role.split) {
        const rest = role.split.rest.trim();
        if (rest) units.push(unit({ kind: 'paragraph', text: rest, gap: '', prefix: role.split.colon, line: b.line }));
        else units.push(unit({ kind: null, text: role.split.colon, gap: '', line: b.line }));
      }
      headingSpeaker = speakerOfHeading(title);
      headingSpeakerActive = false;
      if (role.rank === RANK.circled && m) ctx.lastCircledHeading = circledMarkerValue(m.marker);
      return;
    }
    if (role.role === 'speaker') {
      speaker = role.name;
      ctx.inRemarks = true;
      units.push(unit({ kind: null, text: `${m ? m.marker : ''}${role.name}`, line: b.line }));
      return;
    }
    if (role.role === 'item' && m) {
      if (!speaker && headingSpeaker) headingSpeakerActive = true;
      const who = speaker ?? (headingSpeakerActive ? headingSpeaker : null);
      units.push(unit({ kind: 'item', text: b.text, prefix: markerPrefix(m), marker: m.marker, speaker: who, line: b.line }));
      return;
    }
    const who = speaker ?? (headingSpeakerActive ? headingSpeaker : null);
    units.push(unit({ kind: who ? 'remark' : 'paragraph', text: b.text, speaker: who, line: b.line }));
  });
  return units;
}
