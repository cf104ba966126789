// The analysis view: getting coded material back out. A row of tabs switches between the coded
// segments, the code matrix, co-occurrence, the timeline and the memos; a click on any chart
// lands in the segments tab, filtered to what was clicked.
import { useT, type MessageKey } from '../../i18n';
import { useRetrieval, type AnalysisView } from '../../stores/retrieval';
import { CooccurrenceView } from './CooccurrenceView';
import { MatrixView } from './MatrixView';
import { SegmentsView } from './SegmentsView';
import { TimelineView } from './TimelineView';
import { MemosView } from '../memos/MemosView';

const TAB_LABEL: Partial<Record<AnalysisView, MessageKey>> = {
  segments: 'analysis.segments',
  matrix: 'analysis.matrix',
  cooccurrence: 'analysis.cooccurrence',
  timeline: 'analysis.timeline',
  memos: 'analysis.memos',
};

export function AnalysisPane() {
  const t = useT();
  const view = useRetrieval((s) => s.view);
  const setView = useRetrieval((s) => s.setView);
  const tabs = Object.keys(TAB_LABEL) as AnalysisView[];
  const body = view === 'cooccurrence' ? <CooccurrenceView /> : view === 'segments' ? <SegmentsView /> : view === 'timeline' ? <TimelineView /> : view === 'memos' ? <MemosView /> : <MatrixView />;
  return (
    <section className="pane pane-analysis" aria-label={t('view.analysis')}>
      <nav className="analysis-tabs" role="tablist" aria-label={t('analysis.tabs')}>
        {tabs.map((v) => (
          <button key={v} type="button" role="tab" aria-selected={view === v} className={`view-tab ${view === v ? 'is-active' : ''}`} onClick={() => setView(v)}>
            {t(TAB_LABEL[v]!)}
          </button>
        ))}
      </nav>
      <div className="analysis-body">{body}</div>
    </section>
  );
}
