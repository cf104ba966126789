// The memos on the open document, in the inspector: each one's title and opening lines (a click
// opens it on the memo page), and a small form for a new one.
import { useEffect } from 'react';
import { formatDate, useT } from '../../i18n';
import { useAnnotations } from '../../stores/annotations';
import { useMemos } from '../../stores/memos';
import { usePreferences } from '../../stores/preferences';
import { useReader } from '../../stores/reader';
import { useRetrieval } from '../../stores/retrieval';
import { useUi } from '../../stores/ui';
import { MemoEditor } from './MemoEditor';

export function DocumentMemos() {
  const t = useT();
  const lang = usePreferences((s) => s.language);
  const documentId = useReader((s) => s.documentId);
  const memos = useMemos((s) => s.memos);
  const revision = useAnnotations((s) => s.revision);
  useEffect(() => {
    void useMemos.getState().load();
  }, [revision]);
  if (!documentId) return null;
  const mine = memos.filter((m) => m.documentId === documentId);
  const openMemo = (id: string) => {
    useMemos.getState().setOpen(id);
    useRetrieval.getState().setView('memos');
    useUi.getState().setView('analysis');
  };
  return (
    <section className="inspector-section memo-panel" aria-labelledby="doc-memos-title">
      <h3 id="doc-memos-title" className="section-title">
        {t('memo.document')}
      </h3>
      <ul className="memo-list">
        {mine.map((m) => (
          <li key={m.id}>
            <button type="button" className="memo-item" onClick={() => openMemo(m.id)}>
              <strong>{m.title}</strong>
              <span className="memo-excerpt">{m.body.slice(0, 80)}</span>
              <span className="muted small">{formatDate(lang, m.updatedAt)}</span>
            </button>
          </li>
        ))}
      </ul>
      <MemoEditor memo={null} documentId={documentId} />
    </section>
  );
}
