// Keyboard helpers shared by every panel: the platform's command key, IME composition
// detection (so a conversion's Enter never acts), and "is the user typing in a field".
// Every field that acts on Enter, directly or by submitting its form, takes its keydown
// handler from imeSafeKeys; test/renderer/ime-safe.test.ts fails when one does not.
import type { KeyboardEvent as ReactKeyboardEvent } from 'react';

type AnyKeyEvent = KeyboardEvent | ReactKeyboardEvent;

function nativeOf(e: AnyKeyEvent): KeyboardEvent {
  return 'nativeEvent' in e ? e.nativeEvent : e;
}

/**
 * True while an input method is composing, including the keydown of the Enter that confirms
 * a conversion: Chromium reports it with isComposing, Safari only with keyCode 229.
 */
export function isComposing(e: AnyKeyEvent): boolean {
  const n = nativeOf(e);
  return n.isComposing || n.keyCode === 229;
}

/**
 * The keydown handler of every element that acts on Enter, and of every form (keydown bubbles
 * to it from its fields). While an input method is composing, including the keydown of the
 * Enter that confirms a conversion, nothing acts: `onKey` is not called, and the Enter's
 * default action (a form's implicit submission, which Chromium runs from the keypress that
 * follows such a keydown) is held back, so けいざい is never submitted before it becomes 経済.
 * Otherwise every key goes to `onKey`.
 */
export function imeSafeKeys<E extends Element = Element>(onKey?: (e: ReactKeyboardEvent<E>) => void): (e: ReactKeyboardEvent<E>) => void {
  return (e) => {
    if (isComposing(e)) {
      if (e.key === 'Enter') e.preventDefault();
      return;
    }
    onKey?.(e);
  };
}

/** Ctrl on Windows/Linux, Cmd on macOS; either is accepted so muscle memory works everywhere. */
export function isCommand(e: AnyKeyEvent): boolean {
  return e.ctrlKey || e.metaKey;
}

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || !(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return !['checkbox', 'radio', 'button', 'submit', 'range', 'color'].includes(type);
  }
  return false;
}

export function isMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
}

/** How the command key is written in shortcut labels on this platform. */
export function commandLabel(): string {
  return isMac() ? '⌘' : 'Ctrl';
}
