// A text field that edits a stored value in place: local while typing, saved on blur or Enter
// (single line), never while an IME composition is open, and never twice for one value (an Enter
// and the blur after it); Escape restores the stored value.
// While nothing is typed but unsaved, Ctrl/Cmd+Z in it undoes the last saved change (history).
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { imeSafeKeys } from '../../lib/keys';

export interface InlineFieldProps {
  label: string;
  value: string;
  onSave(value: string): void;
  multiline?: boolean;
  rows?: number;
  placeholder?: string;
  className?: string;
}

export function InlineField({ label, value, onSave, multiline, rows = 3, placeholder, className }: InlineFieldProps) {
  const [draft, setDraft] = useState(value);
  // What this field last sent and the stored value has not caught up with yet: the Enter that
  // saved it is often followed by a blur (Tab, a click elsewhere) before the save's answer comes
  // back, and that blur must not send the same value a second time.
  const sent = useRef<string | null>(null);
  useEffect(() => {
    sent.current = null;
    setDraft(value);
  }, [value]);
  const commit = () => {
    if (draft === value || draft === sent.current) return;
    sent.current = draft;
    onSave(draft);
  };
  const onKeyDown = imeSafeKeys((e: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    if (e.key === 'Escape') {
      setDraft(value);
      e.stopPropagation();
    } else if (e.key === 'Enter' && !multiline) {
      e.preventDefault();
      commit();
    }
  });
  const common = {
    'aria-label': label,
    placeholder: placeholder ?? label,
    value: draft,
    onBlur: commit,
    // Coming back to the field (after a refused or failed save) may send the same value again.
    onFocus: () => {
      sent.current = null;
    },
    onKeyDown,
    className: `field inline-field ${className ?? ''}`,
    'data-undo': draft === value ? 'window' : undefined,
  };
  return multiline ? <textarea {...common} rows={rows} onChange={(e) => setDraft(e.target.value)} /> : <input {...common} onChange={(e) => setDraft(e.target.value)} />;
}
