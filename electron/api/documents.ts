// Handlers for the library and reader methods (shared/api/documents.ts).
import { documentsApi } from '../../shared/api/documents';
import { countStatements, getDocument, getStatement, listDocuments, listStatements } from '../corpus/repo';
import { importDocument, importRecords, reextractDocument, removeDocument, updateDocumentMeta, type ImportResult } from '../import/import';
import { cancelImportJob, importJobProgress, startImportJob } from '../import/jobs';
import { currentVersion } from '../store/migrate';
import type Database from 'better-sqlite3';
import type { DomainHandlers } from './dispatch';

function importResponse(db: Database.Database, r: ImportResult) {
  const { documentId, ...rest } = r;
  return { ...rest, document: getDocument(db, documentId).document };
}

export const documentsHandlers: DomainHandlers<typeof documentsApi> = {
  'documents.list': (_req, { db }) => ({ documents: listDocuments(db) }),
  'documents.get': (req, { db }) => getDocument(db, req.id),
  'statements.list': (req, { db }) => ({ statements: listStatements(db, req.documentId) }),
  'statements.get': (req, { db }) => {
    const statement = getStatement(db, req.id);
    return { statement, document: getDocument(db, statement.documentId).document };
  },
  'documents.import': async (req, ctx) => {
    const job = startImportJob(req.job);
    try {
      // One undoable change per file: undo takes the document out again.
      const result = await importDocument({ db: ctx.db, author: ctx.author }, {
        fileName: req.fileName,
        bytes: Buffer.from(req.contentBase64, 'base64'),
        id: req.id,
        title: req.title,
        date: req.date,
        issuer: req.issuer,
        kind: req.kind,
        replace: req.replace,
        password: req.password,
        separate: req.separate,
        signal: job.signal,
        onPage: (page, pages) => job.report(page, pages),
      });
      return importResponse(ctx.db, result);
    } finally {
      job.done();
    }
  },
  'documents.importCancel': (req) => ({ cancelled: cancelImportJob(req.job) }),
  'documents.importProgress': (req) => {
    const p = importJobProgress(req.job);
    return { running: p !== null, pages: p && p.total > 0 ? { done: p.done, total: p.total } : null };
  },
  'documents.reextract': async (req, ctx) => importResponse(ctx.db, await reextractDocument({ db: ctx.db, author: ctx.author }, req.id, { password: req.password })),
  'documents.importRecords': (req, { db }) => {
    getDocument(db, req.id); // not-found for an unknown id, rather than an empty list
    return { records: importRecords(db, req.id) };
  },
  'documents.updateMeta': (req, ctx) => {
    const { id, ...fields } = req;
    updateDocumentMeta({ db: ctx.db, author: ctx.author }, id, fields);
    return { document: getDocument(ctx.db, id).document };
  },
  'documents.remove': (req, ctx) => {
    removeDocument({ db: ctx.db, author: ctx.author }, req.id);
    return { removed: true as const };
  },
  'app.info': (_req, ctx) => ({
    dbPath: ctx.dbPath,
    schemaVersion: currentVersion(ctx.db),
    documents: listDocuments(ctx.db).length,
    statements: countStatements(ctx.db),
    author: ctx.author,
    version: ctx.version,
  }),
};
