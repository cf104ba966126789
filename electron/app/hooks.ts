// Work that must happen inside the transaction that replaces a document's statements
// (e.g. re-anchoring annotations), registered here so ingest stays unaware of who listens.
import type { ReplaceHook } from '../corpus/ingest';
import { reanchorDocument } from '../annotate/reanchor';

export const replaceHooks: ReplaceHook[] = [
  // Annotations survive a document change: re-placed on the new statements, or kept as orphans.
  (db, documentId, previous) => void reanchorDocument(db, documentId, previous),
];
