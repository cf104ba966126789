// Managing the pillar taxonomy: rename (Japanese and English), recolour, nest under another
// pillar, reorder, archive, delete an unused one, and add new pillars. Every change is one
// API call (undoable with Ctrl/Cmd+Z like any annotation change).
import { useEffect, useState } from 'react';
import type { Pillar } from '../../../../shared/pillars';
import { api, errorData } from '../../api/client';
import { formatNumber, useT } from '../../i18n';
import { useAnnotations } from '../../stores/annotations';
import { usePreferences } from '../../stores/preferences';
import { useUi } from '../../stores/ui';
import { InlineField } from '../briefing/InlineField';
import { Dialog } from '../shell/Dialog';
import { imeSafeKeys } from '../../lib/keys';

async function write(fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
    await Promise.all([useAnnotations.getState().loadPillars(), useAnnotations.getState().refreshUndo()]);
    useAnnotations.setState({ revision: useAnnotations.getState().revision + 1 });
  } catch (e) {
    useUi.getState().reportError(errorData(e));
  }
}

function siblingsOf(pillars: Pillar[], p: Pillar): Pillar[] {
  return pillars.filter((x) => x.parentId === p.parentId).sort((a, b) => a.position - b.position);
}

export function PillarsDialog({ onClose }: { onClose(): void }) {
  const t = useT();
  const lang = usePreferences((s) => s.language);
  const [pillars, setPillars] = useState<Pillar[]>([]);
  const current = useAnnotations((s) => s.pillars);
  const [nameJa, setNameJa] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [color, setColor] = useState('#5b6b8c');
  const [parentId, setParentId] = useState('');

  useEffect(() => {
    // The dialog shows archived pillars too, which the rest of the window leaves out.
    api()
      .call('pillars.list', { includeArchived: true })
      .then(
        (r) => setPillars(r.pillars),
        (e) => useUi.getState().reportError(errorData(e)),
      );
  }, [current]);

  const move = (p: Pillar, delta: number) => {
    const sibs = siblingsOf(pillars, p);
    const i = sibs.findIndex((x) => x.id === p.id);
    const j = i + delta;
    if (j < 0 || j >= sibs.length) return;
    const ids = sibs.map((x) => x.id);
    [ids[i], ids[j]] = [ids[j], ids[i]];
    void write(() => api().call('pillars.reorder', { parentId: p.parentId, ids }));
  };

  const ordered = [...pillars.filter((p) => p.parentId === null).sort((a, b) => a.position - b.position)].flatMap((top) => [top, ...pillars.filter((c) => c.parentId === top.id).sort((a, b) => a.position - b.position)]);

  return (
    <Dialog label={t('pillars.title')} onClose={onClose} className="dialog-wide">
      <header className="dialog-header">
        <h2>{t('pillars.title')}</h2>
      </header>
      <div className="dialog-body">
        <p className="small muted">{t('pillars.help')}</p>
        <table className="pillars-table">
          <thead>
            <tr>
              <th scope="col">{t('pillars.color')}</th>
              <th scope="col">{t('pillars.nameJa')}</th>
              <th scope="col">{t('pillars.nameEn')}</th>
              <th scope="col">{t('pillars.used')}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {ordered.map((p) => (
              <tr key={p.id} className={p.archived ? 'is-archived' : undefined}>
                <td>
                  <input type="color" className="color-input" aria-label={t('pillars.colorOf', { name: p.nameJa })} value={p.color} onChange={(e) => void write(() => api().call('pillars.update', { id: p.id, color: e.target.value }))} />
                </td>
                <td className={p.parentId ? 'is-child' : undefined}>
                  <InlineField label={t('pillars.nameJa')} value={p.nameJa} onSave={(v) => v.trim() && void write(() => api().call('pillars.update', { id: p.id, nameJa: v.trim() }))} />
                </td>
                <td>
                  <InlineField label={t('pillars.nameEn')} value={p.nameEn} onSave={(v) => void write(() => api().call('pillars.update', { id: p.id, nameEn: v.trim() }))} />
                </td>
                <td className="num">{formatNumber(lang, p.annotationCount)}</td>
                <td>
                  <div className="row-tools">
                  <button type="button" className="icon-btn" aria-label={t('pillars.up')} onClick={() => move(p, -1)}>
                    ↑
                  </button>
                  <button type="button" className="icon-btn" aria-label={t('pillars.down')} onClick={() => move(p, 1)}>
                    ↓
                  </button>
                  <button type="button" className="btn btn-small" onClick={() => void write(() => api().call('pillars.archive', { id: p.id, archived: !p.archived }))}>
                    {p.archived ? t('pillars.unarchive') : t('pillars.archive')}
                  </button>
                  {!p.isDefault && p.annotationCount === 0 ? (
                    <button type="button" className="btn btn-small btn-danger" onClick={() => void write(() => api().call('pillars.delete', { id: p.id }))}>
                      {t('inspector.delete')}
                    </button>
                  ) : null}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <form onKeyDown={imeSafeKeys()}
          className="new-pillar"
          onSubmit={(e) => {
            e.preventDefault();
            if (!nameJa.trim()) return;
            void write(() => api().call('pillars.create', { nameJa: nameJa.trim(), nameEn: nameEn.trim() || undefined, color, parentId: parentId || null }));
            setNameJa('');
            setNameEn('');
          }}
        >
          <input type="color" className="color-input" aria-label={t('pillars.color')} value={color} onChange={(e) => setColor(e.target.value)} />
          <input className="field" aria-label={t('pillars.nameJa')} placeholder={t('pillars.nameJa')} value={nameJa} onChange={(e) => setNameJa(e.target.value)} />
          <input className="field" aria-label={t('pillars.nameEn')} placeholder={t('pillars.nameEn')} value={nameEn} onChange={(e) => setNameEn(e.target.value)} />
          <select className="field" aria-label={t('pillars.parent')} value={parentId} onChange={(e) => setParentId(e.target.value)}>
            <option value="">{t('pillars.topLevel')}</option>
            {pillars
              .filter((p) => p.parentId === null && !p.archived)
              .map((p) => (
                <option key={p.id} value={p.id}>
                  {t('pillars.under', { name: lang === 'ja' ? p.nameJa : p.nameEn || p.nameJa })}
                </option>
              ))}
          </select>
          <button type="submit" className="btn btn-primary" disabled={!nameJa.trim()}>
            {t('pillars.add')}
          </button>
        </form>
      </div>
      <footer className="dialog-footer">
        <button type="button" className="btn" onClick={onClose}>
          {t('common.close')}
        </button>
      </footer>
    </Dialog>
  );
}
