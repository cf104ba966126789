// A live section's "new since last edit" box: annotations filed under the section's pillar after
// it started following it, not in the briefing and not dismissed, each with accept (adds it as
// evidence) and dismiss; both are undoable. Also the section's "follows pillar" choice. Nothing
// shown here reaches an export until accepted.
import type { BriefingSection } from '../../../../shared/briefing';
import { useT } from '../../i18n';
import { activePillars, pillarName, useAnnotations } from '../../stores/annotations';
import { useBriefing } from '../../stores/briefing';
import { usePreferences } from '../../stores/preferences';
import { Revealed } from '../shell/Revealed';

export function FollowPillar({ section }: { section: BriefingSection }) {
  const t = useT();
  const lang = usePreferences((s) => s.language);
  const pillars = activePillars(useAnnotations((s) => s.pillars));
  const followPillar = useBriefing((s) => s.followPillar);
  const following = section.liveSince ? (section.pillarId ?? '') : '';
  return (
    <label className="live-follow">
      {t('live.follow')}
      <select className="field field-compact" value={following} onChange={(e) => void followPillar(section.id, e.target.value || null)}>
        <option value="">{t('live.follow.none')}</option>
        {pillars.map((p) => (
          <option key={p.id} value={p.id}>
            {pillarName(p, lang)}
          </option>
        ))}
      </select>
    </label>
  );
}

export function LiveCandidates({ sectionId }: { sectionId: string }) {
  const t = useT();
  const lang = usePreferences((s) => s.language);
  const pillars = useAnnotations((s) => s.pillars);
  const live = useBriefing((s) => s.live.find((l) => l.sectionId === sectionId));
  const acceptLive = useBriefing((s) => s.acceptLive);
  const dismissLive = useBriefing((s) => s.dismissLive);
  if (!live) return null;
  if (!live.live) {
    // Followed a pillar that is gone: say so once, rather than silently offering nothing.
    return live.since && live.pillarId && !pillars.some((p) => p.id === live.pillarId) ? <p className="muted small">{t('live.stopped')}</p> : null;
  }
  if (live.candidates.length === 0) return null;
  const pillar = pillars.find((p) => p.id === live.pillarId);
  const title = t('live.title', { n: live.candidates.length });
  return (
    <div className="live-box" role="region" aria-label={title}>
      <h4>
        <span>{title}</span>
        {live.candidates.length > 1 ? (
          <button type="button" className="btn btn-small" onClick={() => void acceptLive(sectionId, live.candidates.map((c) => c.annotationId))}>
            {t('live.acceptAll')}
          </button>
        ) : null}
      </h4>
      <p className="muted small">{t('live.about', { pillar: pillarName(pillar, lang) })}</p>
      <ul>
        {live.candidates.map((c) => (
          <li key={c.annotationId} className="live-item">
            <blockquote>
              「<Revealed text={c.quote} />」{c.comment ? <span className="muted small"> — {c.comment}</span> : null}
            </blockquote>
            <span className="live-item-actions">
              <button type="button" className="btn btn-small btn-primary" aria-label={`${t('live.accept')}: ${c.quote.slice(0, 40)}`} onClick={() => void acceptLive(sectionId, [c.annotationId])}>
                {t('live.accept')}
              </button>
              <button type="button" className="btn btn-small" aria-label={`${t('live.dismiss')}: ${c.quote.slice(0, 40)}`} onClick={() => void dismissLive(sectionId, [c.annotationId])}>
                {t('live.dismiss')}
              </button>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
