// The inspector (right pane): the current statement and, below it, whatever the annotation
// domain contributes for it (annotations, pillar links, suggestions, history).
import type { ReactNode } from 'react';
import { useT } from '../../i18n';
import { useReader } from '../../stores/reader';
import { StatementCard } from './StatementCard';

/** `documentPart`: what belongs to the open document rather than the statement (its memos). */
export function InspectorPane({ children, header, documentPart }: { children?: ReactNode; header?: ReactNode; documentPart?: ReactNode }) {
  const t = useT();
  const document = useReader((s) => s.document);
  const currentId = useReader((s) => s.currentStatementId);
  const statement = useReader((s) => s.statements.find((x) => x.id === currentId) ?? null);
  return (
    <aside className="pane pane-inspector" aria-label={t('pane.inspector')}>
      <header className="pane-header">
        <h2 className="pane-title">{t('pane.inspector')}</h2>
      </header>
      {header}
      <div className="pane-body">
        {statement && document ? (
          <>
            <StatementCard statement={statement} document={document} />
            {children}
          </>
        ) : (
          <p className="empty-note">{t('inspector.empty')}</p>
        )}
        {document ? documentPart : null}
      </div>
    </aside>
  );
}
