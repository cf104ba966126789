// API methods for the library and the reader: documents, their statements, corpus status.
// Requests are strict objects so a typo in a field name is an error, not a silent default.
import { z } from 'zod';
import { method } from './define';
import { DocumentKindSchema, DocumentSummarySchema, Id, StatementSchema } from './schemas';

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
  'documents.import': method(
    z.object({
      fileName: z.string().min(1).max(260),
      /** The file's bytes, base64: the back end detects UTF-8 / Shift_JIS / EUC-JP itself. */
      contentBase64: z.string().max(28_000_000),
      id: z.string().max(80).optional(),
      title: z.string().max(300).optional(),
      date: z.string().nullable().optional(),
      issuer: z.string().max(200).nullable().optional(),
      kind: DocumentKindSchema.optional(),
      replace: z.boolean().optional(),
      /** A PDF's user password (encrypted PDFs are refused without it). */
      password: z.string().max(128).optional(),
    }).strict(),
    z.object({ document: DocumentSummarySchema, statements: z.number().int(), replaced: z.boolean(), encoding: z.string(), pages: z.number().int().optional() }),
    "Import an analyst's own source (text, Markdown, HTML, PDF); replace re-anchors its annotations.",
  ),
  'documents.remove': method(
    z.object({ id: Id }).strict(),
    z.object({ removed: z.literal(true) }),
    'Remove an imported document that carries no annotations.',
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
