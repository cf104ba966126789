// The section picker behind every 「ブリーフィングへ」: which briefing, which section, proposed
// by the API (the section of the evidence's pillar, else the section chosen last time for that
// briefing, else the last one), with "new briefing…" and "new section…". The choice is
// remembered in the workspace through the API, so the desktop app and the browser host agree.
// Reusable: give it the annotations being placed and what to do with the chosen section.
import { useEffect, useMemo, useState } from 'react';
import type { BriefingPlacement } from '../../../../shared/briefing';
import { todayIso } from '../../../../shared/date';
import { api, errorData } from '../../api/client';
import { useLocalized, useT } from '../../i18n';
import { imeSafeKeys } from '../../lib/keys';
import { pillarName, useAnnotations } from '../../stores/annotations';
import { usePreferences } from '../../stores/preferences';
import { Dialog } from '../shell/Dialog';

/** Where the evidence goes: an existing or newly made briefing and section. */
export interface ChosenPlace {
  briefingId: string;
  sectionId: string;
}

export interface SectionPickerProps {
  /** The annotations being placed (their pillars choose the proposed section); may be empty. */
  annotationIds: string[];
  /** The briefing to propose first (the one open in the composer); else the most recently changed. */
  preferredBriefingId?: string | null;
  /** Adds the evidence; the picker then remembers the choice and closes. A throw keeps it open. */
  onChoose(place: ChosenPlace): Promise<void>;
  onClose(): void;
}

const NEW = '__new__';

export function SectionPicker({ annotationIds, preferredBriefingId, onChoose, onClose }: SectionPickerProps) {
  const t = useT();
  const loc = useLocalized();
  const lang = usePreferences((s) => s.language);
  const pillars = useAnnotations((s) => s.pillars);
  const [options, setOptions] = useState<BriefingPlacement[] | null>(null);
  const [briefingId, setBriefingId] = useState<string>(NEW);
  const [sectionId, setSectionId] = useState<string>(NEW);
  const [newTitle, setNewTitle] = useState(t('briefing.defaultTitle'));
  const [newHeading, setNewHeading] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const idsKey = annotationIds.join(',');

  useEffect(() => {
    let live = true;
    void api()
      .call('briefings.placement', { annotationIds })
      .then(({ briefings }) => {
        if (!live) return;
        setOptions(briefings);
        const first = briefings.find((b) => b.id === preferredBriefingId) ?? briefings[0];
        setBriefingId(first?.id ?? NEW);
        setSectionId(first?.suggested.sectionId ?? NEW);
      })
      .catch((e: unknown) => live && setError(loc(errorData(e).message)));
    return () => {
      live = false;
    };
    // The ids' contents, not the array's identity, decide when to ask again.
  }, [idsKey, preferredBriefingId]);

  const briefing = options?.find((b) => b.id === briefingId) ?? null;
  // The heading a new section starts with: the pillar of the evidence, else the default.
  const pillarHeading = useMemo(() => {
    const annotations = useAnnotations.getState().annotations;
    const first = annotationIds.map((id) => annotations.find((a) => a.id === id)).find((a) => a && a.pillarIds.length);
    const p = first ? pillars.find((x) => x.id === first.pillarIds[0]) : undefined;
    return p ? pillarName(p, lang) : t('briefing.defaultSection');
  }, [idsKey, pillars, lang]);
  useEffect(() => {
    if (sectionId === NEW && !newHeading) setNewHeading(pillarHeading);
  }, [sectionId, pillarHeading]);

  const chooseBriefing = (id: string) => {
    setBriefingId(id);
    setSectionId(options?.find((b) => b.id === id)?.suggested.sectionId ?? NEW);
  };

  const reason = briefing && sectionId === briefing.suggested.sectionId ? briefing.suggested.reason : null;
  const submit = async () => {
    if (busy || !options) return;
    setBusy(true);
    setError(null);
    try {
      let bId = briefingId;
      if (bId === NEW) {
        bId = (await api().call('briefings.create', { title: newTitle.trim() || t('briefing.defaultTitle'), date: todayIso(), template: { from: 'empty' } })).briefing.id;
      }
      let sId = bId === briefingId ? sectionId : NEW;
      if (sId === NEW) sId = (await api().call('briefings.sections.add', { briefingId: bId, heading: newHeading.trim() || pillarHeading })).sectionId;
      await onChoose({ briefingId: bId, sectionId: sId });
      await api().call('briefings.placement.remember', { briefingId: bId, sectionId: sId });
      onClose();
    } catch (e) {
      setError(loc(errorData(e).message));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog label={t('picker.title')} onClose={() => !busy && onClose()} className="section-picker">
      <form
        onKeyDown={imeSafeKeys((e) => {
          // A select does not submit its form on Enter by itself: here it does, so the whole
          // picker works from the keyboard (arrows to choose, Enter to add).
          if (e.key === 'Enter' && e.target instanceof HTMLSelectElement) {
            e.preventDefault();
            void submit();
          }
        })}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="dialog-header">
          <h2>{t('picker.title')}</h2>
        </div>
        <div className="dialog-body picker-body">
          {options === null && !error ? <p className="muted">{t('app.loading')}</p> : null}
          {options ? (
            <>
              <label className="field-label">
                {t('picker.briefing')}
                <select className="field" value={briefingId} disabled={busy} onChange={(e) => chooseBriefing(e.target.value)}>
                  {options.map((b) => (
                    <option key={b.id} value={b.id}>
                      {b.title}
                    </option>
                  ))}
                  <option value={NEW}>{t('picker.newBriefing')}</option>
                </select>
              </label>
              {briefingId === NEW ? (
                <label className="field-label">
                  {t('briefing.title')}
                  <input className="field" value={newTitle} maxLength={500} disabled={busy} onChange={(e) => setNewTitle(e.target.value)} />
                </label>
              ) : null}
              <label className="field-label">
                {t('picker.section')}
                <select className="field" value={briefingId === NEW ? NEW : sectionId} disabled={busy || briefingId === NEW} autoFocus onChange={(e) => setSectionId(e.target.value)}>
                  {(briefing?.sections ?? []).map((s, i) => {
                    const p = s.pillarId ? pillars.find((x) => x.id === s.pillarId) : undefined;
                    return (
                      <option key={s.id} value={s.id}>
                        {`${i + 1}. ${s.heading || t('picker.untitled')}${p && pillarName(p, lang) !== s.heading ? ` — ${pillarName(p, lang)}` : ''}`}
                      </option>
                    );
                  })}
                  <option value={NEW}>{t('picker.newSection')}</option>
                </select>
              </label>
              {sectionId === NEW || briefingId === NEW ? (
                <label className="field-label">
                  {t('briefing.section.heading')}
                  <input className="field" value={newHeading} maxLength={500} disabled={busy} onChange={(e) => setNewHeading(e.target.value)} />
                </label>
              ) : null}
              {reason && reason !== 'none' ? <p className="muted small picker-reason">{t(`picker.reason.${reason}`)}</p> : null}
            </>
          ) : null}
          {error ? (
            <p className="form-error" role="alert">
              {error}
            </p>
          ) : null}
        </div>
        <div className="dialog-footer">
          <button type="button" className="btn" disabled={busy} onClick={onClose}>
            {t('popover.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy || !options}>
            {t('picker.add')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
