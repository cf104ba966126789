// REFI-QDA interchange over the API (issue 16): export a `.qdpx` project or `.qdc` code book to a
// target, preview an incoming project (what will be added, matched and left alone, with reasons),
// then import exactly what was previewed. Files cross as handles or uploads, never as paths.
import { z } from 'zod';
import { method } from './define';
import { DownloadSchema, FileSourceSchema, FileTargetSchema } from './files';
import { Id, Localized } from './schemas';

/** A previewed project held by the back end for the import that follows (a short-lived token). */
const StagedToken = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'a staged-import token');

const PlanItemSchema = z.object({ guid: z.string(), name: z.string(), target: z.string().nullable(), reason: Localized });

export const QdaPlanSchema = z.object({
  fileName: z.string(),
  format: z.enum(['qdpx', 'qdc']),
  origin: z.string(),
  codes: z.object({ added: z.array(PlanItemSchema), matched: z.array(PlanItemSchema), tags: z.array(PlanItemSchema), leftAlone: z.array(PlanItemSchema) }),
  sources: z.object({ added: z.array(PlanItemSchema), matched: z.array(PlanItemSchema), leftAlone: z.array(PlanItemSchema) }),
  selections: z.object({
    total: z.number().int(),
    added: z.number().int(),
    matched: z.number().int(),
    placed: z.number().int(),
    orphaned: z.number().int(),
    inNewDocuments: z.number().int(),
    clipped: z.number().int(),
    leftAlone: z.array(PlanItemSchema),
  }),
});

export const qdaApi = {
  'exchange.qdaExport': method(
    z.object({ target: FileTargetSchema, format: z.enum(['qdpx', 'qdc']), documentId: Id.optional(), pillarId: Id.optional() }).strict(),
    z.object({
      fileName: z.string(),
      path: z.string().nullable(),
      bytes: z.number().int(),
      download: DownloadSchema.nullable(),
      codes: z.number().int(),
      sources: z.number().int(),
      selections: z.number().int(),
      orphansLeftOut: z.number().int(),
    }),
    'Write pillars (as the code book), tags, documents and annotations as a REFI-QDA project (.qdpx) or the code book alone (.qdc).',
  ),
  'exchange.qdaPreview': method(
    z.object({ source: FileSourceSchema }).strict(),
    QdaPlanSchema.extend({ staged: StagedToken }),
    'Read a REFI-QDA project or code book and say what importing it would add, match and leave alone (nothing written); `staged` imports exactly it.',
  ),
  'exchange.qdaImport': method(
    z.union([z.object({ staged: StagedToken }).strict(), z.object({ source: FileSourceSchema }).strict()]),
    QdaPlanSchema.extend({ documentsCreated: z.array(z.string()), pillarsCreated: z.array(z.string()), annotationsCreated: z.number().int() }),
    'Import a previewed (staged) or given REFI-QDA project: new documents, then pillars and annotations as one undoable change.',
  ),
};
