// 「ライブラリを再構築」: what a rebuild does and does not touch, asked once before it runs. The
// rebuild itself is the storage store's (its progress shows in the banner and the status bar);
// when it ends every view is fetched again, since every document was read anew.
import { useT } from '../../i18n';
import { useStorage } from '../../stores/storage';
import { useUi } from '../../stores/ui';
import { Dialog } from '../shell/Dialog';
import { refetchEverything } from './BackupsDialog';

export function RebuildLibraryDialog({ onClose }: { onClose(): void }) {
  const t = useT();
  const running = useStorage((s) => s.rebuildRunning);

  const rebuild = async () => {
    const result = await useStorage.getState().rebuildLibrary();
    onClose();
    if (!result) return; // the banner says why (db-busy names who holds the workspace)
    // Errors about the old library (damage a request met) no longer hold: it was set aside.
    const oldLibrary = result.setAside?.replace(/\.damaged$/, '');
    for (const e of useUi.getState().errors) if (oldLibrary && e.subject === oldLibrary) useUi.getState().dismissError(e.id);
    await refetchEverything();
    useUi.getState().notify({
      ja: `ライブラリを再構築しました: 文書 ${result.documents} 件、発言 ${result.statements} 件。`,
      en: `The library was rebuilt: ${result.documents} documents, ${result.statements} statements.`,
    });
  };

  return (
    <Dialog label={t('library.rebuild.title')} onClose={() => !running && onClose()}>
      <header className="dialog-header">
        <h2>{t('library.rebuild.title')}</h2>
      </header>
      <div className="dialog-body">
        <p>{t('library.rebuild.text')}</p>
        <p className="small muted">{t('library.rebuild.note')}</p>
      </div>
      <footer className="dialog-footer">
        <button type="button" className="btn" disabled={running} onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="button" className="btn btn-danger" disabled={running} onClick={() => void rebuild()}>
          {running ? t('library.rebuild.running') : t('library.rebuild.confirm')}
        </button>
      </footer>
    </Dialog>
  );
}
