// API methods for the analyst's layer: pillars, annotations, tags, suggestions, undo/redo,
// history, backups and annotation exchange files. Requests are strict: a typo is an error.
import { z } from 'zod';
import type { ActivityEntry, Annotation, UndoState } from '../annotations';
import type { Pillar, PillarSuggestion } from '../pillars';
import { method } from './define';
import { DownloadSchema, FileSourceSchema, FileTargetSchema } from './files';
import { FileName, Id, Localized, WellFormedText } from './schemas';


export const PillarSchema = z.object({
  id: Id,
  nameJa: z.string(),
  nameEn: z.string(),
  descriptionJa: z.string(),
  descriptionEn: z.string(),
  color: z.string(),
  position: z.number().int(),
  parentId: z.string().nullable(),
  isDefault: z.boolean(),
  archived: z.boolean(),
  annotationCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
}) satisfies z.ZodType<Pillar>;

export const AnnotationSchema = z.object({
  id: Id,
  statementId: Id,
  documentId: Id,
  target: z.object({
    scope: z.enum(['span', 'statement']),
    quote: z.object({ exact: z.string(), prefix: z.string(), suffix: z.string() }),
    position: z.object({ start: z.number().int(), end: z.number().int() }),
    docStart: z.number().int(),
    docEnd: z.number().int(),
  }),
  orphaned: z.boolean(),
  anchoredBy: z.enum(['created', 'position', 'quote', 'fuzzy', 'orphaned']),
  comment: z.string(),
  tags: z.array(z.string()),
  pillarIds: z.array(z.string()),
  importance: z.number().int().nullable(),
  author: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
}) satisfies z.ZodType<Annotation>;

const EvidenceSchema = z.object({ term: z.string(), start: z.number().int(), end: z.number().int() });
export const SuggestionSchema = z.object({ pillar: z.string(), score: z.number(), evidence: z.array(EvidenceSchema) }) satisfies z.ZodType<PillarSuggestion>;
const StatementSuggestionSchema = SuggestionSchema.extend({ linked: z.boolean(), rejected: z.boolean() });

const ChangeKindSchema = z.enum([
  'annotation.create',
  'annotation.update',
  'annotation.delete',
  'annotation.import',
  'annotation.reanchor',
  'pillar.create',
  'pillar.update',
  'pillar.archive',
  'pillar.delete',
  'pillar.reorder',
  'pillar.terms',
  'suggestion.accept',
  'suggestion.reject',
  'briefing.create',
  'briefing.update',
  'briefing.delete',
  'briefing.restore',
  'briefing.section.add',
  'briefing.section.update',
  'briefing.section.move',
  'briefing.section.delete',
  'briefing.item.add',
  'briefing.item.update',
  'briefing.item.move',
  'briefing.item.delete',
  'briefing.section.follow',
  'briefing.live.dismiss',
  'document.meta',
  'document.import',
  'document.remove',
  'memo.create',
  'memo.update',
  'memo.delete',
]);

export const ActivitySchema = z.object({
  seq: z.number().int(),
  action: z.enum(['do', 'undo', 'redo', 'reanchor']),
  kind: ChangeKindSchema,
  label: Localized,
  annotationId: z.string().nullable(),
  pillarId: z.string().nullable(),
  author: z.string(),
  at: z.string(),
}) satisfies z.ZodType<ActivityEntry>;

const UndoStep = z.object({ label: Localized, at: z.string() }).nullable();
export const UndoStateSchema = z.object({ undo: UndoStep, redo: UndoStep }) satisfies z.ZodType<UndoState>;

export const BackupSchema = z.object({
  file: z.string(),
  path: z.string(),
  createdAt: z.string(),
  reason: z.string(),
  bytes: z.number().int(),
  /** From the backup folder's manifest; null for a file named by path that no manifest lists. */
  sha256: z.string().nullable(),
  /** The last journal change the copy holds. */
  journalPosition: z.number().int(),
});

const Importance = z.number().int().min(1).max(3).nullable();
const Tag = WellFormedText(64).min(1);
const Offset = z.number().int().min(0);
const Color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'color: #rrggbb');
const Text = WellFormedText;

/**
 * The limits on an annotation's and a pillar's fields, shared by the API requests below and the
 * annotation exchange file (electron/annotate/exchange.ts), so a file holds only what the API accepts.
 */
