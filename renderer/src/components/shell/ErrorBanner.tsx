// Errors and notices in plain language, in the current UI language: the AppError message,
// what it concerns and what to do; never a stack trace.
import { useEffect } from 'react';
import { useLocalized, useT } from '../../i18n';
import { useUi } from '../../stores/ui';

const NOTICE_MS = 8_000;

export function ErrorBanner() {
  const t = useT();
  const loc = useLocalized();
  const errors = useUi((s) => s.errors);
  const dismiss = useUi((s) => s.dismissError);
  const notices = useUi((s) => s.notices);
  const dismissNotice = useUi((s) => s.dismissNotice);
  // Confirmations fade after a while; errors stay until dismissed.
  useEffect(() => {
    if (notices.length === 0) return;
    const oldest = notices[0].id;
    const timer = window.setTimeout(() => dismissNotice(oldest), NOTICE_MS);
    return () => window.clearTimeout(timer);
  }, [notices, dismissNotice]);
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
      {notices.length > 0 ? (
        <div className="toasts">
          {notices.map((n) => (
            <div key={n.id} className="toast" role="status">
              <span className="toast-text">{loc(n.text)}</span>
              {n.action ? (
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => {
                    dismissNotice(n.id);
                    n.action!.run();
                  }}
                >
                  {loc(n.action.label)}
                </button>
              ) : null}
              <button type="button" className="icon-btn" aria-label={t('common.close')} onClick={() => dismissNotice(n.id)}>
                ×
              </button>
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}
