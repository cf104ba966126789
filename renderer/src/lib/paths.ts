// File names proposed to the analyst for exports (the save dialog's default name, or a download's
// name): safe on every file system. The folder is never the page's business.

/**
 * A long path shortened in the middle for a one-line list: the start (drive, home) and the end
 * (folder and file name, always whole) stay, with … between. Done on the text rather than with
 * CSS `direction: rtl`, which moved a path's leading slash to the end (…/論点整理.pdf/).
 */
export function middleEllipsis(path: string, max = 56): string {
  const chars = [...path];
  if (chars.length <= max) return path;
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const tail = [...path.slice(cut >= 0 ? cut : 0)];
  if (tail.length >= max - 1) return `…${tail.slice(tail.length - (max - 1)).join('')}`;
  return `${chars.slice(0, max - 1 - tail.length).join('')}…${tail.join('')}`;
}

/** Characters Windows, macOS or Linux refuse in a file name become "_". */
export function safeName(name: string, fallback: string): string {
  return name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').trim().slice(0, 80) || fallback;
}