export const AnnotationFields = {
  quote: Text(100_000),
  offset: Offset,
  comment: Text(20_000),
  tags: z.array(Tag).max(50),
  pillarIds: z.array(Id).max(50),
  importance: Importance,
};
export const PillarFields = {
  name: Text(120),
  description: Text(2000),
  color: Color,
  parentId: Id.nullable(),
};

const Replayed = z.object({
  done: z.boolean(),
  kind: ChangeKindSchema.nullable(),
  label: Localized.nullable(),
  annotationIds: z.array(z.string()),
  pillarIds: z.array(z.string()),
  /** Briefings the replay changed, for the composer to reload (always sent; optional for older clients' fakes). */
  briefingIds: z.array(z.string()).optional(),
  state: UndoStateSchema,
});

const ImportReport = z.object({
  annotations: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  orphaned: z.number().int(),
  pillarsCreated: z.array(z.string()),
});

export const annotationsApi = {
  'pillars.list': method(z.object({ includeArchived: z.boolean().optional() }).strict(), z.object({ pillars: z.array(PillarSchema) }), 'The pillar taxonomy in order (parents before their sub-pillars), with usage counts.'),
  'pillars.create': method(
    z.object({ id: z.string().optional(), nameJa: Text(120), nameEn: Text(120).optional(), descriptionJa: Text(2000).optional(), descriptionEn: Text(2000).optional(), color: Color.optional(), parentId: Id.nullable().optional() }).strict(),
    z.object({ pillar: PillarSchema }),
    'Add a pillar (or a sub-pillar with parentId).',
  ),
  'pillars.update': method(
    z.object({ id: Id, nameJa: Text(120).optional(), nameEn: Text(120).optional(), descriptionJa: Text(2000).optional(), descriptionEn: Text(2000).optional(), color: Color.optional(), parentId: Id.nullable().optional() }).strict(),
    z.object({ pillar: PillarSchema }),
    'Rename, recolour, describe or re-nest a pillar.',
  ),
  'pillars.archive': method(z.object({ id: Id, archived: z.boolean().default(true) }).strict(), z.object({ pillar: PillarSchema }), 'Archive (or unarchive) a pillar; its links stay.'),
  'pillars.delete': method(z.object({ id: Id }).strict(), z.object({ deleted: z.literal(true) }), 'Delete an unused pillar (a used one: conflict; archive it instead).'),
  'pillars.reorder': method(z.object({ parentId: Id.nullable(), ids: z.array(Id).min(1) }).strict(), z.object({ pillars: z.array(PillarSchema) }), 'Order the sub-pillars of parentId (null: the top level).'),
  'pillars.terms': method(
    z.object({ pillarId: Id.optional() }).strict(),
    z.object({
      threshold: z.number(),
      saturation: z.number(),
      terms: z.array(z.object({ pillarId: z.string(), term: z.string(), weight: z.number(), source: z.enum(['bundled', 'analyst', 'name']) })),
    }),
    'The suggestion rules in force (bundled, the analyst’s own, and pillar names).',
  ),
  'pillars.setTerm': method(z.object({ pillarId: Id, term: Text(100), weight: z.number().min(-10).max(10).nullable() }).strict(), z.object({ ok: z.literal(true) }), 'Add, reweigh or (weight null) remove an analyst suggestion term.'),

  'annotations.create': method(
    z
      .object({
        statementId: Id,
        quote: Text(100_000).optional(),
        start: Offset.optional(),
        end: Offset.optional(),
        comment: Text(20_000).optional(),
        tags: z.array(Tag).max(50).optional(),
        pillarIds: z.array(Id).max(50).optional(),
        importance: Importance.optional(),
        /** Who wrote it, when not the context's author (the CLI's --author). */
        author: WellFormedText(200).optional(),
      })
      .strict(),
    z.object({ annotation: AnnotationSchema }),
    'Annotate a span (quote, optionally with its start offset) or the whole statement (no quote).',
  ),
  'annotations.update': method(
    z
      .object({
        id: Id,
        comment: Text(20_000).optional(),
        tags: z.array(Tag).max(50).optional(),
        pillarIds: z.array(Id).max(50).optional(),
        importance: Importance.optional(),
        quote: Text(100_000).optional(),
        start: Offset.optional(),
        end: Offset.optional(),
        wholeStatement: z.boolean().optional(),
      })
      .strict(),
    z.object({ annotation: AnnotationSchema }),
    'Edit an annotation (comment, tags, pillars, importance, or its span within the statement).',
  ),
  'annotations.delete': method(z.object({ id: Id }).strict(), z.object({ deleted: z.literal(true), state: UndoStateSchema }), 'Delete an annotation (undoable).'),
  'annotations.get': method(z.object({ id: Id }).strict(), z.object({ annotation: AnnotationSchema }), 'One annotation.'),
  'annotations.list': method(
    z
      .object({ statementId: Id.optional(), documentId: Id.optional(), pillarId: Id.optional(), tag: Tag.optional(), orphaned: z.boolean().optional(), limit: z.number().int().min(1).max(100_000).optional() })
      .strict(),
    z.object({ annotations: z.array(AnnotationSchema) }),
    'Annotations matching every filter given, in reading order (orphans last).',
  ),
  'tags.list': method(z.object({}).strict(), z.object({ tags: z.array(z.object({ tag: z.string(), count: z.number().int() })) }), 'Tags in use, most used first.'),

  'suggestions.forStatement': method(
    z.object({ statementId: Id, includeRejected: z.boolean().optional() }).strict(),
    z.object({ suggestions: z.array(StatementSuggestionSchema) }),
    'Pillars suggested for a statement, with score and evidence offsets into its text.',
  ),
  'suggestions.forDocument': method(
    z.object({ documentId: Id }).strict(),
    z.object({ statements: z.array(z.object({ statementId: z.string(), suggestions: z.array(StatementSuggestionSchema) })) }),
    "Suggestions for every statement of a document that has any (rejected ones left out).",
  ),
  'suggestions.unfiled': method(
    z.object({ pillarId: Id.optional(), limit: z.number().int().min(1).max(1000).default(50), after: Id.optional() }).strict(),
    z.object({
      statements: z.array(z.object({ statementId: z.string(), documentId: z.string(), text: z.string(), suggestions: z.array(SuggestionSchema) })),
      next: z.string().nullable(),
    }),
    'Statements filed under no pillar that have a suggestion (the pillar board’s unfiled column), paged.',
  ),
  'suggestions.forText': method(z.object({ text: Text(100_000) }).strict(), z.object({ suggestions: z.array(SuggestionSchema) }), 'Pillars suggested for any text (e.g. a selection).'),
  'suggestions.accept': method(
    z.object({ statementId: Id, pillarId: Id }).strict(),
    z.object({ annotation: AnnotationSchema, created: z.boolean() }),
    'Accept a suggestion: the statement is linked to the pillar.',
  ),
  'suggestions.reject': method(z.object({ statementId: Id, pillarId: Id }).strict(), z.object({ ok: z.literal(true) }), 'Reject a suggestion; remembered for that statement.'),

  'history.undo': method(z.object({}).strict(), Replayed, 'Undo the last change to annotations, pillars or briefings.'),
  'history.redo': method(z.object({}).strict(), Replayed, 'Redo the last undone change.'),
  'history.state': method(z.object({}).strict(), UndoStateSchema, 'What undo and redo would do (labels for the buttons), or null.'),
  'history.forStatement': method(
    z.object({ statementId: Id.nullable(), limit: z.number().int().min(1).max(10_000).optional() }).strict(),
    z.object({ activity: z.array(ActivitySchema) }),
    "A statement's activity, newest first (null: all activity).",
  ),

  'backups.list': method(z.object({}).strict(), z.object({ directory: z.string(), backups: z.array(BackupSchema) }), 'Backups of the database, newest first.'),
  'backups.create': method(
    z.object({}).strict(),
    // pruneRefused: why older backups were all kept although the tiers would drop some (the workspace failed its full check).
    z.object({ backup: BackupSchema, pruned: z.array(z.string()), pruneRefused: z.string().nullable() }),
    'Back up the workspace now (verified; older backups rotated by the time tiers).',
  ),
  'backups.restore': method(
    z.object({ file: FileName }).strict(),
    z.object({ restored: BackupSchema, safetyCopy: z.string().nullable() }),
    'Replace the database with a backup (the current one is kept as a safety copy first).',
  ),

  'annotations.export': method(
    z.object({ target: FileTargetSchema, documentId: Id.optional(), pillarId: Id.optional() }).strict(),
    z.object({ fileName: z.string(), path: z.string().nullable(), annotations: z.number().int(), bytes: z.number().int(), download: DownloadSchema.nullable() }),
    'Write annotations (and the pillars they use) as a versioned JSON file to a target: the file chosen in the save dialog (handle) or a download.',
  ),
  'annotations.import': method(
    z.object({ source: FileSourceSchema }).strict(),
    ImportReport,
    'Read an annotations file (chosen in the open dialog, or uploaded); all or nothing, re-anchored on this corpus.',
  ),
};
