// Errors and notices in plain language, in the current UI language: the AppError message,
// what it concerns and what to do; never a stack trace.
import { useLocalized, useT } from '../../i18n';
import { useUi } from '../../stores/ui';

export function ErrorBanner() {
  const t = useT();
  const loc = useLocalized();
  const errors = useUi((s) => s.errors);
  const dismiss = useUi((s) => s.dismissError);
  const notices = useUi((s) => s.notices);
  const dismissNotice = useUi((s) => s.dismissNotice);
  if (errors.length === 0 && notices.length === 0) return null;
  return (
    <div className="banners">
      {errors.map((e) => (
        <div key={e.id} className="banner banner-error" role="alert">
          <strong className="banner-title">{t('error.title')}</strong>
          <span className="banner-text">
            {loc(e.message)}
            {e.hint ? <span className="banner-hint"> {t('error.hint', { hint: loc(e.hint) })}</span> : null}
          </span>
          <button type="button" className="btn btn-quiet" onClick={() => dismiss(e.id)}>
            {t('error.dismiss')}
          </button>
        </div>
      ))}
      {notices.map((n) => (
        <div key={n.id} className="banner banner-notice" role="status">
          <span className="banner-text">{loc(n.text)}</span>
          <button type="button" className="btn btn-quiet" onClick={() => dismissNotice(n.id)}>
            {t('common.close')}
          </button>
        </div>
      ))}
    </div>
  );
}
