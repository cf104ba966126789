// The shortcuts sheet (? or F1): every keyboard shortcut the workbench answers to.
// 'Enter' below is a key name printed in the sheet; nothing here acts on a key, so no IME guard
// (imeSafeKeys in lib/keys.ts) is needed.
import { useT, type MessageKey } from '../../i18n';
import { commandLabel } from '../../lib/keys';
import { Dialog } from './Dialog';

export function ShortcutsSheet({ onClose }: { onClose(): void }) {
  const t = useT();
  const cmd = commandLabel();
  const rows: [string[], MessageKey][] = [
    [[cmd, 'K'], 'shortcuts.palette'],
    [[cmd, 'F'], 'shortcuts.search'],
    [[cmd, 'Z'], 'shortcuts.undo'],
    [[cmd, 'Shift', 'Z'], 'shortcuts.redo'],
    [['A'], 'shortcuts.annotate'],
    [['1', '2', '3', '4'], 'shortcuts.pillar'],
    [['↑', '↓'], 'shortcuts.statements'],
    [['↑', '↓'], 'shortcuts.hits'],
    [['Enter'], 'shortcuts.open'],
    [['Esc'], 'shortcuts.escape'],
    [['Alt', '1–5'], 'shortcuts.views'],
    [['?'], 'shortcuts.sheet'],
  ];
  return (
    <Dialog label={t('shortcuts.title')} onClose={onClose} className="dialog-shortcuts">
      <header className="dialog-header">
        <h2>{t('shortcuts.title')}</h2>
        <button type="button" className="btn btn-quiet" onClick={onClose}>
          {t('shortcuts.close')}
        </button>
      </header>
      <table className="shortcuts-table">
        <tbody>
          {rows.map(([keys, label]) => (
            <tr key={label}>
              <td className="shortcut-keys">
                {keys.map((k, i) => (
                  <span key={i}>
                    {i > 0 && keys[0] !== '1' && keys[0] !== '↑' ? <span className="plus">+</span> : null}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </td>
              <td>{t(label)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
