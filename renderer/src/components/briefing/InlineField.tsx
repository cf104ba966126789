// A text field that edits a stored value in place: local while typing, saved on blur or Enter
// (single line), never while an IME composition is open; Escape restores the stored value.
// While nothing is typed but unsaved, Ctrl/Cmd+Z in it undoes the last saved change (history).
import { useEffect, useState, type KeyboardEvent } from 'react';
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
  useEffect(() => setDraft(value), [value]);
  const commit = () => {
    if (draft !== value) onSave(draft);
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
    onKeyDown,
    className: `field inline-field ${className ?? ''}`,
    'data-undo': draft === value ? 'window' : undefined,
  };
  return multiline ? <textarea {...common} rows={rows} onChange={(e) => setDraft(e.target.value)} /> : <input {...common} onChange={(e) => setDraft(e.target.value)} />;
}
