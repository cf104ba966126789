// The director's review beside the briefing: the analyst picks the DOCX that came back (the open
// dialog in the desktop app, a file upload in the browser host), and the panel lists the
// reviewer's comments with the words they sit on, tracked insertions and deletions, or the
// paragraphs that now read differently. The briefing itself is never changed by reading it.
import { useRef, useState } from 'react';
import type { FileSource } from '../../../../shared/api/files';
import type { BriefingReview } from '../../../../shared/briefing';
import { api, errorData } from '../../api/client';
import { chooseImportSource, hasOpenDialog, uploadFile } from '../../api/files';
import { useT } from '../../i18n';
import { useBriefing } from '../../stores/briefing';
import { useUi } from '../../stores/ui';

const DOCX = [{ name: 'Word (DOCX)', extensions: ['docx'] }];

export function ReviewPanel() {
  const t = useT();
  const briefing = useBriefing((s) => s.briefing);
  const [review, setReview] = useState<BriefingReview | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  if (!briefing) return null;

  const read = async (source: FileSource) => {
    setBusy(true);
    try {
      setReview((await api().call('briefings.review', { id: briefing.id, source })).review);
    } catch (e) {
      useUi.getState().reportError(errorData(e));
    } finally {
      setBusy(false);
    }
  };
  const pick = async () => {
    if (hasOpenDialog()) {
      const chosen = await chooseImportSource(DOCX);
      if (chosen) await read(chosen.source);
    } else input.current?.click();
  };

  const reviewerComments = review?.comments.filter((c) => !c.fromExport) ?? [];
  return (
    <section className="review-panel" aria-labelledby="review-title">
      <h3 id="review-title" className="section-title">
        {t('briefing.review')}
      </h3>
      <p className="small muted">{t('briefing.review.about')}</p>
      <button type="button" className="btn" disabled={busy} onClick={() => void pick()}>
        {t('briefing.review.open')}
      </button>
      <input
        ref={input}
        type="file"
        accept=".docx"
        hidden
        aria-label={t('briefing.review.open')}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void uploadFile(file).then(read, (err: unknown) => useUi.getState().reportError(errorData(err)));
        }}
      />
      {review ? (
        <div className="review-result">
          <p className="small">{t('briefing.review.summary', { file: review.fileName, comments: reviewerComments.length, edits: review.edits.length + review.changes.length })}</p>
          {reviewerComments.length ? (
            <ul className="review-list">
              {reviewerComments.map((c) => (
                <li key={c.id}>
                  <span className="review-who">
                    {c.author}
                    {c.date ? ` · ${c.date.slice(0, 16).replace('T', ' ')}` : ''}
                  </span>
                  {c.anchor ? <q className="review-anchor">{c.anchor}</q> : null}
                  <p className="review-text">{c.text}</p>
                </li>
              ))}
            </ul>
          ) : null}
          {review.edits.length ? (
            <ul className="review-list">
              {review.edits.map((e, i) => (
                <li key={i} className={e.kind === 'insert' ? 'review-ins' : 'review-del'}>
                  <span className="review-who">
                    {t(e.kind === 'insert' ? 'briefing.review.inserted' : 'briefing.review.deleted')} · {e.author}
                  </span>
                  {e.kind === 'insert' ? <ins>{e.text}</ins> : <del>{e.text}</del>}
                  <p className="review-text muted small">{e.paragraph}</p>
                </li>
              ))}
            </ul>
          ) : null}
          {review.changes.length ? (
            <ul className="review-list">
              {review.changes.map((c, i) => (
                <li key={i}>
                  {c.before !== null ? <del>{c.before}</del> : null}
                  {c.after !== null ? <ins>{c.after}</ins> : null}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
