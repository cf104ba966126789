// Work that must happen inside the transaction that replaces a document's statements
// (e.g. re-anchoring annotations), registered here so ingest stays unaware of who listens.
import type { ReplaceHook } from '../corpus/ingest';

export const replaceHooks: ReplaceHook[] = [];
