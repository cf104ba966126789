// A draggable, keyboard-operable divider between two panes; reports the new width of the
// pane it belongs to, which the preferences store clamps and persists.
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { PANE_LIMITS } from '../../stores/preferences';

export interface SplitterProps {
  label: string;
  /** Which side of the splitter the pane sits on: its width grows as the pointer moves away. */
  side: 'left' | 'right';
  width: number;
  onResize(width: number): void;
}

const STEP = 16;

export function Splitter({ label, side, width, onResize }: SplitterProps) {
  const start = useRef<{ x: number; width: number } | null>(null);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    start.current = { x: e.clientX, width };
    e.currentTarget.setPointerCapture?.(e.pointerId);
    e.preventDefault();
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!start.current) return;
    const dx = e.clientX - start.current.x;
    onResize(start.current.width + (side === 'left' ? dx : -dx));
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    start.current = null;
    e.currentTarget.releasePointerCapture?.(e.pointerId);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const grow = side === 'left' ? 'ArrowRight' : 'ArrowLeft';
    const shrink = side === 'left' ? 'ArrowLeft' : 'ArrowRight';
    if (e.key === grow) onResize(width + STEP);
    else if (e.key === shrink) onResize(width - STEP);
    else if (e.key === 'Home') onResize(PANE_LIMITS.min);
    else if (e.key === 'End') onResize(PANE_LIMITS.max);
    else return;
    e.preventDefault();
  };

  return (
    <div
      className="splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={width}
      aria-valuemin={PANE_LIMITS.min}
      aria-valuemax={PANE_LIMITS.max}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
    />
  );
}
