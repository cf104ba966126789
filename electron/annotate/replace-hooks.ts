// Work that must happen inside the transaction that replaces a document's statements (bundled
// corpus update, re-import, restore of an older backup): the search index follows the new
// statements and annotations are re-placed on them. Listed here, the lowest layer that sees both
// listeners, so ingest stays unaware of who listens and every caller above passes the same list.
import type { ReplaceHook } from '../corpus/ingest';
import { flushPending } from '../search/indexer';
import { reanchorDocument } from './reanchor';

export const replaceHooks: ReplaceHook[] = [
  // The search index follows the new statements in the same transaction.
  (db) => void flushPending(db),
  // Annotations survive a document change: re-placed on the new statements, or kept as orphans.
  (db, documentId, previous) => void reanchorDocument(db, documentId, previous),
];
