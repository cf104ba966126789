// One memo being written: its title and text, saved with the button or Ctrl/⌘+Enter, deleted
// (undoably). The same editor serves a new memo (no id yet) and an existing one.
import { useEffect, useState, type FormEvent } from 'react';
import { useT } from '../../i18n';
import { imeSafeKeys } from '../../lib/keys';
import { useMemos, type Memo } from '../../stores/memos';

export function MemoEditor({ memo, documentId, onDone }: { memo: Memo | null; documentId: string | null; onDone?(): void }) {
  const t = useT();
  const [title, setTitle] = useState(memo?.title ?? '');
  const [body, setBody] = useState(memo?.body ?? '');
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    setTitle(memo?.title ?? '');
    setBody(memo?.body ?? '');
  }, [memo?.id, memo?.title, memo?.body]);

  const dirty = memo ? title !== memo.title || body !== memo.body : title.trim() !== '' || body.trim() !== '';
  const save = async () => {
    if (!title.trim()) return;
    setSaving(true);
    const ok = memo ? await useMemos.getState().update(memo.id, { title, body }) : !!(await useMemos.getState().create(documentId, title, body));
    setSaving(false);
    if (ok && !memo) {
      setTitle('');
      setBody('');
    }
    if (ok) onDone?.();
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void save();
  };
  return (
    <form
      className="memo-editor"
      onSubmit={onSubmit}
      onKeyDown={imeSafeKeys((e) => {
        // In the text area Enter is a new line; Ctrl/⌘+Enter saves from either field.
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          void save();
        }
      })}
    >
      <input className="field memo-title-field" value={title} maxLength={500} placeholder={t('memo.title')} aria-label={t('memo.title')} onChange={(e) => setTitle(e.target.value)} data-testid="memo-title" />
      <textarea className="field memo-body-field" value={body} placeholder={t('memo.body')} aria-label={t('memo.body')} rows={memo ? 12 : 4} onChange={(e) => setBody(e.target.value)} data-testid="memo-body" />
      <div className="memo-actions">
        <button type="submit" className="btn btn-small btn-primary" disabled={saving || !title.trim() || !dirty}>
          {memo ? t('memo.save') : t('memo.add')}
        </button>
        {memo ? (
          <button type="button" className="btn btn-small btn-quiet" onClick={() => void useMemos.getState().remove(memo.id)}>
            {t('memo.delete')}
          </button>
        ) : null}
        {!title.trim() && body.trim() ? <span className="muted small">{t('memo.needTitle')}</span> : null}
      </div>
    </form>
  );
}
