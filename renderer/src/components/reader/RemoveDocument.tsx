// Removing an imported document from the library (bundled ones stay): a two-step button, and
// the back end refuses while annotations still point into it, which is shown as the error. A
// removal is one undoable change: the undo button offers it at once.
import { useState } from 'react';
import type { DocumentSummary } from '../../../../shared/model';
import { api, errorData } from '../../api/client';
import { useT } from '../../i18n';
import { useAnnotations } from '../../stores/annotations';
import { useLibrary } from '../../stores/library';
import { useReader } from '../../stores/reader';
import { useUi } from '../../stores/ui';

export function RemoveDocument({ document }: { document: DocumentSummary }) {
  const t = useT();
  const [armed, setArmed] = useState(false);
  if (document.origin !== 'imported') return null;
  const remove = async () => {
    try {
      await api().call('documents.remove', { id: document.id });
      useReader.getState().close();
      await Promise.all([useLibrary.getState().load(), useAnnotations.getState().refreshUndo()]);
      useUi.getState().notify({ ja: `「${document.title}」をライブラリから削除しました（元に戻せます）。`, en: `Removed "${document.title}" from the library (undo brings it back).` });
    } catch (e) {
      useUi.getState().reportError(errorData(e));
    } finally {
      setArmed(false);
    }
  };
  return armed ? (
    <span className="confirm-inline">
      <span className="small">{t('reader.remove.confirm')}</span>
      <button type="button" className="btn btn-small btn-danger" onClick={() => void remove()}>
        {t('reader.remove')}
      </button>
      <button type="button" className="btn btn-small" onClick={() => setArmed(false)}>
        {t('common.cancel')}
      </button>
    </span>
  ) : (
    <button type="button" className="btn btn-small" onClick={() => setArmed(true)}>
      {t('reader.remove')}…
    </button>
  );
}
