// API methods for the library's upkeep on request (the CLI's `workbench library check|rebuild`,
// the palette's 「ライブラリを再構築」): the full check now, and a rebuild from the bundled corpus
// and the stored originals. Neither is an analyst edit: nothing is journaled, and undo/redo stay
// as they were (statement ids come from the text, so a rebuilt library has the same ones).
import { z } from 'zod';
import { method } from './define';
import { Localized } from './schemas';

export const LibraryCheckResult = z.object({
  /** True when the whole pass found nothing. */
  ok: z.boolean(),
  /** Slices read (each at most 2,000 rows or 2 MB of one table, or one small table checked whole). */
  slices: z.number().int().min(0),
  /** Rows read in the sliced tables. */
  rows: z.number().int().min(0),
  problems: z.array(z.string()),
  /** The library was flagged: the next open rebuilds it (or `library.rebuild` now). */
  flagged: z.boolean(),
  elapsedMs: z.number().min(0),
});

export const LibraryRebuildResult = z.object({
  /** Documents in the rebuilt library, bundled and imported. */
  documents: z.number().int().min(0),
  statements: z.number().int().min(0),
  /** Imported documents read again from their stored originals. */
  restored: z.array(z.string()),
  /** Imported documents that could not be read again (a lost original, a PDF that needs its password): record and annotations kept. */
  failed: z.array(z.object({ documentId: z.string(), code: z.string(), message: Localized })),
  /** Where the old library was kept (one kept at a time), null when there was none. */
  setAside: z.string().nullable(),
  elapsedMs: z.number().min(0),
});

export const libraryApi = {
  'library.check': method(z.object({}).strict(), LibraryCheckResult, 'Checks the whole library now, slice by slice (the background check\'s full pass); a problem flags it for rebuild.'),
  'library.rebuild': method(
    // The confirmation is part of the request: the window asks the analyst first, the CLI's command is the request.
    z.object({ confirm: z.literal(true) }).strict(),
    LibraryRebuildResult,
    'Sets the library aside and rebuilds it from the bundled corpus and the stored originals; refused while another process holds the workspace. Not journaled.',
  ),
};
