// The memo page: the workspace memos (the analyst's running analysis) and every document memo in
// one list, latest change first; the open memo in the editor beside it; a new workspace memo.
// A document memo links back to its document in the reader. Each memo can be placed in the
// current briefing (「ブリーフィングへ」, cited there as 分析メモ「題名」（日付）) and its citation copied.
import { useEffect } from 'react';
import { formatMemoCitation, memoCitationOf } from '../../../../shared/citation';
import { formatDate, useT } from '../../i18n';
import { useAnnotations } from '../../stores/annotations';
import { useBriefing } from '../../stores/briefing';
import { type Memo, useMemos } from '../../stores/memos';
import { usePreferences } from '../../stores/preferences';
import { useReader } from '../../stores/reader';
import { useUi } from '../../stores/ui';
import { MemoEditor } from './MemoEditor';

/**
 * The citation a copy gives: in the language and 西暦/和暦 style of the briefing being written (the
 * one open in the composer), else the interface language in 西暦; the same formatter as every export.
 */
export function memoCitationText(m: Memo): string {
  const b = useBriefing.getState().briefing;
  return formatMemoCitation(memoCitationOf(m), b?.language ?? usePreferences.getState().language, b?.dateStyle ?? 'seireki');
}

async function copyMemoCitation(m: Memo): Promise<void> {
  const notify = useUi.getState().notify;
  try {
    await navigator.clipboard.writeText(memoCitationText(m));
    notify({ ja: '引用をクリップボードにコピーしました。', en: 'Citation copied to the clipboard.' });
  } catch {
    notify({ ja: 'クリップボードに書き込めませんでした。', en: 'Could not write to the clipboard.' });
  }
}

export function MemosView() {
  const t = useT();
  const lang = usePreferences((s) => s.language);
  const memos = useMemos((s) => s.memos);
  const openId = useMemos((s) => s.openId);
  const revision = useAnnotations((s) => s.revision);
  useEffect(() => {
    void useMemos.getState().load();
  }, [revision]);
  const open = memos.find((m) => m.id === openId) ?? null;
  const workspace = memos.filter((m) => m.documentId === null);
  const onDocuments = memos.filter((m) => m.documentId !== null);

  const toBriefing = (m: Memo) => useBriefing.getState().placeEvidence({ memoId: m.id });
  const item = (m: Memo) => (
    <li key={m.id} className="memo-row">
      <button type="button" className={`memo-item ${m.id === openId ? 'is-active' : ''}`} aria-current={m.id === openId} onClick={() => useMemos.getState().setOpen(m.id)}>
        <strong>{m.title}</strong>
        {m.documentTitle ? <span className="memo-doc">『{m.documentTitle}』</span> : null}
        <span className="memo-excerpt">{m.body.slice(0, 80)}</span>
        <span className="muted small">{formatDate(lang, m.updatedAt)}</span>
      </button>
      <button type="button" className="btn btn-small memo-to-briefing" aria-label={t('memo.toBriefing.label', { title: m.title })} onClick={() => toBriefing(m)}>
        {t('memo.toBriefing')}
      </button>
    </li>
  );

  return (
    <section className="analysis-panel memo-page" aria-labelledby="memos-title">
      <header className="analysis-toolbar">
        <h2 id="memos-title" className="analysis-title">
          {t('analysis.memos')}
        </h2>
        <span className="muted">{t('memo.count', { count: memos.length })}</span>
      </header>
      <div className="memo-columns">
        <nav className="memo-index" aria-label={t('analysis.memos')}>
          <h3 className="section-title">{t('memo.workspace')}</h3>
          <ul className="memo-list">{workspace.map(item)}</ul>
          {workspace.length === 0 ? <p className="muted small">{t('memo.workspace.empty')}</p> : null}
          <h3 className="section-title">{t('memo.onDocuments')}</h3>
          <ul className="memo-list">{onDocuments.map(item)}</ul>
          {onDocuments.length === 0 ? <p className="muted small">{t('memo.onDocuments.empty')}</p> : null}
        </nav>
        <div className="memo-detail">
          {open ? (
            <>
              {open.documentId ? (
                <p className="memo-source">
                  <button type="button" className="btn-link" onClick={() => void useReader.getState().open(open.documentId!)}>
                    {t('memo.openDocument', { title: open.documentTitle ?? '' })}
                  </button>
                </p>
              ) : null}
              <p className="memo-cite">
                <span className="muted">{t('memo.citation')}: </span>
                {memoCitationText(open)}{' '}
                <button type="button" className="btn btn-small" onClick={() => void copyMemoCitation(open)}>
                  {t('inspector.copyCitation')}
                </button>
              </p>
              <MemoEditor memo={open} documentId={open.documentId} />
            </>
          ) : null}
          <h3 className="section-title">{t('memo.newWorkspace')}</h3>
          <MemoEditor memo={null} documentId={null} />
        </div>
      </div>
    </section>
  );
}
