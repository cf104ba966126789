// Coded segments (QDA "retrieved segments"): every live annotation matching the filter bar
// (pillars with or without their sub-pillars, tags, document, speaker, dates, importance, text),
// each with its quote in context, comment, codes and citation. A row opens the reader at the
// statement with the span marked. Sortable; a virtualised list (10,000 rows open one page);
// export to CSV/XLSX through the API, and into a section of the current briefing: the segments
// picked with their checkboxes (Space on a row toggles it), or, with none picked, all of them.
// Tags, documents and speakers take several values each (chips): within a field any value
// matches (OR), fields combine with AND, as the API's SegmentFilter does.
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { CodedSegment, SegmentSort } from '../../../../shared/retrieval';
import { chooseExportTarget, saveDownload } from '../../api/files';
import { api, errorData } from '../../api/client';
import { formatNumber, useT } from '../../i18n';
import { imeSafeKeys } from '../../lib/keys';
import { activePillars, pillarName, useAnnotations } from '../../stores/annotations';
import { useBriefing } from '../../stores/briefing';
import { useLibrary } from '../../stores/library';
import { usePreferences } from '../../stores/preferences';
import { useReader } from '../../stores/reader';
import { useRetrieval, type SegmentSelection } from '../../stores/retrieval';
import { useUi } from '../../stores/ui';
import { PillarDot } from '../annotations/PillarChip';
import { ChipField } from './ChipField';
import { useSegments } from './useSegments';

/** Fixed row height (quote and comment clamped): no measuring, smooth at 10,000 rows. */
const ROW = 132;
const SORTS: SegmentSort[] = ['document', 'date', 'pillar', 'updated'];

function openInReader(s: CodedSegment) {
  void useReader.getState().open(s.documentId, s.statementId, [[s.offsets.start, s.offsets.end]]);
}

/** At most this many segments go into a briefing in one step (the API's limit for segments.toBriefing). */
const MAX_TO_BRIEFING = 500;

const SegmentRow = memo(function SegmentRow({ segment, index, picked, onPick }: { segment: CodedSegment | undefined; index: number; picked: boolean; onPick(id: string): void }) {
  const t = useT();
  const lang = usePreferences((s) => s.language);
  const pillars = useAnnotations((s) => s.pillars);
  if (!segment) {
    return (
      <div className="segment segment-loading" aria-hidden="true">
        <span className="skeleton" />
        <span className="skeleton short" />
      </div>
    );
  }
  const open = () => openInReader(segment);
  return (
    <article
      className={`segment ${picked ? 'is-picked' : ''}`}
      tabIndex={0}
      aria-posinset={index + 1}
      aria-label={`${segment.documentTitle}: ${segment.quote.slice(0, 60)}`}
      data-testid="segment"
      onClick={open}
      onKeyDown={imeSafeKeys((e: KeyboardEvent) => {
        if (e.target !== e.currentTarget) return;
        if (e.key === ' ') {
          e.preventDefault();
          onPick(segment.annotationId);
        } else if (e.key === 'Enter') {
          e.preventDefault();
          open();
        }
      })}
      title={t('segments.open')}
    >
      <label className="segment-pick" onClick={(e) => e.stopPropagation()}>
        <input type="checkbox" checked={picked} aria-label={t('segments.pick', { n: index + 1 })} data-testid="segment-pick" onChange={() => onPick(segment.annotationId)} />
      </label>
      <p className="segment-quote">
        <span className="segment-context">{segment.before}</span>
        <mark className="segment-mark">{segment.quote}</mark>
        <span className="segment-context">{segment.after}</span>
      </p>
      {segment.comment ? <p className="segment-comment">{segment.comment}</p> : null}
      <p className="segment-meta">
        {segment.pillars.map((id) => {
          const p = pillars.find((x) => x.id === id);
          return p ? (
            <span key={id} className="segment-code">
              <PillarDot color={p.color} />
              {pillarName(p, lang)}
            </span>
          ) : null;
        })}
        {segment.tags.map((tag) => (
          <span key={tag} className="segment-tag" title={tag}>
            #{tag}
          </span>
        ))}
        {segment.importance ? <span className="segment-importance">{'★'.repeat(segment.importance)}</span> : null}
        {segment.speaker ? <span className="speaker">{segment.speaker}</span> : null}
      </p>
      <p className="segment-citation">{segment.citationText[lang]}</p>
    </article>
  );
});

