// File names proposed to the analyst for exports (the save dialog's default name, or a download's
// name): safe on every file system. The folder is never the page's business.

/** Characters Windows, macOS or Linux refuse in a file name become "_". */
export function safeName(name: string, fallback: string): string {
  return name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').trim().slice(0, 80) || fallback;
}
