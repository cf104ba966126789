// The timeline: coded statements over document dates, one lane per pillar in its own colour, so
// the analyst sees when supply chains or patents entered the discourse. A point's area grows with
// its statements; a point (click, or Tab then Enter) opens its segments. Undated documents are
// listed apart, never placed at a made-up date. A table gives the same figures as text.
import { scaleSqrt, scaleUtc } from 'd3-scale';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ResponseOf } from '../../../../shared/api/contract';
import type { TimelineBucket } from '../../../../shared/retrieval';
import { api, errorData } from '../../api/client';
import { formatNumber, useT } from '../../i18n';
import { imeSafeKeys } from '../../lib/keys';
import { pillarName, useAnnotations } from '../../stores/annotations';
import { usePreferences } from '../../stores/preferences';
import { useRetrieval } from '../../stores/retrieval';
import { useUi } from '../../stores/ui';
import { PillarDot } from '../annotations/PillarChip';

type Timeline = ResponseOf<'retrieval.timeline'>;

const LANE = 44;
/** Room for a lane label of 14 Japanese characters at 13 px. */
const LEFT = 250;
const RIGHT = 24;
const AXIS = 28;
const BUCKETS: TimelineBucket[] = ['year', 'month', 'day'];

/** A bucket (YYYY, YYYY-MM or YYYY-MM-DD) as the first instant it covers. */
function bucketStart(date: string): Date {
  const [y, m = '01', d = '01'] = date.split('-');
  return new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
}

