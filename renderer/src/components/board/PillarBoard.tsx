// The pillar board: a column per pillar with its linked statements and annotations, and an
// unfiled column with annotations not yet filed and statements the suggester proposes. Cards
// move by drag and drop, or from the keyboard (1–4 re-file, B to the briefing, Enter to read).
import { useState, type DragEvent, type KeyboardEvent } from 'react';
import type { Annotation } from '../../../../shared/annotations';
import { useT } from '../../i18n';
import { imeSafeKeys } from '../../lib/keys';
import { activePillars, pillarName, useAnnotations } from '../../stores/annotations';
import { useBriefing } from '../../stores/briefing';
import { useLibrary } from '../../stores/library';
import { usePreferences } from '../../stores/preferences';
import { useReader } from '../../stores/reader';
import { useUi } from '../../stores/ui';
import { PillarDot } from '../annotations/PillarChip';
import { useBoardData, type SuggestedStatement } from './useBoardData';
import { Revealed } from '../shell/Revealed';

const MIME = 'application/x-workbench-card';

type Card = { kind: 'annotation'; id: string; statementId: string; from: string | null } | { kind: 'statement'; statementId: string; from: null };

export function PillarBoard() {
  const t = useT();
  const lang = usePreferences((s) => s.language);
  const pillars = activePillars(useAnnotations((s) => s.pillars));
  const update = useAnnotations((s) => s.update);
  const accept = useAnnotations((s) => s.accept);
  const annotationsById = useBoardData();
  const { columns, unfiled, suggested, loading } = annotationsById;
  const documents = useLibrary((s) => s.documents);
  const placeEvidence = useBriefing((s) => s.placeEvidence);
  const currentBriefing = useBriefing((s) => s.briefing);
  const openStatement = useReader((s) => s.openStatement);
  const [over, setOver] = useState<string | null>(null);
  const all = [...Object.values(columns).flat(), ...unfiled];

  const titleOf = (id: string) => documents.find((d) => d.id === id)?.title ?? '';

  const refile = async (card: Card, to: string) => {
    if (card.from === to) return;
    if (card.kind === 'statement') return accept(card.statementId, to);
    const a = all.find((x) => x.id === card.id);
    if (!a) return;
    const next = [...a.pillarIds.filter((p) => p !== card.from), to];
    await update(a.id, { pillarIds: [...new Set(next)] });
  };
  const toBriefing = (card: Card) => placeEvidence(card.kind === 'annotation' ? { annotationId: card.id } : { statementId: card.statementId });

  const dropProps = (target: string) => ({
    onDragOver: (e: DragEvent) => {
      if (!e.dataTransfer.types.includes(MIME)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'move';
      setOver(target);
    },
    onDragLeave: () => setOver((o) => (o === target ? null : o)),
    onDrop: (e: DragEvent) => {
      e.preventDefault();
      setOver(null);
      const raw = e.dataTransfer.getData(MIME);
      if (!raw) return;
      const card = JSON.parse(raw) as Card;
      void (target === 'briefing' ? toBriefing(card) : refile(card, target));
    },
  });

  const cardProps = (card: Card) => ({
    draggable: true,
    tabIndex: 0,
    onDragStart: (e: DragEvent) => {
      e.dataTransfer.setData(MIME, JSON.stringify(card));
      e.dataTransfer.effectAllowed = 'move';
    },
    onKeyDown: imeSafeKeys((e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (/^[1-4]$/.test(e.key) && pillars[Number(e.key) - 1]) void refile(card, pillars[Number(e.key) - 1].id);
      else if (e.key.toLowerCase() === 'b') void toBriefing(card);
      else if (e.key === 'Enter') void openStatement(card.statementId);
      else return;
      e.preventDefault();
    }),
    onDoubleClick: () => void openStatement(card.statementId),
  });

  const annotationCard = (a: Annotation, from: string | null) => (
    <li key={`${from}:${a.id}`} className="board-card" {...cardProps({ kind: 'annotation', id: a.id, statementId: a.statementId, from })} aria-label={a.target.quote.exact.slice(0, 80)}>
      <p className="board-quote">「<Revealed text={a.target.quote.exact} />」</p>
      {a.comment ? <p className="board-comment">{a.comment}</p> : null}
      <p className="board-source">{titleOf(a.documentId)}</p>
      {a.pillarIds.length > 1 ? (
        <p className="board-pillars">
          {a.pillarIds.map((id) => {
            const p = pillars.find((x) => x.id === id);
            return p ? <PillarDot key={id} color={p.color} /> : null;
          })}
        </p>
      ) : null}
    </li>
  );
  const suggestedCard = ({ statement, suggestion }: SuggestedStatement) => {
    const p = pillars.find((x) => x.id === suggestion.pillar);
    return (
      <li key={`s:${statement.id}`} className="board-card is-suggested" {...cardProps({ kind: 'statement', statementId: statement.id, from: null })} aria-label={statement.text.slice(0, 80)}>
        <p className="board-quote">{statement.text.length > 140 ? `${statement.text.slice(0, 140)}…` : statement.text}</p>
        <p className="board-suggestion">
          {p ? <PillarDot color={p.color} /> : null}
          {t('board.suggests', { pillar: pillarName(p, lang) || suggestion.pillar })}
          <span className="muted"> · {[...new Set(suggestion.evidence.map((e) => e.term))].slice(0, 3).join('、')}</span>
        </p>
        <p className="board-source">
          {titleOf(statement.documentId)} · {t('reader.locator', { n: statement.ordinal + 1 })}
        </p>
      </li>
    );
  };

  return (
    <section className="pane pane-board" aria-label={t('view.board')}>
      <header className="board-header">
        <p className="board-hint">{t('board.hint')}</p>
        <button type="button" className="btn btn-small" onClick={() => useUi.getState().setDialog('pillars')}>
          {t('board.manage')}
        </button>
        <div className={`briefing-tray ${over === 'briefing' ? 'is-over' : ''}`} {...dropProps('briefing')} aria-label={t('board.toBriefing')}>
          <span className="tray-icon" aria-hidden="true">⤓</span>
          {currentBriefing ? t('board.tray', { title: currentBriefing.title }) : t('board.tray.new')}
        </div>
      </header>
      <div className="board-columns" aria-busy={loading}>
        {pillars.map((p, i) => (
          <section key={p.id} className={`board-column ${over === p.id ? 'is-over' : ''}`} aria-label={pillarName(p, lang)} {...dropProps(p.id)}>
            <h3 className="board-column-title" style={{ borderTopColor: p.color }}>
              <PillarDot color={p.color} />
              <span className="board-column-name">
                {i + 1}. {pillarName(p, lang)}
              </span>
              <span className="board-count">{columns[p.id]?.length ?? 0}</span>
            </h3>
            <ul className="board-cards">
              {(columns[p.id] ?? []).map((a) => annotationCard(a, p.id))}
              {(columns[p.id] ?? []).length === 0 ? <li className="board-empty">{t('board.drop')}</li> : null}
            </ul>
          </section>
        ))}
        <section className="board-column is-unfiled" aria-label={t('board.unfiled')}>
          <h3 className="board-column-title">
            <span className="board-column-name">{t('board.unfiled')}</span>
            <span className="board-count">{unfiled.length + suggested.length}</span>
          </h3>
          <ul className="board-cards">
            {unfiled.map((a) => annotationCard(a, null))}
            {suggested.map(suggestedCard)}
            {unfiled.length + suggested.length === 0 ? <li className="board-empty">{loading ? t('app.loading') : t('board.unfiled.empty')}</li> : null}
          </ul>
        </section>
      </div>
    </section>
  );
}
