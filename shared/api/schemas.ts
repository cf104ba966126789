// Runtime schemas of the shared model (shared/model.ts), used to validate what crosses
// the API; `satisfies` keeps each schema and its TypeScript interface from drifting apart.
import { z } from 'zod';
import type { LocalizedText } from '../errors';
import type { DocumentSummary, FootnoteRef, Statement, TableCell } from '../model';
import { DOCUMENT_KINDS } from '../model';

/** Ids are short printable strings; anything else is rejected before it reaches SQL. */
export const Id = z.string().min(1).max(200).regex(/^[\p{L}\p{N}_.:\-]+$/u, 'id: letters, digits, _ . : - only');

// With the `u` flag a surrogate pair is one code point, so this matches only a lone (unpaired)
// surrogate: text SQLite would store as invalid UTF-8 and no export could write back out.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** Whether a string is well-formed Unicode (String.prototype.isWellFormed, which ES2023 typings lack). */
export function isWellFormedText(s: string): boolean {
  return !LONE_SURROGATE.test(s);
}

/**
 * Text the analyst writes or quotes (quotes, comments, tags, names): at most `max` UTF-16 units and
 * well-formed Unicode. One schema for every way in (API, CLI, UI, importers), so whatever the app
 * holds it can export and read back.
 */
export function WellFormedText(max: number) {
  return z.string().max(max).refine(isWellFormedText, 'not well-formed Unicode (it holds a lone surrogate, U+D800–U+DFFF)');
}

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

/**
 * The name of a file, never a path: no folder separators, no NUL, not "." or "..". Used where a
 * name is shown or picks a format (an upload's name, a backup's name); the back end never opens it.
 */
export const FileName = z
  .string()
  .min(1)
  .max(255)
  .regex(/^(?!\.{1,2}$)[^/\\\u0000]+$/, 'a file name without folders');

// A moment as the workbench writes it (`new Date().toISOString()`, or with an offset): a real
// calendar day in years 0000-9999, so no file can smuggle in "+275760-09-13" or "2021-02-30".
const ISO_TIMESTAMP = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:Z|[+-](\d{2}):(\d{2}))$/;

export function isIsoTimestamp(v: string): boolean {
  const m = ISO_TIMESTAMP.exec(v);
  if (!m) return false;
  const day = new Date(`${m[1]}T00:00:00Z`);
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== m[1]) return false;
  const [h, mi, sec] = [Number(m[2]), Number(m[3]), Number(m[4])];
  const [oh, om] = [Number(m[5] ?? 0), Number(m[6] ?? 0)];
  return h < 24 && mi < 60 && sec < 60 && oh < 24 && om < 60;
}

export const IsoTimestamp = z.string().max(40).refine(isIsoTimestamp, 'an ISO 8601 time (YYYY-MM-DDThh:mm:ssZ)');
