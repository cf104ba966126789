// The query-language help popover next to the search field.
import { useEffect, useRef, useState } from 'react';
import { useT, type MessageKey } from '../../i18n';

const ROWS: [string, MessageKey][] = [
  ['強靭化 半導体', 'search.help.and'],
  ['中国 OR 米国', 'search.help.or'],
  ['技術 -防衛', 'search.help.not'],
  ['"経済安全保障推進法"', 'search.help.phrase'],
  ['doc:espc-2021-11-19-minutes', 'search.help.doc'],
  ['pillar:supply-chain', 'search.help.pillar'],
  ['speaker:外務大臣', 'search.help.speaker'],
  ['after:2021-01-01 before:2022-12-31', 'search.help.date'],
];

export function QueryHelp() {
  const t = useT();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, [open]);
  return (
    <div className="query-help" ref={ref}>
      <button type="button" className="btn btn-quiet icon-only" aria-label={t('search.help')} aria-expanded={open} title={t('search.help')} onClick={() => setOpen(!open)}>
        ?
      </button>
      {open ? (
        <div
          className="help-popover"
          role="dialog"
          aria-label={t('search.help.title')}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              setOpen(false);
            }
          }}
        >
          <h3>{t('search.help.title')}</h3>
          <table>
            <tbody>
              {ROWS.map(([example, key]) => (
                <tr key={key}>
                  <td>
                    <code>{example}</code>
                  </td>
                  <td>{t(key)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="small muted">{t('search.help.norm')}</p>
        </div>
      ) : null}
    </div>
  );
}
