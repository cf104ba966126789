// The library's pillar filter: documents with at least one annotation filed under the pillar.
import { useEffect } from 'react';
import { api, errorData } from '../../api/client';
import { useT } from '../../i18n';
import { activePillars, pillarName, useAnnotations } from '../../stores/annotations';
import { useLibrary } from '../../stores/library';
import { usePreferences } from '../../stores/preferences';
import { useUi } from '../../stores/ui';

export function PillarFilter() {
  const t = useT();
  const lang = usePreferences((s) => s.language);
  const pillars = activePillars(useAnnotations((s) => s.pillars));
  const revision = useAnnotations((s) => s.revision);
  const value = useLibrary((s) => s.filters.pillar);
  const setFilters = useLibrary((s) => s.setFilters);
  const setPillarDocuments = useLibrary((s) => s.setPillarDocuments);

  useEffect(() => {
    if (!value) {
      setPillarDocuments(null);
      return;
    }
    let live = true;
    api()
      .call('annotations.list', { pillarId: value })
      .then(
        ({ annotations }) => live && setPillarDocuments(new Set(annotations.map((a) => a.documentId))),
        (e) => useUi.getState().reportError(errorData(e)),
      );
    return () => {
      live = false;
    };
  }, [value, revision, setPillarDocuments]);

  return (
    <select className="field" aria-label={t('library.filter.pillar')} value={value} onChange={(e) => setFilters({ pillar: e.target.value })}>
      <option value="">{t('library.filter.pillar.all')}</option>
      {pillars.map((p) => (
        <option key={p.id} value={p.id}>
          {pillarName(p, lang)}
        </option>
      ))}
    </select>
  );
}
