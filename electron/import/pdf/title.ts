// electron/import/pdf/title.ts
// Which of a PDF's stated /Title is a title a reader would cite: tools write placeholders there
// (Chromium's "about:blank", "Untitled", "無題"), Word writes "Microsoft Word - 資料1.docx", and
// printing a local page writes its URL. A placeholder falls back to the file name (the caller's rule).

const PLACEHOLDERS = new Set(['about:blank', 'untitled', 'untitled document', 'no title', '無題', '無題のドキュメント', '名称未設定', 'document', 'slide 1']);
const OFFICE_PREFIX = /^(?:microsoft\s+(?:word|powerpoint|excel)|word|powerpoint|excel)\s+-(?:\s+|$)/i;
const OFFICE_SUFFIX = /\.(?:docx?|pptx?|xlsx?|rtf|txt|html?|pdf)$/i;
const URL_LIKE = /^(?:[a-z][a-z0-9+.-]*:\/\/|about:|data:|blob:)/i;

/** The stated title worth keeping, or null when the PDF states none or only a placeholder. */
export function citableTitle(stated: unknown): string | null {
  if (typeof stated !== 'string') return null;
  // Control characters and runs of white space never belong in a citation.
  let t = stated.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();
  if (!t) return null;
  const office = OFFICE_PREFIX.exec(t);
  if (office) t = t.slice(office[0].length).replace(OFFICE_SUFFIX, '').trim();
  if (!t || URL_LIKE.test(t) || PLACEHOLDERS.has(t.toLowerCase())) return null;
  return t;
}
