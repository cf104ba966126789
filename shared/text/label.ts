// Short labels for the undo menu and the activity history ("注釈「サプライチェーンの強靱化…」を編集"):
// one rule for how a quote, a title or a heading is cut down to fit a menu line.

/** Characters of the quoted text kept in a label; about one line of a menu in Japanese. */
export const LABEL_CHARS = 24;

/** The text on one line (runs of whitespace as one space), cut at LABEL_CHARS with an ellipsis. */
export function shortLabel(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > LABEL_CHARS ? `${line.slice(0, LABEL_CHARS)}…` : line;
}
