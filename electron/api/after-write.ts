// What follows every write over the API, in every host (the app's database worker, the loopback
// dev host, the CLI): the search index brought up to date and a rolling backup once enough
// changes have piled up. The dispatcher runs it after each method marked in WRITES succeeds, so no
// host, handler or command can forget it.
import type { Method } from '../../shared/api/contract';
import { backupAfterWork } from '../backup/recovery';
import { flushPending } from '../search/indexer';
import type { AppContext } from '../store/context';

/**
 * Every API method, and whether it changes the database. Exhaustive on purpose: a new method
 * does not compile until someone decides here whether its success needs the after-write step.
 */
export const WRITES = {
  'documents.list': false,
  'documents.get': false,
  'statements.list': false,
  'statements.get': false,
  'documents.import': true,
  'documents.remove': true,
  'documents.importCancel': false,
  'documents.importProgress': false,
  'documents.reextract': true,
  'documents.importRecords': false,
  'documents.updateMeta': true,
  'app.info': false,
  'storage.status': false,
  // The check writes only its own resume point (and the flag a problem sets), not the analyst's data.
  'library.check': false,
  // The library is rebuilt, not edited: nothing is journaled; the index is flushed after it like any write.
  'library.rebuild': true,

  'search.query': false,
  'search.suggest': false,
  'search.quickOpen': false,
  'search.variants.get': false,
  'search.variants.set': true,

  'pillars.list': false,
  'pillars.create': true,
  'pillars.update': true,
  'pillars.archive': true,
  'pillars.delete': true,
  'pillars.reorder': true,
  'pillars.terms': false,
  'pillars.setTerm': true,
  'annotations.create': true,
  'annotations.update': true,
  'annotations.delete': true,
  'annotations.get': false,
  'annotations.list': false,
  'tags.list': false,
  'suggestions.forStatement': false,
  'suggestions.forDocument': false,
  'suggestions.unfiled': false,
  'suggestions.forText': false,
  'suggestions.accept': true,
  'suggestions.reject': true,
  'history.undo': true,
  'history.redo': true,
  'history.state': false,
  'history.forStatement': false,
  'backups.list': false,
  // A backup is itself the safety copy; it records its own mark.
  'backups.create': false,
  // The restored file becomes the database: its index is flushed and its backup count applies.
  'backups.restore': true,
  // Writes a file, not the database.
  'annotations.export': false,
  'annotations.import': true,

  'briefings.list': false,
  'briefings.get': false,
  'briefings.create': true,
  'briefings.update': true,
  'briefings.duplicate': true,
  'briefings.delete': true,
  'briefings.undoDelete': true,
  'briefings.sections.add': true,
  'briefings.sections.update': true,
  'briefings.sections.move': true,
  'briefings.sections.delete': true,
  'briefings.items.add': true,
  'briefings.items.update': true,
  'briefings.items.move': true,
  'briefings.items.delete': true,
  'briefings.placement': false,
  // The picker's remembered section: a preference row, but a write all the same (a backup carries it).
  'briefings.placement.remember': true,
  'briefings.sections.follow': true,
  'briefings.live': false,
  'briefings.live.accept': true,
  'briefings.live.dismiss': true,
  'briefings.templates.list': false,
  'briefings.templates.save': true,
  'briefings.templates.delete': true,
  // Exports add a row to the export log.
  'briefings.export': true,
  'briefings.exportDraft': true,
  'briefings.exportCancel': false,
  'briefings.exportLog': false,
  // Reads a reviewed file and lists what it says; the briefing is never changed by it.
  'briefings.review': false,
  'briefings.preview': false,
  // Downloads and uploads are held in memory for the page; the database is not touched.
  'downloads.read': false,
  'uploads.append': false,
  'retrieval.matrix': false,
  'retrieval.cooccurrence': false,
  'retrieval.segments': false,
  // Writes a file, not the database.
  'retrieval.segments.export': false,
  'retrieval.segments.toBriefing': true,
  'retrieval.timeline': false,
  'memo.list': false,
  'memo.get': false,
  'memo.create': true,
  'memo.update': true,
  'memo.delete': true,
  'charts.save': false,

  'profile.get': false,
  'profile.set': true,

  // Writes a file, not the database.
  'exchange.qdaExport': false,
  // Reads and holds the project for the import; nothing is written.
  'exchange.qdaPreview': false,
  'exchange.qdaImport': true,
  // Exports write a file, not the database; imports (not dry runs) merge into it.
  'interchange.export': false,
  'interchange.import': true,
  'bundle.export': false,
  'bundle.import': true,
} as const satisfies Record<Method, boolean>;

export function isWrite(method: Method): boolean {
  return WRITES[method];
}

/**
 * After a successful write: statements a write queued for the search index are indexed now
 * (not at the next keystroke), and a rolling backup starts in the background when one is due.
 * Neither may fail the analyst's change, which is already committed: the index is flushed again
 * before every search, and the next write retries the backup. Hosts that close the database
 * wait for `whenBackupsIdle` first.
 */
export function afterWrite(ctx: AppContext): void {
  try {
    flushPending(ctx.db);
  } catch {
    /* searchStatements flushes before it reads */
  }
  backupAfterWork(ctx).catch(() => {
    /* a failed rolling backup must not fail the analyst's change; the next one retries */
  });
}
