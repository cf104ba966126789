// API methods for the library and the reader: documents, their statements, corpus status.
// Requests are strict objects so a typo in a field name is an error, not a silent default.
import { z } from 'zod';
import { method } from './define';
import { DocumentSummarySchema, Id, StatementSchema } from './schemas';

export const documentsApi = {
  'documents.list': method(
    z.object({}).strict(),
    z.object({ documents: z.array(DocumentSummarySchema) }),
    'All documents in the library, bundled and imported, in date order.',
  ),
  'documents.get': method(
    z.object({ id: Id }).strict(),
    z.object({ document: DocumentSummarySchema, text: z.string() }),
    'One document with its clean text.',
  ),
  'statements.list': method(
    z.object({ documentId: Id }).strict(),
    z.object({ statements: z.array(StatementSchema) }),
    "A document's statements in reading order.",
  ),
  'statements.get': method(
    z.object({ id: Id }).strict(),
    z.object({ statement: StatementSchema, document: DocumentSummarySchema }),
    'One statement with the document it belongs to.',
  ),
  'app.info': method(
    z.object({}).strict(),
    z.object({
      dbPath: z.string(),
      schemaVersion: z.number().int(),
      documents: z.number().int(),
      statements: z.number().int(),
      author: z.string(),
      version: z.string(),
    }),
    'Where the data lives and how much of it there is (status bar).',
  ),
};