export function TimelineView() {
  const t = useT();
  const lang = usePreferences((s) => s.language);
  const pillars = useAnnotations((s) => s.pillars);
  const revision = useAnnotations((s) => s.revision);
  const openSegments = useRetrieval((s) => s.openSegments);
  const [bucket, setBucket] = useState<TimelineBucket>('month');
  const [data, setData] = useState<Timeline | null>(null);
  const [width, setWidth] = useState(900);
  const boxRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    api()
      .call('retrieval.timeline', { bucket })
      .then((r) => live && setData(r))
      .catch((e: unknown) => useUi.getState().reportError(errorData(e)));
    return () => {
      live = false;
    };
  }, [bucket, revision]);
  useEffect(() => {
    const el = boxRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(Math.max(480, el.clientWidth - 2)));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const byId = useMemo(() => new Map(pillars.map((p) => [p.id, p])), [pillars]);
  const laneName = (id: string, fallback: string) => pillarName(byId.get(id), lang) || fallback;
  const { x, r } = useMemo(() => {
    const from = data?.range ? bucketStart(data.range.from) : new Date(Date.UTC(2020, 0, 1));
    const to = data?.range ? bucketStart(data.range.to) : new Date(Date.UTC(2025, 0, 1));
    // A single bucket still needs a span to draw on: pad it by half a year either side.
    const pad = from.getTime() === to.getTime() ? 183 * 86_400_000 : 0;
    const most = Math.max(1, ...(data?.lanes.flatMap((l) => l.points.map((p) => p.statements)) ?? [1]));
    return {
      x: scaleUtc()
        .domain([new Date(from.getTime() - pad), new Date(to.getTime() + pad)])
        .range([LEFT, width - RIGHT])
        .nice(),
      r: scaleSqrt().domain([0, most]).range([0, 16]),
    };
  }, [data, width]);

  const openPoint = (pillarId: string, label: string, date: string, documentIds: string[]) =>
    openSegments({ selection: { pillars: [pillarId], includeChildPillars: false, documents: documentIds, from: date, to: date }, caption: { ja: `${label} · ${date}`, en: `${label} · ${date}` } });
  const keyOpen = (run: () => void) =>
    imeSafeKeys((e: KeyboardEvent) => {
      if (e.key !== 'Enter' && e.key !== ' ') return;
      e.preventDefault();
      run();
    });

  const lanes = data?.lanes ?? [];
  const height = AXIS + lanes.length * LANE + 8;
  // Ticks in the analyst's language (d3's own format is English month names).
  const tickFormat = (d: Date) =>
    new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', { year: 'numeric', ...(bucket === 'year' ? {} : { month: 'short' }), ...(bucket === 'day' ? { day: 'numeric' } : {}), timeZone: 'UTC' }).format(d);
  return (
    <section className="analysis-panel" aria-labelledby="timeline-title">
      <header className="analysis-toolbar">
        <h2 id="timeline-title" className="analysis-title">
          {t('analysis.timeline')}
        </h2>
        <label className="analysis-field">
          {t('timeline.bucket')}
          <select className="field field-compact" value={bucket} onChange={(e) => setBucket(e.target.value as TimelineBucket)}>
            {BUCKETS.map((b) => (
              <option key={b} value={b}>
                {t(`timeline.bucket.${b}`)}
              </option>
            ))}
          </select>
        </label>
      </header>
      <p id="timeline-desc" className="analysis-desc">
        {data?.range ? t('timeline.desc', { from: data.range.from, to: data.range.to }) : data ? t('timeline.none') : t('app.loading')}
      </p>
      <div ref={boxRef} className="timeline-box">
        {data ? (
          <svg className="timeline" width={width} height={height} role="group" aria-labelledby="timeline-title" aria-describedby="timeline-desc" data-testid="timeline">
            <g className="timeline-axis" aria-hidden="true">
              {x.ticks(Math.max(2, Math.floor((width - LEFT) / (bucket === 'day' ? 130 : 95)))).map((d) => (
                <g key={d.getTime()} transform={`translate(${x(d)},0)`}>
                  <line y1={AXIS - 6} y2={height} />
                  <text y={AXIS - 10} textAnchor="middle">
                    {tickFormat(d)}
                  </text>
                </g>
              ))}
            </g>
            {lanes.map((lane, i) => {
              const label = laneName(lane.pillarId, lane.label);
              const cy = AXIS + i * LANE + LANE / 2;
              return (
                <g key={lane.pillarId} className="timeline-lane">
                  <rect x={0} y={AXIS + i * LANE} width={width} height={LANE} className={i % 2 ? 'lane-even' : 'lane-odd'} />
                  <circle cx={12} cy={cy} r={5} fill={lane.color} aria-hidden="true" />
                  <text x={22} y={cy + 4} className="timeline-lane-label">
                    <title>{label}</title>
                    {label.length > 14 ? `${label.slice(0, 13)}…` : label}
                  </text>
                  {lane.points.map((p) => {
                    const name = t('timeline.point', { pillar: label, date: p.date, statements: formatNumber(lang, p.statements) });
                    return (
                      <g
                        key={p.date}
                        role="button"
                        tabIndex={0}
                        aria-label={name}
                        className="timeline-point"
                        data-testid="timeline-point"
                        data-pillar={lane.pillarId}
                        data-date={p.date}
                        onClick={() => openPoint(lane.pillarId, label, p.date, p.documentIds)}
                        onKeyDown={keyOpen(() => openPoint(lane.pillarId, label, p.date, p.documentIds))}
                      >
                        <title>{name}</title>
                        <circle cx={x(bucketStart(p.date))} cy={cy} r={Math.max(4, r(p.statements))} fill={lane.color} fillOpacity={0.75} stroke={lane.color} />
                      </g>
                    );
                  })}
                </g>
              );
            })}
          </svg>
        ) : null}
      </div>
      {data && data.undated.length ? (
        <section className="timeline-undated" aria-labelledby="undated-title">
          <h3 id="undated-title" className="section-title">
            {t('timeline.undated')}
          </h3>
          <ul>
            {data.undated.map((u) => {
              const p = byId.get(u.pillarId);
              const label = laneName(u.pillarId, u.pillarId);
              return (
                <li key={`${u.documentId}:${u.pillarId}`}>
                  <button
                    type="button"
                    className="btn-link"
                    onClick={() => openSegments({ selection: { pillars: [u.pillarId], includeChildPillars: false, documents: [u.documentId] }, caption: { ja: `${label} · ${u.title}`, en: `${label} · ${u.title}` } })}
                  >
                    {p ? <PillarDot color={p.color} /> : null}
                    {u.title} — {label}: {t('timeline.statements', { count: formatNumber(lang, u.statements) })}
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
      {data && lanes.some((l) => l.points.length) ? (
        <details className="timeline-table">
          <summary>{t('timeline.table')}</summary>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('analysis.axis.pillar')}</th>
                <th scope="col">{t('timeline.date')}</th>
                <th scope="col">{t('timeline.statementsCol')}</th>
                <th scope="col">{t('timeline.annotationsCol')}</th>
              </tr>
            </thead>
            <tbody>
              {lanes.flatMap((lane) =>
                lane.points.map((p) => (
                  <tr key={`${lane.pillarId}:${p.date}`}>
                    <th scope="row">{laneName(lane.pillarId, lane.label)}</th>
                    <td>{p.date}</td>
                    <td>{p.statements}</td>
                    <td>{p.annotations}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </details>
      ) : null}
    </section>
  );
}
