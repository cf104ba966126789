// One statement's text as runs: annotation highlights coloured by pillar (overlaps stacked as
// underlines so each stays visible), search matches marked, footnote markers as links.
import type { CSSProperties } from 'react';
import { splitRuns, type Mark, type Run } from '../../lib/segments';
import { useT } from '../../i18n';
import { Revealed } from '../shell/Revealed';

export interface StatementTextProps {
  text: string;
  marks: Mark[];
  onFootnote?(footnoteId: string): void;
  onAnnotationClick?(annotationId: string): void;
}

const NEUTRAL = '#8a8f98';

function runStyle(run: Run): CSSProperties | undefined {
  const notes = run.marks.filter((m) => m.kind === 'annotation');
  if (notes.length === 0) return undefined;
  const colors = notes.map((m) => m.color ?? NEUTRAL);
  // First highlight as a tint, every one as its own 2px band underneath: overlaps stay legible.
  const bands = colors.map((c, i) => `linear-gradient(${c}, ${c}) 0 calc(100% - ${i * 3}px) / 100% 2px no-repeat`);
  return {
    background: [...bands, `color-mix(in srgb, ${colors[0]} ${notes.length > 1 ? 30 : 20}%, transparent)`].join(', '),
    paddingBottom: `${(colors.length - 1) * 3}px`,
  };
}

export function StatementText({ text, marks, onFootnote, onAnnotationClick }: StatementTextProps) {
  const t = useT();
  const runs = splitRuns(text, marks);
  return (
    <>
      {runs.map((run) => {
        const footnote = run.marks.find((m) => m.kind === 'footnote');
        if (footnote) {
          return (
            <sup key={run.start} className="fn-ref" data-run-start={run.start}>
              <a
                href={`#st-${footnote.key}`}
                aria-label={t('reader.footnote.jump', { marker: run.text })}
                onClick={(e) => {
                  e.preventDefault();
                  // The statement around the marker must not take the focus back.
                  e.stopPropagation();
                  onFootnote?.(footnote.key);
                }}
              >
                {run.text}
              </a>
            </sup>
          );
        }
        const match = run.marks.some((m) => m.kind === 'match');
        const notes = run.marks.filter((m) => m.kind === 'annotation');
        const className = [notes.length ? 'hl' : '', notes.length > 1 ? 'hl-overlap' : '', match ? 'match-mark' : ''].filter(Boolean).join(' ') || undefined;
        return (
          <span
            key={run.start}
            data-run-start={run.start}
            className={className}
            style={runStyle(run)}
            data-annotations={notes.length ? notes.map((n) => n.key).join(' ') : undefined}
            data-colors={notes.length ? notes.map((n) => n.color ?? NEUTRAL).join(' ') : undefined}
            onClick={notes.length && onAnnotationClick ? () => onAnnotationClick(notes[notes.length - 1].key) : undefined}
          >
            <Revealed text={run.text} runStart={run.start} />
          </span>
        );
      })}
    </>
  );
}
