// The reader: the open document as its statements with their structure (headings, speakers,
// list items, tables, footnotes), highlights, and jump-to-statement with a brief mark.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { isComposing, isTypingTarget } from '../../lib/keys';
import type { Statement } from '../../../../shared/model';
import { cellLocator, locatorText, placesOf } from '../../../../shared/citation';
import { formatDate, formatNumber, useT } from '../../i18n';
import type { Mark } from '../../lib/segments';
import { readSelection } from '../../lib/selection';
import { usePreferences } from '../../stores/preferences';
import { useReader } from '../../stores/reader';
import { buildBlocks, type Block, type TableBlock } from './blocks';
import { GoToPage } from './GoToPage';
import { StatementText } from './StatementText';
import { RemoveDocument } from './RemoveDocument';
import { EditDocumentMeta } from './EditDocumentMeta';

export interface ReaderPaneProps {
  /** Annotation highlights and search matches for a statement. */
  marksFor?(statement: Statement): Mark[];
  onAnnotationClick?(annotationId: string): void;
  /** Shown after a statement's text (e.g. pillar links of the whole statement). */
  aside?(statement: Statement): ReactNode;
  /** Rendered over the text (the selection popover). */
  overlay?: ReactNode;
}

const FLASH_MS = 1600;
/** A jump is performed once: coming back to the reader later must not mark it again. */
let handledJump = 0;

function footnoteMarks(s: Statement): Mark[] {
  return s.footnotes.filter((f) => f.footnoteId).map((f) => ({ start: f.start, end: f.end, kind: 'footnote' as const, key: f.footnoteId! }));
}

