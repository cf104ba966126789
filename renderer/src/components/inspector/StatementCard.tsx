// The inspector's head: the statement the analyst is on, where it sits (document, headings,
// speaker, locator) and a ready-made citation to copy.
import type { DocumentSummary, Statement } from '../../../../shared/model';
import { citationSource, formatCitation } from '../../../../shared/citation';
import { useT } from '../../i18n';
import { usePreferences } from '../../stores/preferences';
import { useUi } from '../../stores/ui';

/** The workbench's one citation style (shared/citation), as the exports print it. */
export function citationText(lang: 'ja' | 'en', doc: DocumentSummary, s: Statement): string {
  return formatCitation(citationSource(doc, s), lang);
}

export function StatementCard({ statement, document }: { statement: Statement; document: DocumentSummary }) {
  const t = useT();
  const lang = usePreferences((s) => s.language);
  const notify = useUi((s) => s.notify);
  const copy = async () => {
    const text = lang === 'ja' ? `「${statement.text}」（${citationText(lang, document, statement)}）` : `“${statement.text}” (${citationText(lang, document, statement)})`;
    try {
      await navigator.clipboard.writeText(text);
      notify({ ja: '引用をクリップボードにコピーしました。', en: 'Citation copied to the clipboard.' });
    } catch {
      notify({ ja: 'クリップボードに書き込めませんでした。', en: 'Could not write to the clipboard.' });
    }
  };
  return (
    <section className="inspector-section" aria-label={t('inspector.statement')}>
      <h3 className="section-title">{t('inspector.statement')}</h3>
      <p className="inspector-locator">
        {t('reader.locator', { n: statement.ordinal + 1 })}
        {statement.speaker ? <span className="speaker">{statement.speaker}</span> : null}
      </p>
      <blockquote className="inspector-quote">{statement.text}</blockquote>
      {statement.headingPath.length > 0 ? (
        <p className="inspector-path">
          <span className="muted">{t('inspector.headingPath')}: </span>
          {statement.headingPath.join(' › ')}
        </p>
      ) : null}
      <p className="inspector-cite">{citationText(lang, document, statement)}</p>
      <button type="button" className="btn btn-small" onClick={() => void copy()}>
        {t('inspector.copyCitation')}
      </button>
    </section>
  );
}
