// Runtime schemas of the shared model (shared/model.ts), used to validate what crosses
// the API; `satisfies` keeps each schema and its TypeScript interface from drifting apart.
import { z } from 'zod';
import type { LocalizedText } from '../errors';
import type { DocumentSummary, FootnoteRef, Statement, TableCell } from '../model';
import { DOCUMENT_KINDS } from '../model';

/** Ids are short printable strings; anything else is rejected before it reaches SQL. */
export const Id = z.string().min(1).max(200).regex(/^[\p{L}\p{N}_.:\-]+$/u, 'id: letters, digits, _ . : - only');

/** A message or label in both languages (shared/errors.ts LocalizedText). */
export const Localized = z.object({ ja: z.string(), en: z.string() }) satisfies z.ZodType<LocalizedText>;

export const DocumentKindSchema = z.enum(DOCUMENT_KINDS);

export const DocumentSummarySchema = z.object({
  id: Id,
  title: z.string(),
  date: z.string().nullable(),
  issuer: z.string().nullable(),
  kind: DocumentKindSchema,
  language: z.string(),
  source: z.string(),
  origin: z.enum(['bundled', 'imported']),
  statements: z.number().int(),
  annotations: z.number().int(),
  contentHash: z.string(),
  ingestedAt: z.string(),
  pages: z.number().int().positive().optional(),
}) satisfies z.ZodType<DocumentSummary>;

export const TableCellSchema = z.object({
  row: z.number().int(),
  column: z.number().int(),
  header: z.string().nullable(),
  table: z.string(),
}) satisfies z.ZodType<TableCell>;

export const FootnoteRefSchema = z.object({
  marker: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  footnoteId: z.string().nullable(),
}) satisfies z.ZodType<FootnoteRef>;

export const StatementSchema = z.object({
  id: Id,
  documentId: Id,
  ordinal: z.number().int(),
  kind: z.enum(['heading', 'remark', 'item', 'paragraph', 'table-cell', 'footnote']),
  level: z.number().int().nullable(),
  text: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  headingPath: z.array(z.string()),
  parentId: z.string().nullable(),
  speaker: z.string().nullable(),
  marker: z.string().nullable(),
  table: TableCellSchema.nullable(),
  footnotes: z.array(FootnoteRefSchema),
  page: z.number().int().positive().optional(),
  pageLabel: z.string().optional(),
}) satisfies z.ZodType<Statement>;
