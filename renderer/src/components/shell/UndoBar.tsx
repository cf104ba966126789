// Undo/redo buttons for the whole workbench (annotations, pillars, briefings share one journal):
// in the inspector's header and the briefing composer's toolbar, so it belongs to neither.
import { useLocalized, useT } from '../../i18n';
import { useAnnotations } from '../../stores/annotations';

/** Undo/redo buttons naming their step; `compact` (the composer's toolbar) names it only in the tooltip. */
export function UndoBar({ compact = false }: { compact?: boolean }) {
  const t = useT();
  const loc = useLocalized();
  const state = useAnnotations((s) => s.undoState);
  const undo = useAnnotations((s) => s.undo);
  const redo = useAnnotations((s) => s.redo);
  return (
    <div className="undo-bar">
      <button type="button" className="btn btn-small" disabled={!state.undo} title={state.undo ? loc(state.undo.label) : undefined} onClick={() => void undo()}>
        ↶ {t('shortcuts.undo')}
      </button>
      <button type="button" className="btn btn-small" disabled={!state.redo} title={state.redo ? loc(state.redo.label) : undefined} onClick={() => void redo()}>
        ↷ {t('shortcuts.redo')}
      </button>
      {state.undo && !compact ? <span className="undo-label muted small">{loc(state.undo.label)}</span> : null}
    </div>
  );
}
