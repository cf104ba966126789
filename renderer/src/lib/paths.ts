// File paths proposed to the analyst for exports: next to the database, in its own separator
// style (the browser host may run on Windows or POSIX), with names safe on every file system.

export function dirOf(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i > 0 ? path.slice(0, i) : '.';
}

/** Characters Windows, macOS or Linux refuse in a file name become "_". */
export function safeName(name: string, fallback: string): string {
  return name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').trim().slice(0, 80) || fallback;
}

/** `fileName` in the database's folder (or "." when the database path is not known yet). */
export function besideDatabase(dbPath: string | undefined, fileName: string): string {
  if (!dbPath) return `./${fileName}`;
  const sep = dbPath.includes('\\') ? '\\' : '/';
  return `${dirOf(dbPath)}${sep}${fileName}`;
}
