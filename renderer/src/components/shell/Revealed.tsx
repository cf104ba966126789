// Text shown to the analyst with its invisible characters made visible (shared/text/invisible.ts):
// each bidi control or zero-width character stays in the DOM (copying gives the original) but is
// drawn as a marked ⟨U+202E⟩ token and isolated, so it cannot reorder the text around it.
import { INVISIBLE_NAMES, splitInvisibles } from '../../../../shared/text/invisible';

export interface RevealedProps {
  text: string;
  /** In the reader: the text's offset in its statement. Each piece then carries its own
   *  data-run-start, so a selection inside or after a token maps back to the right offset. */
  runStart?: number;
}

export function Revealed({ text, runStart }: RevealedProps) {
  const pieces = splitInvisibles(text);
  if (pieces.length === 1 && !pieces[0].invisible) return <>{text}</>;
  return (
    <>
      {pieces.map((p) =>
        p.invisible ? (
          <span key={p.start} className="invisible-char" data-codepoint={p.invisible} title={`${p.invisible} ${INVISIBLE_NAMES[p.text] ?? ''}`.trim()} data-run-start={runStart === undefined ? undefined : runStart + p.start}>
            {p.text}
          </span>
        ) : runStart === undefined ? (
          <span key={p.start}>{p.text}</span>
        ) : (
          <span key={p.start} data-run-start={runStart + p.start}>
            {p.text}
          </span>
        ),
      )}
    </>
  );
}
