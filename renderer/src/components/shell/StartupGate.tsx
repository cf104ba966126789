// The window's first screen in the desktop app: what the database worker is doing (opening and
// checking the database, ingesting the bundled corpus) until it is ready; then the workbench.
import { useEffect, useState, type ReactNode } from 'react';
import { isStartupProgress, laterProgress, type StartupProgress } from '../../../../shared/startup';
import { bridgeOf } from '../../api/transport';
import { formatNumber, useT } from '../../i18n';
import { useTheme } from './useTheme';
import { usePreferences } from '../../stores/preferences';
import { ProgressBar } from './ProgressBar';

const READY: StartupProgress = { phase: 'ready', done: 0, total: 0 };

/** Where the state comes from; the loopback host only serves the page once it is ready. */
function startupSource() {
  const bridge = bridgeOf(window);
  return bridge?.startupState && bridge.onStartup ? { state: bridge.startupState, subscribe: bridge.onStartup } : null;
}

export function StartupGate({ children }: { children: ReactNode }) {
  const [source] = useState(startupSource);
  const [progress, setProgress] = useState<StartupProgress | null>(source ? null : READY);

  useEffect(() => {
    if (!source) return;
    let live = true;
    const take = (p: unknown) => {
      if (live && isStartupProgress(p)) setProgress((prev) => laterProgress(prev, p));
    };
    const off = source.subscribe(take);
    void source.state().then(take, () => undefined);
    return () => {
      live = false;
      off();
    };
  }, [source]);

  if (progress?.phase === 'ready') return <>{children}</>;
  return <StartupScreen progress={progress} />;
}

export function StartupScreen({ progress }: { progress: StartupProgress | null }) {
  const t = useT();
  useTheme();
  const lang = usePreferences((s) => s.language);
  const ingesting = progress?.phase === 'ingesting' && progress.total > 0;
  const caption = ingesting
    ? t('startup.ingesting', { done: formatNumber(lang, progress.done), total: formatNumber(lang, progress.total) })
    : t('startup.opening');
  return (
    <main className="startup" aria-busy="true">
      <div className="startup-card">
        <h1 className="startup-title">{t('app.title')}</h1>
        <ProgressBar label={t('startup.label')} percent={ingesting ? (100 * progress.done) / progress.total : null} caption={caption} />
        {ingesting && progress.document ? <p className="startup-document">{t('startup.document', { title: progress.document })}</p> : null}
        <p className="small muted">{t('startup.note')}</p>
      </div>
    </main>
  );
}
