// Handlers for the library's upkeep on request: the full check now, and the rebuild (which swaps
// the context's connection, as a restore does). Thin: the work is in electron/backup/library-*.ts.
import type { libraryApi } from '../../shared/api/library';
import { checkWholeLibrary } from '../backup/library-check';
import { rebuildLibrary } from '../backup/library-rebuild';
import type { DomainHandlers } from './dispatch';

export const libraryHandlers: DomainHandlers<typeof libraryApi> = {
  'library.check': (_req, ctx) => checkWholeLibrary(ctx.db),
  'library.rebuild': (_req, ctx) => rebuildLibrary(ctx),
};
