// A filter field that holds several values as chips (tags, documents, speakers of the coded
// segments bar): type and press Enter to add (IME-safe: the Enter that confirms a conversion adds
// nothing), × or Backspace on an empty field removes, suggestions from a datalist. The field
// does not decide what a typed word means: `resolve` turns it into a value or an error message.
import { useId, useState, type KeyboardEvent } from 'react';
import { useT } from '../../i18n';
import { imeSafeKeys } from '../../lib/keys';

/** Chip labels longer than this are cut (the full text is the chip's title): a 5,000-character tag stays one line. */
const CHIP_LABEL_MAX = 40;

export interface ChipFieldProps {
  label: string;
  /** The values held, in the order added. */
  values: string[];
  /** How a value is shown (a document id as its title). */
  labelOf?: (value: string) => string;
  /** Suggestions offered while typing (at most a thousand are listed). */
  suggestions: string[];
  /** A typed word to a value, or a message saying why it is not one. */
  resolve: (typed: string) => { value: string } | { error: string };
  onChange(values: string[]): void;
  testId?: string;
}

export function ChipField({ label, values, labelOf = (v) => v, suggestions, resolve, onChange, testId }: ChipFieldProps) {
  const t = useT();
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const listId = useId();
  const errorId = useId();
  const add = () => {
    const typed = draft.trim();
    if (!typed) return;
    const r = resolve(typed);
    if ('error' in r) {
      setError(r.error);
      return;
    }
    setError(null);
    setDraft('');
    if (!values.includes(r.value)) onChange([...values, r.value]);
  };
  const remove = (v: string) => onChange(values.filter((x) => x !== v));
  const onKeyDown = imeSafeKeys((e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      add();
    } else if (e.key === 'Backspace' && draft === '' && values.length) {
      e.preventDefault();
      remove(values[values.length - 1]);
    }
  });
  return (
    <span className="chip-field" role="group" aria-label={label} data-testid={testId}>
      <span className="chip-field-label">{label}</span>
      <ul className="chip-list" aria-label={t('chips.held', { label })}>
        {values.map((v) => {
          const shown = labelOf(v);
          return (
            <li key={v} className="chip" title={shown}>
              <span className="chip-text">{shown.length > CHIP_LABEL_MAX ? `${shown.slice(0, CHIP_LABEL_MAX - 1)}…` : shown}</span>
              <button type="button" className="chip-remove" aria-label={t('chips.remove', { value: shown })} onClick={() => remove(v)}>
                ×
              </button>
            </li>
          );
        })}
      </ul>
      <input
        className="field field-compact chip-input"
        value={draft}
        list={listId}
        aria-label={t('chips.add', { label })}
        aria-invalid={error !== null}
        aria-describedby={error ? errorId : undefined}
        placeholder={values.length ? t('chips.more') : t('segments.any')}
        onChange={(e) => {
          setDraft(e.target.value);
          if (error) setError(null);
        }}
        onKeyDown={onKeyDown}
      />
      <datalist id={listId}>
        {suggestions
          .filter((s) => !values.includes(s))
          .slice(0, 1000)
          .map((s) => (
            <option key={s} value={labelOf(s)} />
          ))}
      </datalist>
      {error ? (
        <span id={errorId} className="chip-error" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}
