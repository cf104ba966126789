// Work that must happen inside the transaction that replaces a document's statements
// (e.g. re-anchoring annotations), registered here so ingest stays unaware of who listens.
import type { ReplaceHook } from '../corpus/ingest';
import { flushPending } from '../search/indexer';
import { reanchorDocument } from '../annotate/reanchor';

export const replaceHooks: ReplaceHook[] = [
  // The search index follows the new statements in the same transaction.
  (db) => void flushPending(db),
  // Annotations survive a document change: re-placed on the new statements, or kept as orphans.
  (db, documentId, previous) => void reanchorDocument(db, documentId, previous),
];
