// Code co-occurrence: pillars and tags coding the same statement, as a symmetric heat-map of
// statement counts or Jaccard similarity (a toggle). The diagonal is the statements a code is on.
// A cell opens the segments on the statements both codes share; a diagonal cell, the code's own.
import { useEffect, useMemo } from 'react';
import { formatNumber, useT } from '../../i18n';
import type { HeatGridModel } from '../../lib/heatmap';
import { pillarName, useAnnotations } from '../../stores/annotations';
import { usePreferences } from '../../stores/preferences';
import { parseCode, useRetrieval, type CooccurrenceMeasure, type SegmentSelection } from '../../stores/retrieval';
import { ChartExport } from './ChartExport';
import { HeatGrid } from './HeatGrid';

export function CooccurrenceView() {
  const t = useT();
  const lang = usePreferences((s) => s.language);
  const pillars = useAnnotations((s) => s.pillars);
  const revision = useAnnotations((s) => s.revision);
  const { cooccurrence: data, measure, loading, setMeasure, loadCooccurrence, openSegments } = useRetrieval();

  useEffect(() => {
    void loadCooccurrence();
  }, [loadCooccurrence, revision]);

  const model = useMemo<HeatGridModel | null>(() => {
    if (!data) return null;
    const byId = new Map(pillars.map((p) => [p.id, p]));
    const entries = data.codes.map((code) => {
      const ref = parseCode(code.id);
      const pillar = ref.kind === 'pillar' ? byId.get(ref.value) : undefined;
      return { id: code.id, label: ref.kind === 'pillar' ? pillarName(pillar, lang) || code.label : `#${ref.value}`, color: pillar?.color ?? null };
    });
    return {
      title: measure === 'count' ? t('analysis.cooc.title.count') : t('analysis.cooc.title.jaccard'),
      rows: entries,
      cols: entries.map(({ id, label }) => ({ id, label })),
      values: measure === 'count' ? data.counts : data.jaccard,
      totalLabel: t('analysis.total'),
      format: measure === 'count' ? (v) => String(v) : (v) => v.toFixed(2),
    };
  }, [data, measure, pillars, lang, t]);

  const open = (r: number, c: number) => {
    if (!data || !model) return;
    const a = parseCode(data.codes[r].id);
    const b = parseCode(data.codes[c].id);
    const single = (ref: typeof a): SegmentSelection => (ref.kind === 'pillar' ? { pillars: [ref.value], includeChildPillars: false } : { tags: [ref.value] });
    const selection: SegmentSelection = r === c ? single(a) : { both: { codes: [a, b], on: 'statement' } };
    const caption = r === c ? model.rows[r].label : `${model.rows[r].label} ＋ ${model.rows[c].label}`;
    openSegments({ selection, caption: { ja: caption, en: caption } });
  };

  return (
    <section className="analysis-panel" aria-labelledby="cooc-title">
      <header className="analysis-toolbar">
        <h2 id="cooc-title" className="analysis-title">
          {t('analysis.cooccurrence')}
        </h2>
        <div className="segmented" role="radiogroup" aria-label={t('analysis.cooc.measure')}>
          {(['count', 'jaccard'] as CooccurrenceMeasure[]).map((m) => (
            <button key={m} type="button" role="radio" aria-checked={measure === m} className={`btn btn-small ${measure === m ? 'is-on' : ''}`} onClick={() => setMeasure(m)}>
              {t(m === 'count' ? 'analysis.cooc.count' : 'analysis.cooc.jaccard')}
            </button>
          ))}
        </div>
        {model ? <ChartExport model={model} baseName={`cooccurrence-${measure}`} /> : null}
      </header>
      <p id="cooc-desc" className="analysis-desc">
        {data ? t('analysis.cooc.desc', { codes: formatNumber(lang, data.codes.length) }) : t('app.loading')}
      </p>
      {model && model.rows.length ? (
        <HeatGrid model={model} idPrefix="cooc" label={model.title} describedBy="cooc-desc" onOpen={open} cellLabel={(r, c, value) => `${model.rows[r].label} ＋ ${model.cols[c].label}: ${value}`} />
      ) : data && !loading ? (
        <p className="analysis-empty">{t('analysis.matrix.empty')}</p>
      ) : null}
    </section>
  );
}
