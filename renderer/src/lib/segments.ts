// Splits a statement's text into runs for display: each run knows which marks (annotation
// highlights, search matches, footnote markers) cover it, so overlapping marks stay readable.
// Offsets are UTF-16 code units into the statement text, as everywhere in the workbench.

export interface Mark {
  start: number;
  end: number;
  kind: 'annotation' | 'match' | 'footnote';
  /** Annotation id, footnote target id, or match index. */
  key: string;
  /** Display colour (annotations: the pillar colour). */
  color?: string;
}

export interface Run {
  start: number;
  end: number;
  text: string;
  marks: Mark[];
}

export function clampMarks(marks: Mark[], length: number): Mark[] {
  return marks
    .map((m) => ({ ...m, start: Math.max(0, Math.min(length, m.start)), end: Math.max(0, Math.min(length, m.end)) }))
    .filter((m) => m.end > m.start);
}

export function splitRuns(text: string, marks: Mark[]): Run[] {
  const valid = clampMarks(marks, text.length);
  const cuts = new Set<number>([0, text.length]);
  for (const m of valid) {
    cuts.add(m.start);
    cuts.add(m.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const runs: Run[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const start = points[i];
    const end = points[i + 1];
    if (end <= start) continue;
    const covering = valid.filter((m) => m.start <= start && m.end >= end);
    runs.push({ start, end, text: text.slice(start, end), marks: covering });
  }
  if (runs.length === 0) runs.push({ start: 0, end: 0, text: '', marks: [] });
  return runs;
}
