// Interchange without a network: annotations as the workbench's JSON exchange file or as W3C Web
// Annotations (JSON-LD), any of them read back with the format found from the content, and whole
// workspaces as bundles that merge. Files cross as handles, downloads and uploads, never paths.
import { z } from 'zod';
import { method } from './define';
import { DownloadSchema, FileSourceSchema, FileTargetSchema } from './files';
import { Id, Localized } from './schemas';

export const ANNOTATION_EXPORT_FORMATS = ['json', 'webanno'] as const;
export type AnnotationExportFormat = (typeof ANNOTATION_EXPORT_FORMATS)[number];

const Written = z.object({ fileName: z.string(), path: z.string().nullable(), bytes: z.number().int(), download: DownloadSchema.nullable() });
const SkippedSchema = z.object({ id: z.string(), reason: Localized });
const MergeCount = z.object({ added: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), conflicts: z.number().int() });
const Counts = z.object({ pillars: z.number().int(), annotations: z.number().int(), briefings: z.number().int(), templates: z.number().int(), documents: z.number().int(), originals: z.number().int() });

export const BundleReportSchema = z.object({
  dryRun: z.boolean(),
  manifest: z.object({ appVersion: z.string(), workspaceId: z.string(), createdAt: z.string(), createdBy: z.string(), counts: Counts }),
  documents: MergeCount,
  pillars: MergeCount,
  annotations: MergeCount,
  briefings: MergeCount,
  templates: MergeCount,
  conflictIds: z.array(z.string()),
  skipped: z.array(SkippedSchema),
  /**
   * After a preview: the checked bundle held for the import that follows, as an upload source
   * (a dialog handle is good for one read); null after an import, or when too large to hold.
   */
  staged: z.object({ upload: z.string(), fileName: z.string() }).nullable(),
});
export type BundleReportData = z.infer<typeof BundleReportSchema>;

/** One report for every format read: counts of annotations, with what was skipped and why. */
export const InterchangeReportSchema = z.object({
  format: z.enum(['json', 'webanno', 'bundle']),
  dryRun: z.boolean(),
  annotations: z.number().int(),
  added: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  conflicts: z.number().int(),
  orphaned: z.number().int(),
  pillarsAdded: z.array(z.string()),
  skipped: z.array(SkippedSchema),
  /** For a bundle: the per-kind counts of the merge. */
  bundle: BundleReportSchema.nullable(),
});
export type InterchangeReport = z.infer<typeof InterchangeReportSchema>;

export const interchangeApi = {
  'interchange.export': method(
    z.object({ target: FileTargetSchema, format: z.enum(ANNOTATION_EXPORT_FORMATS), documentId: Id.optional(), pillarId: Id.optional(), briefingId: Id.optional() }).strict(),
    Written.extend({ format: z.enum(ANNOTATION_EXPORT_FORMATS), annotations: z.number().int() }),
    'Write annotations (all, or of one document, pillar or briefing) as the JSON exchange file or a W3C Web Annotation collection (JSON-LD).',
  ),
  'interchange.import': method(
    z.object({ source: FileSourceSchema, dryRun: z.boolean().optional() }).strict(),
    InterchangeReportSchema,
    'Read annotations in any format this app writes (found from the content: exchange JSON, Web Annotation JSON-LD, workspace bundle); dryRun only reports what would change.',
  ),
  'bundle.export': method(z.object({ target: FileTargetSchema }).strict(), Written.extend({ counts: Counts }), 'Write the whole workspace (pillars, annotations, briefings, templates, imported originals) as one bundle file.'),
  'bundle.import': method(
    z.object({ source: FileSourceSchema, dryRun: z.boolean().optional() }).strict(),
    BundleReportSchema,
    'Merge a workspace bundle by stable ids (dryRun: the preview only); one undoable change; conflicting edits keep both versions.',
  ),
};