/** A text field applied on Enter (IME-safe) or when it loses focus. */
function FilterText({ label, value, onApply, placeholder, testId }: { label: string; value: string; onApply(v: string): void; placeholder?: string; testId?: string }) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  return (
    <label className="analysis-field">
      {label}
      <input
        className="field field-compact"
        value={draft}
        placeholder={placeholder}
        data-testid={testId}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => draft !== value && onApply(draft)}
        onKeyDown={imeSafeKeys((e) => {
          if (e.key !== 'Enter') return;
          e.preventDefault();
          onApply(draft);
        })}
      />
    </label>
  );
}

const DATE_BOUND = /^\d{4}(-\d{2}(-\d{2})?)?$/;

export function SegmentsView() {
  const t = useT();
  const lang = usePreferences((s) => s.language);
  const pillars = activePillars(useAnnotations((s) => s.pillars));
  const documents = useLibrary((s) => s.documents);
  const briefing = useBriefing((s) => s.briefing);
  const { origin, sort, setSort, setSelection } = useRetrieval();
  const selection: SegmentSelection = origin?.selection ?? {};
  const list = useSegments(selection, sort);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [tags, setTags] = useState<string[]>([]);
  const [sectionId, setSectionId] = useState('');
  const [busy, setBusy] = useState(false);
  // Picked segments by annotation id, in the order picked; kept across filter changes so a
  // selection can be gathered from several filters (the count and "clear" stay in view).
  const [picked, setPicked] = useState<string[]>([]);
  const pickedSet = new Set(picked);
  const togglePick = useCallback((id: string) => setPicked((cur) => (cur.includes(id) ? cur.filter((x) => x !== id) : [...cur, id])), []);

  useEffect(() => {
    api()
      .call('tags.list', {})
      .then((r) => setTags(r.tags.map((x) => x.tag)))
      .catch((e: unknown) => useUi.getState().reportError(errorData(e)));
  }, []);
  useEffect(() => {
    if (briefing && !briefing.sections.some((s) => s.id === sectionId)) setSectionId(briefing.sections[0]?.id ?? '');
  }, [briefing, sectionId]);

  const v = useVirtualizer({ count: list.total, getScrollElement: () => scrollRef.current, estimateSize: () => ROW, overscan: 6 });
  const items = v.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  const { ensure } = list;
  useEffect(() => {
    if (list.total) ensure(first, last + 1);
  }, [first, last, list.total, ensure]);

  /** Picks every loaded segment whose row is in view (the page the analyst is looking at). */
  const pickPage = () => {
    const top = v.scrollOffset ?? 0;
    const bottom = top + (scrollRef.current?.clientHeight ?? 0);
    const inView = items.filter((it) => it.end > top + ROW / 2 && it.start < bottom - ROW / 2).map((it) => list.rows[it.index]?.annotationId).filter((id): id is string => !!id);
    setPicked((cur) => [...cur, ...inView.filter((id) => !cur.includes(id))]);
  };

  const patch = (p: Partial<SegmentSelection>) => {
    const next: SegmentSelection = { ...selection, ...p };
    for (const k of Object.keys(next) as (keyof SegmentSelection)[]) {
      const val = next[k];
      if (val === undefined || val === '' || (Array.isArray(val) && val.length === 0)) delete next[k];
    }
    setSelection(next);
  };
  const togglePillar = (id: string) => {
    const cur = selection.pillars ?? [];
    patch({ pillars: cur.includes(id) ? cur.filter((x) => x !== id) : [...cur, id] });
  };
  const toggleImportance = (level: number | null) => {
    const cur = selection.importance ?? [];
    patch({ importance: cur.includes(level) ? cur.filter((x) => x !== level) : [...cur, level] });
  };
  const setDate = (field: 'from' | 'to', value: string) => {
    const v2 = value.trim();
    if (v2 && !DATE_BOUND.test(v2)) {
      useUi.getState().reportError({ code: 'bad-input', message: { ja: `${field === 'from' ? '開始日' : '終了日'}「${v2}」は YYYY、YYYY-MM、YYYY-MM-DD のいずれかで入力してください。`, en: `${field === 'from' ? 'From' : 'To'} date "${v2}": use YYYY, YYYY-MM or YYYY-MM-DD.` } });
      return;
    }
    patch({ [field]: v2 || undefined });
  };

  /** A typed document: its exact title (or id), else the one title containing it; never a guess among several. */
  const documentNamed = (typed: string): { value: string } | { error: string } => {
    const exact = documents.find((d) => d.title === typed || d.id === typed);
    if (exact) return { value: exact.id };
    const partial = documents.filter((d) => d.title.includes(typed));
    if (partial.length === 1) return { value: partial[0].id };
    return { error: partial.length ? t('chips.document.ambiguous', { typed, count: partial.length }) : t('chips.document.none', { typed }) };
  };
  const speakersSeen = [...new Set(list.rows.map((r) => r?.speaker).filter((x): x is string => !!x))];

  const filterForApi = () => {
    const { both: _pair, ...filter } = selection;
    return filter;
  };
  const exportAs = async (format: 'csv' | 'xlsx') => {
    const target = await chooseExportTarget(`segments.${format}`, [{ name: format.toUpperCase(), extensions: [format] }]);
    if (!target) return;
    setBusy(true);
    try {
      const r = await api().call('retrieval.segments.export', { filter: filterForApi(), sort, format, target });
      if (r.download) await saveDownload(r.download);
      useUi.getState().notify({ ja: `セグメント ${r.segments} 件を書き出しました: ${r.path ?? r.fileName}`, en: `Exported ${r.segments} segments to ${r.path ?? r.fileName}` });
    } catch (e) {
      useUi.getState().reportError(errorData(e));
    } finally {
      setBusy(false);
    }
  };
  const toBriefing = async () => {
    if (!sectionId) return;
    setBusy(true);
    try {
      const ids = picked.length ? picked : list.rows.filter((s): s is CodedSegment => !!s).map((s) => s.annotationId);
      if (ids.length > MAX_TO_BRIEFING || (!picked.length && ids.length < list.total)) {
        useUi.getState().notify({ ja: '一度に briefing へ入れられるのは、読み込み済みの 500 件までです。絞り込んでから追加してください。', en: 'At most 500 loaded segments can go into a briefing at once; narrow the filter first.' });
        return;
      }
      await api().call('retrieval.segments.toBriefing', { sectionId, annotationIds: ids });
      await useBriefing.getState().refresh();
      if (picked.length) setPicked([]);
      useUi.getState().notify({ ja: `セグメント ${ids.length} 件をブリーフィングに追加しました。`, en: `Added ${ids.length} segments to the briefing.` });
    } catch (e) {
      useUi.getState().reportError(errorData(e));
    } finally {
      setBusy(false);
    }
  };

  const pair = selection.both;
  return (
    <section className="analysis-panel" aria-labelledby="segments-title">
      <header className="analysis-toolbar">
        <h2 id="segments-title" className="analysis-title">
          {t('analysis.segments')}
        </h2>
        <span className="muted" data-testid="segments-total" aria-live="polite">
          {list.loading ? t('app.loading') : t('segments.total', { count: formatNumber(lang, list.total) })}
        </span>
        <label className="analysis-field">
          {t('segments.sort')}
          <select className="field field-compact" value={sort} onChange={(e) => setSort(e.target.value as SegmentSort)}>
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`segments.sort.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <div className="chart-export" role="group" aria-label={t('analysis.export')}>
          <button type="button" className="btn btn-small" disabled={busy || !!pair || !list.total} title={pair ? t('segments.export.pair') : undefined} onClick={() => void exportAs('csv')}>
            CSV
          </button>
          <button type="button" className="btn btn-small" disabled={busy || !!pair || !list.total} title={pair ? t('segments.export.pair') : undefined} onClick={() => void exportAs('xlsx')}>
            Excel (XLSX)
          </button>
          <select className="field field-compact" aria-label={t('segments.section')} value={sectionId} disabled={!briefing} onChange={(e) => setSectionId(e.target.value)}>
            {briefing ? null : <option value="">{t('segments.noBriefing')}</option>}
            {briefing?.sections.map((s) => (
              <option key={s.id} value={s.id}>
                {s.heading || t('briefing.defaultSection')}
              </option>
            ))}
          </select>
          <button type="button" className="btn btn-small" data-testid="segments-to-briefing" disabled={busy || !sectionId || (!picked.length && !list.total)} onClick={() => void toBriefing()}>
            {picked.length ? t('segments.toBriefing.picked', { count: picked.length }) : t('segments.toBriefing')}
          </button>
        </div>
      </header>
      <div className="segments-picking" role="group" aria-label={t('segments.picking')}>
        <button type="button" className="btn btn-small" disabled={!list.total} onClick={pickPage}>
          {t('segments.pickPage')}
        </button>
        <button type="button" className="btn btn-small" disabled={!picked.length} onClick={() => setPicked([])}>
          {t('segments.unpick')}
        </button>
        <span className="muted" data-testid="segments-picked" aria-live="polite">
          {t('segments.picked', { count: picked.length })}
        </span>
        <span className="muted small">{t('segments.pick.keys')}</span>
      </div>
      <div className="segments-filters" role="group" aria-label={t('segments.filters')}>
        <span className="segments-pillars">
          {pillars.map((p) => (
            <button key={p.id} type="button" className={`filter-chip ${selection.pillars?.includes(p.id) ? 'is-on' : ''}`} aria-pressed={!!selection.pillars?.includes(p.id)} onClick={() => togglePillar(p.id)}>
              <PillarDot color={p.color} />
              {pillarName(p, lang)}
            </button>
          ))}
          <label className="analysis-field">
            <input type="checkbox" checked={selection.includeChildPillars !== false} onChange={(e) => patch({ includeChildPillars: e.target.checked ? undefined : false })} />
            {t('segments.children')}
          </label>
        </span>
        <ChipField
          label={t('analysis.axis.tag')}
          testId="filter-tags"
          values={selection.tags ?? []}
          suggestions={tags}
          resolve={(typed) => (typed.length > 200 ? { error: t('chips.tooLong', { max: 200 }) } : { value: typed })}
          onChange={(tagsNow) => patch({ tags: tagsNow })}
        />
        <ChipField
          label={t('analysis.axis.document')}
          testId="filter-documents"
          values={selection.documents ?? []}
          labelOf={(id) => documents.find((d) => d.id === id)?.title ?? id}
          suggestions={documents.map((d) => d.id)}
          resolve={(typed) => documentNamed(typed)}
          onChange={(ids) => patch({ documents: ids })}
        />
        <ChipField
          label={t('analysis.axis.speaker')}
          testId="filter-speakers"
          values={selection.speakers ?? []}
          suggestions={speakersSeen}
          resolve={(typed) => ({ value: typed })}
          onChange={(speakers) => patch({ speakers })}
        />
        <FilterText label={t('segments.from')} value={selection.from ?? ''} placeholder="2022" onApply={(s) => setDate('from', s)} />
        <FilterText label={t('segments.to')} value={selection.to ?? ''} placeholder="2024-12" onApply={(s) => setDate('to', s)} />
        <span className="analysis-field">
          {t('segments.importance')}
          {[1, 2, 3, null].map((level) => (
            <button key={String(level)} type="button" className={`filter-chip ${selection.importance?.includes(level) ? 'is-on' : ''}`} aria-pressed={!!selection.importance?.includes(level)} onClick={() => toggleImportance(level)}>
              {level === null ? t('segments.importance.none') : '★'.repeat(level)}
            </button>
          ))}
        </span>
        <FilterText label={t('segments.text')} value={selection.text ?? ''} testId="segments-text" onApply={(s) => patch({ text: s.trim() || undefined })} />
        <button type="button" className="btn btn-small" onClick={() => setSelection({})}>
          {t('segments.clear')}
        </button>
      </div>
      {origin?.caption[lang] ? (
        <p className="analysis-caption" data-testid="segments-caption">
          <span>{t('segments.from.cell', { cell: origin.caption[lang] })}</span>
          {pair ? <span className="muted">{t(pair.on === 'statement' ? 'segments.pair.statement' : 'segments.pair.annotation')}</span> : null}
        </p>
      ) : null}
      <p className="analysis-caption muted small" data-testid="segments-logic">
        {t('segments.logic')}
      </p>
      <div ref={scrollRef} className="segments-scroll" role="feed" aria-busy={list.loading} aria-label={t('analysis.segments')}>
        {list.total === 0 && !list.loading ? <p className="analysis-empty">{t('segments.empty')}</p> : null}
        <div style={{ height: v.getTotalSize(), position: 'relative' }}>
          {items.map((it) => (
            <div key={it.key} style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW, transform: `translateY(${it.start}px)` }}>
              <SegmentRow segment={list.rows[it.index]} index={it.index} picked={!!list.rows[it.index] && pickedSet.has(list.rows[it.index]!.annotationId)} onPick={togglePick} />
            </div>
          ))}
        </div>
      </div>
    </section>
  );
}
