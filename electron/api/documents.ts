// Handlers for the library and reader methods (shared/api/documents.ts).
import { documentsApi } from '../../shared/api/documents';
import { countStatements, getDocument, getStatement, listDocuments, listStatements } from '../corpus/repo';
import { importFile, removeDocument } from '../import/import';
import { currentVersion } from '../store/migrate';
import type { DomainHandlers } from './dispatch';

export const documentsHandlers: DomainHandlers<typeof documentsApi> = {
  'documents.list': (_req, { db }) => ({ documents: listDocuments(db) }),
  'documents.get': (req, { db }) => getDocument(db, req.id),
  'statements.list': (req, { db }) => ({ statements: listStatements(db, req.documentId) }),
  'statements.get': (req, { db }) => {
    const statement = getStatement(db, req.id);
    return { statement, document: getDocument(db, statement.documentId).document };
  },
  'documents.import': async (req, { db }) => {
    const result = await importFile(db, {
      fileName: req.fileName,
      bytes: Buffer.from(req.contentBase64, 'base64'),
      id: req.id,
      title: req.title,
      date: req.date,
      issuer: req.issuer,
      kind: req.kind,
      replace: req.replace,
    }, { password: req.password });
    return { document: getDocument(db, result.documentId).document, statements: result.statements, replaced: result.replaced, encoding: result.encoding, ...(result.pages ? { pages: result.pages } : {}) };
  },
  'documents.remove': (req, { db }) => {
    removeDocument(db, req.id);
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
