// The window-wide keyboard shortcuts. Letter and digit keys act only outside text fields,
// and nothing fires while an input method is composing.
import { useEffect, useRef } from 'react';
import { isCommand, isComposing, isTypingTarget } from './keys';

export interface GlobalKeyHandlers {
  palette(): void;
  focusSearch(): void;
  shortcuts(): void;
  view(index: number): void;
  escape(): void;
  undo?(): void;
  redo?(): void;
  annotate?(): void;
  pillar?(index: number): void;
}

export function useGlobalKeys(handlers: GlobalKeyHandlers): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (isComposing(e) || e.defaultPrevented) return;
      const h = ref.current;
      const key = e.key.toLowerCase();
      const typing = isTypingTarget(e.target);
      // A field with unsaved text undoes its own typing; one marked data-undo="window" (an
      // in-place field whose text is saved) leaves Ctrl/Cmd+Z to the window's history.
      const ownUndo = typing && !(e.target instanceof HTMLElement && e.target.dataset.undo === 'window');
      if (isCommand(e) && !e.altKey) {
        if (key === 'k') h.palette();
        else if (key === 'f') h.focusSearch();
        else if (key === 'z' && !ownUndo && h.undo && h.redo) (e.shiftKey ? h.redo : h.undo)();
        else if (key === 'y' && !ownUndo && h.redo) h.redo();
        else return;
        e.preventDefault();
        return;
      }
      if (e.altKey && !e.ctrlKey && !e.metaKey && /^Digit[1-5]$/.test(e.code)) {
        h.view(Number(e.code.slice(5)) - 1);
        e.preventDefault();
        return;
      }
      if (e.key === 'Escape') {
        h.escape();
        return;
      }
      if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'F1' || e.key === '?') h.shortcuts();
      else if (key === 'a' && h.annotate) h.annotate();
      else if (/^[1-4]$/.test(e.key) && h.pillar) h.pillar(Number(e.key) - 1);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
