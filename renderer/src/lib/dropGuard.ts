// Drops outside the app's own drop zones are ignored. A file dropped on a page makes the
// browser navigate to it (Electron would load a dropped .html with our preload); the main
// process refuses every navigation as well, and this guard keeps the drag from getting that far.
// A drop zone is any element whose handler accepted the drag (preventDefault) before the event
// bubbled up to the window; everything else is refused with the "no drop" cursor.

function refuseUnclaimed(e: DragEvent): void {
  if (e.defaultPrevented) return; // a drop zone took it
  e.preventDefault();
  if (e.dataTransfer) e.dataTransfer.dropEffect = 'none';
}

/** Installs the guard on the window; returns a function that removes it (tests). */
export function installDropGuard(win: Window): () => void {
  win.addEventListener('dragover', refuseUnclaimed);
  win.addEventListener('drop', refuseUnclaimed);
  return () => {
    win.removeEventListener('dragover', refuseUnclaimed);
    win.removeEventListener('drop', refuseUnclaimed);
  };
}