export function ReaderPane({ marksFor, onAnnotationClick, aside, overlay }: ReaderPaneProps) {
  const t = useT();
  const lang = usePreferences((s) => s.language);
  const document = useReader((s) => s.document);
  const statements = useReader((s) => s.statements);
  const loading = useReader((s) => s.loading);
  const current = useReader((s) => s.currentStatementId);
  const jump = useReader((s) => s.jump);
  const setCurrent = useReader((s) => s.setCurrent);
  const jumpTo = useReader((s) => s.jumpTo);
  const setSelection = useReader((s) => s.setSelection);
  const [flashId, setFlashId] = useState<string | null>(null);
  const bodyRef = useRef<HTMLDivElement>(null);

  const { blocks, footnotes } = useMemo(() => buildBlocks(statements), [statements]);
  const byId = useMemo(() => new Map(statements.map((s) => [s.id, s])), [statements]);
  // Table numbers and the statements citing each footnote (both ways of a note's link), the
  // same places every citation prints (shared/citation/locate.ts).
  const places = useMemo(() => placesOf(statements), [statements]);

  useEffect(() => {
    if (!jump || !byId.has(jump.statementId)) return;
    const el = window.document.getElementById(`st-${jump.statementId}`);
    if (jump.token === handledJump) {
      el?.scrollIntoView?.({ block: 'center' });
      return;
    }
    handledJump = jump.token;
    el?.scrollIntoView?.({ block: 'center', behavior: 'smooth' });
    el?.focus({ preventScroll: true });
    setFlashId(jump.statementId);
  }, [jump, byId]);
  useEffect(() => {
    if (!flashId) return;
    const timer = window.setTimeout(() => setFlashId(null), FLASH_MS);
    return () => window.clearTimeout(timer);
  }, [flashId]);

  // The popover is placed in window coordinates: when the text scrolls, move it with the text.
  const lastScroll = useRef(0);
  const onScroll = () => {
    const el = bodyRef.current;
    if (!el) return;
    const delta = el.scrollTop - lastScroll.current;
    lastScroll.current = el.scrollTop;
    const { selection, selectionMode } = useReader.getState();
    if (!selection || delta === 0) return;
    const r = selection.rect;
    setSelection({ ...selection, rect: { top: r.top - delta, bottom: r.bottom - delta, left: r.left, right: r.right } }, selectionMode);
  };

  const onMouseUp = () => {
    const sel = readSelection(window.getSelection(), (id) => byId.get(id)?.text);
    setSelection(sel);
  };

  // ↑/↓ walk the statements (the inspector follows), so A and 1–4 work without a mouse.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (isComposing(e) || e.altKey || e.ctrlKey || e.metaKey || isTypingTarget(e.target)) return;
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const order = statements.filter((s) => s.kind !== 'footnote');
    const i = order.findIndex((s) => s.id === current);
    const next = order[e.key === 'ArrowDown' ? Math.min(order.length - 1, i + 1) : Math.max(0, i - 1)];
    if (!next) return;
    e.preventDefault();
    setSelection(null);
    setCurrent(next.id);
    window.document.getElementById(`st-${next.id}`)?.scrollIntoView?.({ block: 'nearest' });
  };

  const marks = (s: Statement): Mark[] => [...footnoteMarks(s), ...(marksFor ? marksFor(s) : [])];

  const renderStatement = (s: Statement, inTable = false): ReactNode => {
    const cls = ['st', `st-${s.kind}`, s.id === current ? 'is-current' : '', s.id === flashId ? 'is-flash' : ''].filter(Boolean).join(' ');
    const text = <StatementText text={s.text} marks={marks(s)} onFootnote={jumpTo} onAnnotationClick={onAnnotationClick} />;
    let content: ReactNode;
    if (s.kind === 'heading') {
      const level = Math.min(6, (s.level ?? 1) + 1);
      const H = `h${level}` as 'h2';
      content = <H className="st-heading-text">{s.marker ? <span className="marker">{s.marker}</span> : null}{text}</H>;
    } else if (s.kind === 'remark') {
      content = (
        <p className="st-body">
          {s.speaker ? <span className="speaker">{s.speaker}</span> : null}
          {text}
        </p>
      );
    } else if (s.kind === 'item') {
      content = (
        <p className="st-body st-item-body">
          <span className="marker" aria-hidden={s.marker === '・' ? true : undefined}>
            {s.marker ?? '・'}
          </span>
          <span className="item-text">{text}</span>
        </p>
      );
    } else {
      content = <p className="st-body">{text}</p>;
    }
    return (
      <div
        key={s.id}
        id={`st-${s.id}`}
        className={cls}
        data-statement-id={s.id}
        tabIndex={-1}
        onClick={() => setCurrent(s.id)}
        aria-current={s.id === current ? 'true' : undefined}
      >
        {inTable ? null : s.kind === 'footnote' && s.marker ? (
          // A note is labelled with its own printed number, as its marker ⁸¹ in the text calls it.
          <span className="st-locator st-locator-footnote" aria-label={locatorText({ locator: s.ordinal + 1, footnote: s.marker }, lang)}>
            {s.marker}
          </span>
        ) : (
          <span className="st-locator" aria-label={t('reader.locator', { n: s.ordinal + 1 })}>
            {s.ordinal + 1}
          </span>
        )}
        {content}
        {aside ? aside(s) : null}
      </div>
    );
  };

  // Tables carry the locators their cells are cited by: the table's number in the caption, the
  // row number at the start of each row, the column header on top (表1 第3行『…』欄).
  const renderTable = (b: TableBlock): ReactNode => (
    <div key={b.key} className="st-table-wrap">
      <table className="st-table" aria-label={b.title || t('reader.table')}>
        <caption className="st-table-caption">
          {t('reader.table.number', { n: places.tables.get(b.title) ?? 0 })} {b.title}
        </caption>
        {b.headers.some(Boolean) ? (
          <thead>
            <tr>
              <th scope="col" className="st-row-number">
                {t('reader.table.row')}
              </th>
              {b.headers.map((h, i) => (
                <th key={i} scope="col">
                  {h ?? ''}
                </th>
              ))}
            </tr>
          </thead>
        ) : null}
        <tbody>
          {b.rows.map((row, r) => (
            <tr key={r}>
              <th scope="row" className="st-row-number">
                {b.rowNumbers[r]}
              </th>
              {row.map((cell, c) => (
                <td key={c} data-locator={cell[0] ? locatorText({ locator: cell[0].ordinal + 1, cell: cellLocator(cell[0], places) }, lang) : undefined}>
                  {cell.map((s) => renderStatement(s, true))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );

  /** The page a block starts on (imported PDFs), for the page boundaries between blocks. */
  const pageOf = (b: Block): number | undefined => (b.kind === 'table' ? b.rows[0]?.[0]?.[0]?.page : b.statement.page);
  const boundary = (b: Block, i: number): ReactNode => {
    const page = pageOf(b);
    if (page === undefined || (i > 0 && pageOf(blocks[i - 1]) === page)) return null;
    const first = b.kind === 'table' ? b.rows[0]?.[0]?.[0] : b.statement;
    const label = first?.pageLabel ?? String(page);
    return (
      <div key={`page-${page}`} id={`page-${page}`} className="page-boundary" role="separator" aria-label={t('reader.pageBoundary', { label })}>
        <span>{t('reader.pageBoundary', { label })}</span>
      </div>
    );
  };

  if (!document && !loading) {
    return (
      <section className="pane pane-reader" aria-label={t('pane.reader')}>
        <div className="empty-state">
          <h2>{t('reader.empty.title')}</h2>
          <p>{t('reader.empty.body')}</p>
        </div>
      </section>
    );
  }

  return (
    <section className="pane pane-reader" aria-label={t('pane.reader')} aria-busy={loading}>
      {document ? (
        <header className="reader-header">
          <h1 className="reader-title">{document.title}</h1>
          <p className="reader-meta">
            <span className={`kind-badge kind-${document.kind}`}>{t(`kind.${document.kind}`)}</span>
            {document.date ? <span>{formatDate(lang, document.date)}</span> : null}
            {document.issuer ? <span>{document.issuer}</span> : null}
            <span>{t('reader.statementCount', { count: formatNumber(lang, document.statements) })}</span>
            {document.pages ? <span>{t('reader.pageCount', { count: formatNumber(lang, document.pages) })}</span> : null}
            {document.pages ? <GoToPage pages={document.pages} statements={statements} onGo={jumpTo} /> : null}
            {document.origin === 'imported' ? <span className="kind-badge">{t('reader.imported')}</span> : null}
            <EditDocumentMeta document={document} />
            <RemoveDocument document={document} />
          </p>
        </header>
      ) : null}
      <div
        className="reader-body"
        ref={bodyRef}
        tabIndex={0}
        aria-label={t('reader.keys')}
        onMouseUp={onMouseUp}
        onKeyUp={(e) => e.shiftKey && onMouseUp()}
        onKeyDown={onKeyDown}
        onScroll={onScroll}
      >
        {loading ? <p className="empty-note">{t('app.loading')}</p> : null}
        <article className="reader-article" lang={document?.language ?? 'ja'}>
          {blocks.map((b, i) => [boundary(b, i), b.kind === 'table' ? renderTable(b) : renderStatement(b.statement)])}
          {footnotes.length > 0 ? (
            <section className="footnotes" aria-label={t('reader.footnotes')}>
              <h2 className="footnotes-title">{t('reader.footnotes')}</h2>
              {footnotes.map((f) => (
                <div key={f.id} className="footnote-row">
                  {renderStatement(f)}
                  {(places.citedBy.get(f.id) ?? []).map((by) => (
                    <button type="button" key={by.id} className="btn btn-link small" aria-label={t('reader.footnote.backTo', { n: by.ordinal + 1 })} onClick={() => jumpTo(by.id)}>
                      {t('reader.footnote.back')} {t('reader.locator', { n: by.ordinal + 1 })}
                    </button>
                  ))}
                </div>
              ))}
            </section>
          ) : null}
        </article>
        {overlay}
      </div>
    </section>
  );
}
