// The library's state in the status bar, in a word or two: not checked yet, checking n %, ok,
// flagged for rebuild, rebuilding n/m, missing (read-only); and "rebuilt on this open" beside it
// when the library was made again since the workspace was opened. Problems are in the banner.
import { useT, type MessageKey } from '../../i18n';
import { useStorage } from '../../stores/storage';

const WORDS: Record<'unchecked' | 'ok' | 'damaged' | 'absent', MessageKey> = {
  unchecked: 'storage.library.unchecked',
  ok: 'storage.library.ok',
  damaged: 'storage.library.damaged',
  absent: 'storage.library.absent',
};

export function LibraryState() {
  const t = useT();
  const library = useStorage((s) => s.library);
  const running = useStorage((s) => s.rebuildRunning);
  if (!library) return null;
  let word: string;
  if (library.state === 'checking') word = t('storage.library.checking', { percent: library.percent ?? 0 });
  else if (library.state === 'rebuilding' || running) word = t('storage.library.rebuilding', { done: library.rebuilding?.done ?? 0, total: library.rebuilding?.total ?? 0 });
  else word = t(WORDS[library.state]);
  const rebuilt = library.rebuilt ? t(library.rebuilt.reason === 'requested' ? 'storage.library.rebuiltRequested' : 'storage.library.rebuiltAtOpen') : null;
  return (
    <span className={`statusbar-library statusbar-library-${library.state}`} data-testid="library-state">
      <span className="statusbar-label">{t('storage.library.label')}</span> {word}
      {rebuilt && !(library.state === 'rebuilding' || running) ? <span className="statusbar-muted-inline"> · {rebuilt}</span> : null}
    </span>
  );
}
