// API methods for the library and the reader: documents, their statements, corpus status.
// Requests are strict objects so a typo in a field name is an error, not a silent default.
import { z } from 'zod';
import { method } from './define';
import { DocumentKindSchema, DocumentSummarySchema, Id, StatementSchema } from './schemas';

const ReanchorReportSchema = z.object({
  total: z.number().int(),
  position: z.number().int(),
  quote: z.number().int(),
  fuzzy: z.number().int(),
  orphaned: z.number().int(),
  moved: z.array(z.object({ annotationId: z.string(), quote: z.string(), from: z.number().int().nullable(), to: z.number().int().nullable() })),
  orphans: z.array(z.object({ annotationId: z.string(), quote: z.string(), from: z.number().int().nullable() })),
});

const SourceFormatSchema = z.enum(['text', 'markdown', 'html', 'docx', 'pdf']);

const ImportResponseSchema = z.object({
  document: DocumentSummarySchema,
  /** imported: a new document; new-version: it replaced an earlier version; duplicate: these bytes were already imported (nothing written). */
  status: z.enum(['imported', 'new-version', 'duplicate']),
  statements: z.number().int(),
  replaced: z.boolean(),
  format: SourceFormatSchema,
  encoding: z.string().nullable(),
  pages: z.number().int().nullable(),
  version: z.number().int(),
  sha256: z.string(),
  /** Control characters removed from a text file. */
  removedControls: z.number().int(),
  reanchor: ReanchorReportSchema.nullable(),
});

const ImportRecordSchema = z.object({
  version: z.number().int(),
  fileName: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  format: SourceFormatSchema,
  encoding: z.string().nullable(),
  pages: z.number().int().nullable(),
  statements: z.number().int(),
  extractor: z.string(),
  importedAt: z.string(),
  reanchor: ReanchorReportSchema.nullable(),
});

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
      /** The file's bytes, base64: the back end detects the format (text, HTML, Word, PDF) and encoding itself. */
      contentBase64: z.string().max(28_000_000),
      id: z.string().max(80).optional(),
      title: z.string().max(300).optional(),
      date: z.string().nullable().optional(),
      issuer: z.string().max(200).nullable().optional(),
      kind: DocumentKindSchema.optional(),
      replace: z.boolean().optional(),
      /** A PDF's user password. */
      password: z.string().max(200).optional(),
      /** A separate document even if a file of this name was imported before (another folder's file of the same name). */
      separate: z.boolean().optional(),
      /** A caller-chosen id under which documents.importCancel can stop this import. */
      job: z.string().min(1).max(100).optional(),
    }).strict(),
    ImportResponseSchema,
    "Import an analyst's own source (text, Markdown, HTML, Word, PDF): the same bytes again are reported as a duplicate; a changed file of the same name becomes a new version whose annotations are re-anchored.",
  ),
  'documents.importCancel': method(
    z.object({ job: z.string().min(1).max(100) }).strict(),
    z.object({ cancelled: z.boolean() }),
    'Cancel a running import by its job id: it fails with "cancelled" and writes nothing; false when none is running.',
  ),
  'documents.importProgress': method(
    z.object({ job: z.string().min(1).max(100) }).strict(),
    z.object({ running: z.boolean(), pages: z.object({ done: z.number().int(), total: z.number().int() }).nullable() }),
    'How far a running import is: pages read of a PDF (null before the page count is known, or for other formats); running false when no import runs under that job id.',
  ),
  'documents.reextract': method(
    z.object({ id: Id, password: z.string().max(200).optional() }).strict(),
    ImportResponseSchema,
    "Read an imported document's stored original again with the current extractors (a new version when the text changed).",
  ),
  'documents.importRecords': method(
    z.object({ id: Id }).strict(),
    z.object({ records: z.array(ImportRecordSchema) }),
    "Every import of a document: the original file's name, size, SHA-256, format, encoding, and what re-anchoring did.",
  ),
  'documents.updateMeta': method(
    z.object({
      id: Id,
      title: z.string().min(1).max(300).optional(),
      date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date: YYYY-MM-DD').nullable().optional(),
      issuer: z.string().max(200).nullable().optional(),
      kind: DocumentKindSchema.optional(),
    }).strict(),
    z.object({ document: DocumentSummarySchema }),
    "Correct an imported document's title, date, issuer or kind (kept over later versions of its file).",
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
