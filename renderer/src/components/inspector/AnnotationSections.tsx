// The inspector's analyst layer for the current statement: its annotations (edit comment,
// pillars, delete), pillar suggestions with their evidence (accept / reject), undo/redo and
// the statement's history.
import { useState } from 'react';
import type { Annotation } from '../../../../shared/annotations';
import { useLocalized, useT } from '../../i18n';
import { activePillars, pillarName, useAnnotations } from '../../stores/annotations';
import { useBriefing } from '../../stores/briefing';
import { usePreferences } from '../../stores/preferences';
import { useReader } from '../../stores/reader';
import { PillarDot } from '../annotations/PillarChip';
import { InlineField } from '../briefing/InlineField';
import { Revealed } from '../shell/Revealed';

function formatTime(lang: 'ja' | 'en', iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB', { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** The tag a bundle merge puts on the incoming version it kept beside ours (electron/exchange/bundle.ts). */
const CONFLICT_TAG_PREFIX = 'conflict-of:';

/** The local annotation this one is the other workspace's version of, by its tag; null when it is none. */
export function conflictOf(a: Pick<Annotation, 'tags'>): string | null {
  const tag = a.tags.find((x) => x.startsWith(CONFLICT_TAG_PREFIX));
  return tag ? tag.slice(CONFLICT_TAG_PREFIX.length) : null;
}

export function annotationCardId(id: string): string {
  return `annotation-card-${id}`;
}

/** A conflicting version kept by a merge, marked as such, with the way to the annotation it conflicts with. */
function ConflictMarker({ otherId }: { otherId: string }) {
  const t = useT();
  const other = useAnnotations((s) => s.annotations.find((x) => x.id === otherId));
  const show = () => {
    if (!other) return;
    useReader.getState().jumpTo(other.statementId);
    // The card renders once the reader moved to its statement.
    requestAnimationFrame(() => document.getElementById(annotationCardId(other.id))?.focus());
  };
  return (
    <p className="annotation-conflict" role="note">
      <span className="annotation-conflict-badge" aria-hidden="true">
        ⚠
      </span>{' '}
      {t('inspector.conflict', { id: otherId })}{' '}
      {other ? (
        <button type="button" className="btn btn-link btn-small" onClick={show}>
          {t('inspector.conflict.show')}
        </button>
      ) : (
        <span className="muted small">{t('inspector.conflict.missing')}</span>
      )}
    </p>
  );
}

function AnnotationCard({ a }: { a: Annotation }) {
  const t = useT();
  const lang = usePreferences((s) => s.language);
  const pillars = activePillars(useAnnotations((s) => s.pillars));
  const update = useAnnotations((s) => s.update);
  const remove = useAnnotations((s) => s.remove);
  const placeEvidence = useBriefing((s) => s.placeEvidence);
  const [comment, setComment] = useState(a.comment);
  const togglePillar = (id: string) => void update(a.id, { pillarIds: a.pillarIds.includes(id) ? a.pillarIds.filter((x) => x !== id) : [...a.pillarIds, id] });
  const conflict = conflictOf(a);
  return (
    <li className={conflict ? 'annotation-card annotation-card-conflict' : 'annotation-card'} id={annotationCardId(a.id)} tabIndex={-1}>
      {conflict && <ConflictMarker otherId={conflict} />}
      {a.target.scope === 'span' ? <blockquote className="annotation-quote">「<Revealed text={a.target.quote.exact} />」</blockquote> : <p className="annotation-scope muted">{t('inspector.wholeStatement')}</p>}
      <div className="pillar-toggles" role="group" aria-label={t('popover.pillar')}>
        {pillars.map((p) => (
          <button key={p.id} type="button" className="pillar-toggle" aria-pressed={a.pillarIds.includes(p.id)} onClick={() => togglePillar(p.id)} style={a.pillarIds.includes(p.id) ? { borderColor: p.color, background: `color-mix(in srgb, ${p.color} 14%, transparent)` } : undefined}>
            <PillarDot color={p.color} />
            {pillarName(p, lang)}
          </button>
        ))}
      </div>
      <textarea
        className="field annotation-comment"
        rows={2}
        aria-label={t('popover.comment')}
        placeholder={t('popover.comment.placeholder')}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        onBlur={() => comment !== a.comment && void update(a.id, { comment })}
      />
      <InlineField
        label={t('popover.tag')}
        value={a.tags.join(', ')}
        placeholder={t('popover.tags.placeholder')}
        className="annotation-tags-field"
        onSave={(v) => void update(a.id, { tags: [...new Set(v.split(/[,、，\s]+/).map((x) => x.trim()).filter(Boolean))] })}
      />
      <div className="annotation-footer">
        <span className="muted small">
          {a.author} · {formatTime(lang, a.updatedAt)}
        </span>
        <span className="annotation-buttons">
          <button type="button" className="btn btn-small" onClick={() => placeEvidence({ annotationId: a.id })}>
            {t('inspector.addToBriefing')}
          </button>
          <button type="button" className="btn btn-small btn-danger" onClick={() => void remove(a.id)}>
            {t('inspector.delete')}
          </button>
        </span>
      </div>
    </li>
  );
}

export function AnnotationSections() {
  const t = useT();
  const lang = usePreferences((s) => s.language);
  const loc = useLocalized();
  const currentId = useReader((s) => s.currentStatementId);
  const all = useAnnotations((s) => s.annotations);
  const pillars = useAnnotations((s) => s.pillars);
  const suggestions = useAnnotations((s) => s.suggestions);
  const suggestionsFor = useAnnotations((s) => s.suggestionsFor);
  const history = useAnnotations((s) => s.history);
  const accept = useAnnotations((s) => s.accept);
  const reject = useAnnotations((s) => s.reject);
  const mine = all.filter((a) => a.statementId === currentId && !a.orphaned);
  const open = suggestionsFor === currentId ? suggestions.filter((s) => !s.rejected) : [];

  return (
    <>
      <section className="inspector-section" aria-labelledby="insp-annotations">
        <h3 id="insp-annotations" className="section-title">
          {t('inspector.annotations')} <span className="muted">{mine.length}</span>
        </h3>
        {mine.length === 0 ? (
          <p className="empty-note">{t('inspector.annotations.none')}</p>
        ) : (
          <ul className="annotation-list">
            {mine.map((a) => (
              <AnnotationCard key={`${a.id}:${a.updatedAt}`} a={a} />
            ))}
          </ul>
        )}
      </section>
      <section className="inspector-section" aria-labelledby="insp-suggestions">
        <h3 id="insp-suggestions" className="section-title">
          {t('inspector.suggestions')}
        </h3>
        {open.length === 0 ? (
          <p className="empty-note">{t('inspector.suggestions.none')}</p>
        ) : (
          <ul className="suggestion-list">
            {open.map((s) => {
              const p = pillars.find((x) => x.id === s.pillar);
              return (
                <li key={s.pillar} className="suggestion">
                  <div className="suggestion-head">
                    <PillarDot color={p?.color ?? '#888'} />
                    <strong>{pillarName(p, lang) || s.pillar}</strong>
                    <span className="score" aria-label={t('inspector.score', { score: Math.round(s.score * 100) })}>
                      <span className="score-bar" style={{ width: `${Math.round(s.score * 100)}%`, background: p?.color }} />
                    </span>
                  </div>
                  <p className="suggestion-evidence small">{t('popover.evidence', { terms: [...new Set(s.evidence.map((e) => e.term))].join('、') })}</p>
                  {s.linked ? (
                    <p className="small muted">{t('inspector.linked')}</p>
                  ) : (
                    <div className="suggestion-actions">
                      <button type="button" className="btn btn-small btn-primary" onClick={() => void accept(currentId!, s.pillar)}>
                        {t('inspector.accept')}
                      </button>
                      <button type="button" className="btn btn-small" onClick={() => void reject(currentId!, s.pillar)}>
                        {t('inspector.reject')}
                      </button>
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>
      {history.length > 0 ? (
        <section className="inspector-section" aria-labelledby="insp-history">
          <h3 id="insp-history" className="section-title">
            {t('inspector.history')}
          </h3>
          <ol className="history-list">
            {history.map((h) => (
              <li key={`${h.seq}-${h.action}`}>
                <span>{loc(h.label)}</span>
                <span className="muted small">{formatTime(lang, h.at)}</span>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </>
  );
}

export function OrphanedSection() {
  const t = useT();
  const all = useAnnotations((s) => s.annotations);
  const orphans = all.filter((a) => a.orphaned);
  if (orphans.length === 0) return null;
  return (
    <section className="inspector-section orphaned" aria-labelledby="insp-orphans">
      <h3 id="insp-orphans" className="section-title">
        {t('reader.orphaned')} <span className="muted">{orphans.length}</span>
      </h3>
      <ul className="annotation-list">
        {orphans.map((a) => (
          <li key={a.id} className="annotation-card">
            <blockquote className="annotation-quote">「{a.target.quote.exact}」</blockquote>
            {a.comment ? <p className="small">{a.comment}</p> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
