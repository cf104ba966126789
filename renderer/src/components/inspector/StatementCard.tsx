// The inspector's head: the statement the analyst is on, where it sits (document, headings,
// speaker, locator) and a ready-made citation to copy.
import type { DocumentSummary, Statement } from '../../../../shared/model';
import { asShown, citationSourceOf, formatCitation, locatorText, placesOf } from '../../../../shared/citation';
import { useT } from '../../i18n';
import { usePreferences } from '../../stores/preferences';
import { useReader } from '../../stores/reader';
import { useUi } from '../../stores/ui';

export function StatementCard({ statement, document }: { statement: Statement; document: DocumentSummary }) {
  const t = useT();
  const lang = usePreferences((s) => s.language);
  const notify = useUi((s) => s.notify);
  const readerStatements = useReader((s) => s.statements);
  // Footnotes and table cells are cited by places only the whole document knows (the reader's).
  const places = placesOf(readerStatements.length && readerStatements[0].documentId === statement.documentId ? readerStatements : [statement]);
  const source = citationSourceOf(document, statement, places);
  const citation = formatCitation(source, lang);
  const copy = async () => {
    // The quote as the reader shows it: a line break kept from the source layout is a space there.
    const quote = asShown(statement.text);
    const text = lang === 'ja' ? `「${quote}」（${citation}）` : `“${quote}” (${citation})`;
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
        {locatorText(source, lang)}
        {statement.speaker ? <span className="speaker">{statement.speaker}</span> : null}
      </p>
      <blockquote className="inspector-quote">{statement.text}</blockquote>
      {statement.headingPath.length > 0 ? (
        <p className="inspector-path">
          <span className="muted">{t('inspector.headingPath')}: </span>
          {statement.headingPath.join(' › ')}
        </p>
      ) : null}
      <p className="inspector-cite">{citation}</p>
      <button type="button" className="btn btn-small" onClick={() => void copy()}>
        {t('inspector.copyCitation')}
      </button>
    </section>
  );
}
