// The popover over a selection in the reader: link a pillar (suggested ones flagged, with the
// words that triggered them), annotate with comment and tags, or send to the briefing.
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { PillarSuggestion } from '../../../../shared/pillars';
import { useT } from '../../i18n';
import { imeSafeKeys, isCommand } from '../../lib/keys';
import { activePillars, pillarName, useAnnotations } from '../../stores/annotations';
import { useBriefing } from '../../stores/briefing';
import { usePreferences } from '../../stores/preferences';
import { useReader } from '../../stores/reader';
import { annotationFor, linkPillar, targetOf } from './annotate';
import { PillarDot } from './PillarChip';

const WIDTH = 360;

function parseTags(text: string): string[] {
  return [...new Set(text.split(/[,、，\s]+/).map((t) => t.trim()).filter(Boolean))].slice(0, 50);
}

export function SelectionPopover() {
  const t = useT();
  const lang = usePreferences((s) => s.language);
  const selection = useReader((s) => s.selection);
  const mode = useReader((s) => s.selectionMode);
  const setSelection = useReader((s) => s.setSelection);
  const setMode = useReader((s) => s.setSelectionMode);
  const pillars = activePillars(useAnnotations((s) => s.pillars));
  const suggestText = useAnnotations((s) => s.suggestText);
  const create = useAnnotations((s) => s.create);
  const placeEvidence = useBriefing((s) => s.placeEvidence);
  const [suggestions, setSuggestions] = useState<PillarSuggestion[]>([]);
  const [comment, setComment] = useState('');
  const [tags, setTags] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  // Once the analyst has picked or unpicked a pillar, suggestions arriving later change nothing.
  const picked = useRef(false);
  const [busy, setBusy] = useState(false);
  const commentRef = useRef<HTMLTextAreaElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const [height, setHeight] = useState(200);

  const quote = selection?.quote ?? '';
  useEffect(() => {
    setComment('');
    setTags('');
    setChosen([]);
    setSuggestions([]);
    picked.current = false;
    if (!quote) return;
    let live = true;
    void suggestText(quote).then((s) => live && setSuggestions(s));
    return () => {
      live = false;
    };
  }, [quote, suggestText]);

  useEffect(() => {
    if (mode === 'form') commentRef.current?.focus();
  }, [mode, selection]);

  // Suggested pillars start ticked in the form: accepting a good suggestion is one keystroke.
  useEffect(() => {
    if (mode === 'form' && !picked.current) setChosen((c) => (c.length ? c : suggestions.map((s) => s.pillar).filter((id) => pillars.some((p) => p.id === id))));
  }, [mode, suggestions]);

  // Measured after each render so the popover can flip above a selection near the bottom.
  useLayoutEffect(() => {
    const h = boxRef.current?.offsetHeight;
    if (h && h !== height) setHeight(h);
  });

  if (!selection) return null;
  const close = () => {
    setSelection(null);
    window.getSelection()?.removeAllRanges();
  };
  const act = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await fn();
      close();
    } finally {
      setBusy(false);
    }
  };
  const save = () => act(() => create({ ...targetOf(selection), comment: comment.trim() || undefined, tags: parseTags(tags), pillarIds: chosen }));
  const toBriefing = () =>
    act(async () => {
      const a = await annotationFor(selection);
      if (a) placeEvidence({ annotationId: a.id });
    });

  const onKeyDown = imeSafeKeys((e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      close();
    } else if (e.key === 'Enter' && isCommand(e) && mode === 'form') {
      e.preventDefault();
      void save();
    }
  });

  const suggestionOf = (id: string) => suggestions.find((s) => s.pillar === id);
  const below = selection.rect.bottom + 8;
  const above = selection.rect.top - height - 8;
  const top = below + height <= window.innerHeight - 8 || above < 8 ? Math.max(8, Math.min(below, window.innerHeight - height - 8)) : above;
  const left = Math.max(8, Math.min(window.innerWidth - WIDTH - 8, selection.rect.left));

  return (
    <div ref={boxRef} className="popover" role="dialog" aria-label={t('popover.label')} style={{ top, left, width: WIDTH }} onKeyDown={onKeyDown} onMouseUp={(e) => e.stopPropagation()}>
      <p className="popover-quote" title={quote}>
        <span className="muted">{t('popover.quote')}: </span>「{quote.length > 60 ? `${quote.slice(0, 60)}…` : quote}」
      </p>
      <div className="popover-pillars" role="group" aria-label={t('popover.pillar')}>
        {pillars.slice(0, 9).map((p, i) => {
          const s = suggestionOf(p.id);
          const pressed = mode === 'form' ? chosen.includes(p.id) : undefined;
          return (
            <button
              key={p.id}
              type="button"
              className={`pillar-btn ${s ? 'is-suggested' : ''}`}
              aria-pressed={pressed}
              disabled={busy}
              title={s ? t('popover.evidence', { terms: s.evidence.map((e) => e.term).join('、') }) : undefined}
              onClick={() => {
                if (mode !== 'form') return void act(() => linkPillar(selection, p.id));
                picked.current = true;
                setChosen((c) => (c.includes(p.id) ? c.filter((x) => x !== p.id) : [...c, p.id]));
              }}
            >
              <PillarDot color={p.color} />
              <span className="pillar-btn-name">{pillarName(p, lang)}</span>
              {i < 4 ? <kbd>{i + 1}</kbd> : null}
              {s ? <span className="suggested-badge">{t('popover.suggested')}</span> : null}
            </button>
          );
        })}
      </div>
      {suggestions.length > 0 ? (
        <p className="popover-evidence">
          {t('popover.evidence', {
            terms: [...new Set(suggestions.flatMap((s) => s.evidence.map((e) => e.term)))].slice(0, 8).join('、'),
          })}
        </p>
      ) : null}
      {mode === 'form' ? (
        <div className="popover-form">
          <label className="field-label">
            {t('popover.comment')}
            <textarea ref={commentRef} className="field" rows={3} placeholder={t('popover.comment.placeholder')} value={comment} onChange={(e) => setComment(e.target.value)} />
          </label>
          <label className="field-label">
            {t('popover.tag')}
            <input className="field" placeholder={t('popover.tags.placeholder')} value={tags} onChange={(e) => setTags(e.target.value)} />
          </label>
          <div className="popover-actions">
            <button type="button" className="btn" onClick={close}>
              {t('popover.cancel')}
            </button>
            <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void save()}>
              {t('popover.save')}
            </button>
          </div>
        </div>
      ) : (
        <div className="popover-actions">
          <button type="button" className="btn btn-primary" onClick={() => setMode('form')}>
            {t('popover.annotate')} <kbd>A</kbd>
          </button>
          <button type="button" className="btn" onClick={() => setMode('form')}>
            {t('popover.tag')}
          </button>
          <button type="button" className="btn" disabled={busy} onClick={() => void toBriefing()}>
            {t('popover.briefing')}
          </button>
        </div>
      )}
    </div>
  );
}
