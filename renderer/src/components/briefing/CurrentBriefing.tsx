// The top bar's current briefing: where "add to briefing" sends evidence, switchable here.
import { useT } from '../../i18n';
import { useBriefing } from '../../stores/briefing';
import { useUi } from '../../stores/ui';

export function CurrentBriefing() {
  const t = useT();
  const list = useBriefing((s) => s.list);
  const currentId = useBriefing((s) => s.currentId);
  const select = useBriefing((s) => s.select);
  return (
    <label className="current-briefing">
      <span className="current-briefing-icon" aria-hidden="true" title={t('topbar.briefing.label')}>
        ▤
      </span>
      <select
        className="field field-compact"
        aria-label={t('topbar.briefing.label')}
        value={currentId ?? ''}
        onChange={(e) => {
          void select(e.target.value || null);
          if (e.target.value) useUi.getState().setView('briefing');
        }}
      >
        <option value="">{t('topbar.briefing.none')}</option>
        {list.map((b) => (
          <option key={b.id} value={b.id}>
            {b.title}
          </option>
        ))}
      </select>
    </label>
  );
}
