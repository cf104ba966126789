// The search scope switch (sources / my notes / everything) and the hits in the analyst's own
// writing: annotations open the reader at their statement, memos the memo page, briefing text its
// briefing. Matched words are marked in each snippet.
import type { NoteHit, SearchScope } from '../../../../shared/search';
import { formatNumber, useT, type MessageKey } from '../../i18n';
import { useBriefing } from '../../stores/briefing';
import { useMemos } from '../../stores/memos';
import { usePreferences } from '../../stores/preferences';
import { useReader } from '../../stores/reader';
import { useRetrieval } from '../../stores/retrieval';
import { useSearch } from '../../stores/search';
import { useUi } from '../../stores/ui';

const SCOPES: SearchScope[] = ['sources', 'notes', 'all'];

export function ScopeSwitch() {
  const t = useT();
  const scope = useSearch((s) => s.scope);
  const setScope = useSearch((s) => s.setScope);
  return (
    <div className="search-scope segmented" role="radiogroup" aria-label={t('search.scope')}>
      {SCOPES.map((s) => (
        <button key={s} type="button" role="radio" aria-checked={scope === s} className={`btn btn-small ${scope === s ? 'is-on' : ''}`} onClick={() => setScope(s)}>
          {t(`search.scope.${s}`)}
        </button>
      ))}
    </div>
  );
}

export function openNote(hit: NoteHit): void {
  if (hit.kind === 'annotation' && hit.documentId) {
    void useReader.getState().open(hit.documentId, hit.statementId ?? undefined);
  } else if (hit.kind === 'memo') {
    useMemos.getState().setOpen(hit.id);
    void useMemos.getState().load();
    useRetrieval.getState().setView('memos');
    useUi.getState().setView('analysis');
  } else if (hit.briefingId) {
    void useBriefing.getState().select(hit.briefingId);
    useUi.getState().setView('briefing');
  }
}

function Snippet({ hit }: { hit: NoteHit }) {
  const parts: { text: string; mark: boolean }[] = [];
  let at = 0;
  for (const m of [...hit.matches].sort((a, b) => a.start - b.start)) {
    if (m.start < at) continue;
    if (m.start > at) parts.push({ text: hit.snippet.slice(at, m.start), mark: false });
    parts.push({ text: hit.snippet.slice(m.start, m.end), mark: true });
    at = m.end;
  }
  parts.push({ text: hit.snippet.slice(at), mark: false });
  return <span className="note-snippet">{parts.map((p, i) => (p.mark ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}</span>;
}

export function NoteHits({ notes }: { notes: NoteHit[] }) {
  const t = useT();
  const lang = usePreferences((s) => s.language);
  return (
    <section aria-label={t('search.notes', { count: formatNumber(lang, notes.length) })}>
      <p className="muted small note-count">{t('search.notes', { count: formatNumber(lang, notes.length) })}</p>
      <ul className="note-hits" data-testid="note-hits">
        {notes.map((hit) => (
          <li key={`${hit.kind}:${hit.id}`}>
            <button type="button" className="note-hit" onClick={() => openNote(hit)}>
              <span className="note-kind">{t(`search.note.${hit.kind}` as MessageKey)}</span>
              <strong>{hit.title}</strong>
              <Snippet hit={hit} />
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
