// Maps a DOM selection in the reader back to a statement and UTF-16 offsets in its text,
// using the data-run-start attribute every rendered text run carries.

export interface TextSelection {
  statementId: string;
  start: number;
  end: number;
  quote: string;
  /** Where to place the popover, in viewport coordinates. */
  rect: { top: number; left: number; bottom: number; right: number };
}

function runOffset(node: Node, offset: number): { statementId: string; value: number } | null {
  const el = node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element);
  const run = el?.closest<HTMLElement>('[data-run-start]');
  const statement = el?.closest<HTMLElement>('[data-statement-id]');
  if (!run || !statement) return null;
  const base = Number(run.dataset.runStart);
  // An element-level offset (selection ending on a boundary) counts whole child text.
  const inRun = node.nodeType === Node.TEXT_NODE ? offset : offset > 0 ? (run.textContent ?? '').length : 0;
  return { statementId: statement.dataset.statementId ?? '', value: base + inRun };
}

/** The selection as a span of one statement, or null when it is empty or crosses statements. */
export function readSelection(selection: Selection | null, statementText: (id: string) => string | undefined): TextSelection | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const a = runOffset(range.startContainer, range.startOffset);
  const b = runOffset(range.endContainer, range.endOffset);
  if (!a || !b || a.statementId !== b.statementId || !a.statementId) return null;
  const text = statementText(a.statementId);
  if (text === undefined) return null;
  let start = Math.min(a.value, b.value);
  let end = Math.max(a.value, b.value);
  // Trim surrounding whitespace so the stored quote is what the analyst meant.
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  if (end <= start) return null;
  const box = range.getBoundingClientRect?.() ?? { top: 0, left: 0, bottom: 0, right: 0 };
  return { statementId: a.statementId, start, end, quote: text.slice(start, end), rect: { top: box.top, left: box.left, bottom: box.bottom, right: box.right } };
}
