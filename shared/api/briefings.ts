// API methods for briefing notes: briefings, sections, items, templates, exports, the export log
// and the print preview. Requests are strict objects, so a misspelt field is an error.
import { z } from 'zod';
import type { Briefing, BriefingItem, BriefingPlacement, BriefingReview, BriefingSummary, BriefingTemplate, CitationSource, ExportLogEntry, LiveSection, ResolvedBriefing, SourceEntry } from '../briefing';
import { BRIEFING_LANGUAGES, DATE_STYLES, EXPORT_FORMATS, GROUP_BYS, PLACEMENT_REASONS } from '../briefing';
import { isIsoDate } from '../date';
import { method } from './define';
import { DownloadSchema, FileSourceSchema, FileTargetSchema } from './files';
import { Id, Localized } from './schemas';

const IsoDate = z.string().refine(isIsoDate, 'date: YYYY-MM-DD');
/** A title that is not just blanks. */
const Title = z.string().max(500).refine((s) => s.trim().length > 0, 'must not be empty');
const Heading = z.string().max(500);
// A marking (取扱注意, 秘) is printed in every page's header and footer and in the file's
// properties: quotes and markup there are a paste accident, so they are refused, not escaped.
const Marking = z
  .string()
  .max(200)
  .refine((s) => !/[<>&"'“”‘’「」『』\u0000-\u001F\u007F-\u009F]/.test(s), 'marking must not contain quotes, markup (< > &) or control characters');
const LongText = z.string().max(100_000);
// The ministry form: one printed line each for 文書番号 and 宛先, so any control character
// (a line break too) is a paste accident; 発信 is a block of lines, so only line breaks pass.
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
const CONTROL_BUT_NEWLINE = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/;
const DocNumber = z.string().max(100).refine((s) => !CONTROL.test(s), 'docNumber must not contain control characters (line breaks, tabs, escapes)');
const Addressee = z.string().max(200).refine((s) => !CONTROL.test(s), 'addressee (宛先) must not contain control characters (line breaks, tabs, escapes)');
const Sender = z
  .string()
  .max(1000)
  .refine((s) => !CONTROL_BUT_NEWLINE.test(s), 'sender (発信) must not contain control characters other than line breaks')
  .refine((s) => s.split('\n').length <= 8, 'sender (発信) has at most 8 lines');
const Comment = z.string().max(20_000);
const Language = z.enum(BRIEFING_LANGUAGES);
const GroupBy = z.enum(GROUP_BYS);
const Format = z.enum(EXPORT_FORMATS);
const Position = z.number().int().min(0).max(100_000);

const ItemSchema = z.object({
  id: Id,
  annotationId: z.string().nullable(),
  statementId: z.string().nullable(),
  memoId: z.string().nullable().optional(),
  comment: z.string(),
  quoteAtAdd: z.string(),
}) satisfies z.ZodType<BriefingItem>;

/** The title-block fields (BriefingHeader), shared by stored and resolved briefings. */
const HeaderShape = {
  title: z.string(),
  subtitle: z.string(),
  author: z.string(),
  date: z.string(),
  marking: z.string(),
  language: Language,
  summary: z.string(),
  dateStyle: z.enum(DATE_STYLES),
  addressee: z.string(),
  sender: z.string(),
  docNumber: z.string(),
  toc: z.boolean(),
};

const MetaShape = {
  id: Id,
  ...HeaderShape,
  createdAt: z.string(),
  updatedAt: z.string(),
};

export const BriefingSchema = z.object({
  ...MetaShape,
  sections: z.array(
    z.object({ id: Id, heading: z.string(), body: z.string(), items: z.array(ItemSchema), pillarId: z.string().nullable().optional(), liveSince: z.string().nullable().optional() }),
  ),
}) satisfies z.ZodType<Briefing>;

const LiveSectionSchema = z.object({
  sectionId: Id,
  heading: z.string(),
  pillarId: z.string().nullable(),
  since: z.string().nullable(),
  live: z.boolean(),
  candidates: z.array(
    z.object({ annotationId: z.string(), statementId: z.string(), quote: z.string(), comment: z.string(), orphaned: z.boolean(), linkedAt: z.string() }),
  ),
}) satisfies z.ZodType<LiveSection>;

const PlacementSchema = z.object({
  id: Id,
  title: z.string(),
  updatedAt: z.string(),
  sections: z.array(z.object({ id: Id, heading: z.string(), pillarId: z.string().nullable(), live: z.boolean() })),
  lastSectionId: z.string().nullable(),
  suggested: z.object({ sectionId: z.string().nullable(), reason: z.enum(PLACEMENT_REASONS) }),
}) satisfies z.ZodType<BriefingPlacement>;

/** New annotations of a live section, accepted or dismissed together (one undo step). */
const LiveAnnotationIds = z.array(Id).min(1).max(5000);

export const BriefingSummarySchema = z.object({ ...MetaShape, sections: z.number().int(), items: z.number().int() }) satisfies z.ZodType<BriefingSummary>;

export const CitationSchema = z.object({
  documentId: z.string(),
  documentTitle: z.string(),
  issuer: z.string().nullable(),
  date: z.string().nullable(),
  statementId: z.string(),
  locator: z.number().int(),
  speaker: z.string().nullable(),
  headingPath: z.array(z.string()),
  page: z.number().int().positive().optional(),
  pageLabel: z.string().optional(),
  footnote: z.string().nullable().optional(),
  cell: z.object({ table: z.number().int(), row: z.number().int(), column: z.number().int(), header: z.string().nullable() }).nullable().optional(),
}) satisfies z.ZodType<CitationSource>;

const SourceSchema = z.object({
  number: z.number().int(),
  documentId: z.string(),
  documentTitle: z.string(),
  issuer: z.string().nullable(),
  date: z.string().nullable(),
  citedItems: z.number().int(),
}) satisfies z.ZodType<SourceEntry>;

export const ResolvedBriefingSchema = z.object({
  id: z.string().nullable(),
  ...HeaderShape,
  sections: z.array(
    z.object({
      id: z.string(),
      heading: z.string(),
      body: z.string(),
      items: z.array(
        z.object({
          id: z.string(),
          kind: z.enum(['annotation', 'statement', 'memo']),
          refId: z.string(),
          status: z.enum(['ok', 'orphaned', 'deleted', 'missing']),
          quote: z.string(),
          comment: z.string(),
          annotationComment: z.string().nullable(),
          citation: CitationSchema.nullable(),
          sourceNumber: z.number().int().nullable(),
          lastKnown: z
            .object({ documentId: z.string(), documentTitle: z.string().nullable(), issuer: z.string().nullable(), date: z.string().nullable(), locator: z.number().int().nullable() })
            .nullable()
            .optional(),
          seeSection: z.number().int().positive().nullable().optional(),
          memo: z.object({ memoId: z.string(), title: z.string(), date: z.string(), documentTitle: z.string().nullable() }).nullable().optional(),
        }),
      ),
    }),
  ),
  sources: z.array(SourceSchema),
  unresolved: z.number().int(),
}) satisfies z.ZodType<ResolvedBriefing>;

export const TemplateSchema = z.object({
  id: z.string(),
  name: z.string(),
  builtin: z.boolean(),
  description: Localized,
  spec: z.object({
    subtitle: z.string(),
    marking: z.string(),
    language: Language,
    summary: z.string(),
    groupBy: GroupBy.nullable(),
    pillars: z.array(z.string()),
    sections: z.array(z.object({ heading: z.string(), body: z.string() })),
  }),
  createdAt: z.string().nullable(),
}) satisfies z.ZodType<BriefingTemplate>;

export const ExportLogEntrySchema = z.object({
  id: z.number().int(),
  briefingId: z.string().nullable(),
  briefingTitle: z.string(),
  format: Format,
  path: z.string(),
  marking: z.string(),
  bytes: z.number().int(),
  author: z.string(),
  exportedAt: z.string(),
}) satisfies z.ZodType<ExportLogEntry>;

/** Where a new briefing's sections come from. */
export const BriefingSourceSchema = z.discriminatedUnion('from', [
  z.object({ from: z.literal('empty') }).strict(),
  z.object({ from: z.literal('annotations'), groupBy: GroupBy.optional(), pillars: z.array(Id).max(100).optional() }).strict(),
  z
    .object({ from: z.literal('selection'), annotationIds: z.array(Id).max(5000).optional(), statementIds: z.array(Id).max(5000).optional(), groupBy: GroupBy.nullable().optional() })
    .strict(),
  z.object({ from: z.literal('template'), templateId: z.string().min(1).max(200) }).strict(),
]);

const HeaderFields = {
  subtitle: Heading.optional(),
  date: IsoDate.optional(),
  marking: Marking.optional(),
  language: Language.optional(),
  summary: LongText.optional(),
  dateStyle: z.enum(DATE_STYLES).optional(),
  addressee: Addressee.optional(),
  sender: Sender.optional(),
  docNumber: DocNumber.optional(),
  toc: z.boolean().optional(),
};

const WithBriefing = z.object({ briefing: BriefingSchema });
const ExportResultSchema = z.object({
  fileName: z.string(),
  /** Where the desktop app (or the CLI) wrote it, for the notice; null for a download. */
  path: z.string().nullable(),
  bytes: z.number().int(),
  format: Format,
  log: ExportLogEntrySchema,
  download: DownloadSchema.nullable(),
});

const NullableDate = z.string().nullable();
export const BriefingReviewSchema = z.object({
  briefingId: z.string(),
  fileName: z.string(),
  exportedAt: NullableDate,
  comments: z.array(z.object({ id: z.string(), author: z.string(), date: NullableDate, text: z.string(), anchor: z.string(), fromExport: z.boolean() })),
  edits: z.array(z.object({ kind: z.enum(['insert', 'delete']), author: z.string(), date: NullableDate, text: z.string(), paragraph: z.string() })),
  changes: z.array(z.object({ before: z.string().nullable(), after: z.string().nullable() })),
}) satisfies z.ZodType<BriefingReview>;

export const briefingsApi = {
  'briefings.list': method(z.object({}).strict(), z.object({ briefings: z.array(BriefingSummarySchema) }), 'Every briefing (not deleted), most recently changed first.'),
  'briefings.get': method(
    z.object({ id: Id }).strict(),
    z.object({ briefing: BriefingSchema, resolved: ResolvedBriefingSchema }),
    'One briefing, and the same with each item quoted and cited as the exports will print it.',
  ),
  'briefings.create': method(
    z.object({ title: Title, ...HeaderFields, template: BriefingSourceSchema.optional() }).strict(),
    WithBriefing,
    'Create a briefing: empty, from all annotations grouped by pillar/document/speaker, from a selection, or from a saved template.',
  ),
  'briefings.update': method(
    z.object({ id: Id, title: Title.optional(), author: z.string().max(200).optional(), ...HeaderFields }).strict(),
    WithBriefing,
    'Rename a briefing or change its subtitle, date, marking, language or executive summary.',
  ),
  'briefings.duplicate': method(z.object({ id: Id, title: Title.optional() }).strict(), WithBriefing, 'Copy a briefing with all its sections, items and comments.'),
  'briefings.delete': method(
    z.object({ id: Id }).strict(),
    z.object({ deleted: z.object({ id: Id, title: z.string() }) }),
    'Delete a briefing (undo with briefings.undoDelete).',
  ),
  'briefings.undoDelete': method(z.object({ id: Id.optional() }).strict(), WithBriefing, 'Bring back a deleted briefing (the most recently deleted one without an id).'),
  'briefings.sections.add': method(
    z.object({ briefingId: Id, heading: Heading, body: LongText.optional(), position: Position.optional() }).strict(),
    z.object({ briefing: BriefingSchema, sectionId: Id }),
    'Add a section (at the end, or at position).',
  ),
  'briefings.sections.update': method(z.object({ sectionId: Id, heading: Heading.optional(), body: LongText.optional() }).strict(), WithBriefing, "Change a section's heading or text."),
  'briefings.sections.move': method(z.object({ sectionId: Id, position: Position }).strict(), WithBriefing, 'Move a section to a new position (0-based).'),
  'briefings.sections.delete': method(z.object({ sectionId: Id }).strict(), WithBriefing, 'Delete a section with its items.'),
  'briefings.items.add': method(
    z
      .object({ sectionId: Id, annotationId: Id.optional(), statementId: Id.optional(), memoId: Id.optional(), comment: Comment.optional(), position: Position.optional() })
      .strict()
      .refine((r) => [r.annotationId, r.statementId, r.memoId].filter((x) => x !== undefined).length === 1, {
        message: 'give exactly one of annotationId, statementId or memoId',
        path: ['annotationId'],
      }),
    z.object({ briefing: BriefingSchema, itemId: Id }),
    'Quote an annotation, a whole statement or one of the analyst\'s memos in a section.',
  ),
  'briefings.placement': method(
    z.object({ annotationIds: z.array(Id).max(5000) }).strict(),
    z.object({ briefings: z.array(PlacementSchema) }),
    "For the section picker of 「ブリーフィングへ」: every briefing with its sections and the section proposed for these annotations (the section of their pillar, else the one chosen last time, else the last one).",
  ),
  'briefings.placement.remember': method(
    z.object({ briefingId: Id, sectionId: Id }).strict(),
    z.object({ remembered: z.literal(true) }),
    'Remember the section the analyst chose for a briefing, so the picker proposes it next time (a preference kept in the workspace; not undoable).',
  ),
  'briefings.sections.follow': method(
    z.object({ sectionId: Id, pillarId: Id.nullable() }).strict(),
    WithBriefing,
    'Make a section follow a pillar from now on (annotations filed under it later are offered as new), or stop following (null).',
  ),
  'briefings.live': method(
    z.object({ id: Id }).strict(),
    z.object({ sections: z.array(LiveSectionSchema) }),
    'The sections of a briefing that follow a pillar, each with the annotations filed under it since, not in the briefing and not dismissed. Nothing here is exported until accepted.',
  ),
  'briefings.live.accept': method(
    z.object({ sectionId: Id, annotationIds: LiveAnnotationIds }).strict(),
    z.object({ briefing: BriefingSchema, itemIds: z.array(Id) }),
    "Add new annotations of a live section to it as evidence (one undoable change); refused whole if any is not among the section's new annotations.",
  ),
  'briefings.live.dismiss': method(
    z.object({ sectionId: Id, annotationIds: LiveAnnotationIds }).strict(),
    WithBriefing,
    "Dismiss new annotations of a live section: not offered again (one undoable change); refused whole if any is not among the section's new annotations.",
  ),
  'briefings.items.update': method(z.object({ itemId: Id, comment: Comment }).strict(), WithBriefing, "Change the analyst's comment on an item."),
  'briefings.items.move': method(
    z.object({ itemId: Id, sectionId: Id.optional(), position: Position }).strict(),
    WithBriefing,
    'Move an item within its section or to another section of the same briefing.',
  ),
  'briefings.items.delete': method(z.object({ itemId: Id }).strict(), WithBriefing, 'Remove an item from its section.'),
  'briefings.templates.list': method(z.object({}).strict(), z.object({ templates: z.array(TemplateSchema) }), 'Built-in templates and the analyst’s saved ones.'),
  'briefings.templates.save': method(
    z.object({ briefingId: Id, name: Title, groupBy: GroupBy.nullable().optional(), pillars: z.array(Id).max(100).optional() }).strict(),
    z.object({ template: TemplateSchema }),
    "Save a briefing's frame (headings, texts, marking, language, summary) as a template.",
  ),
  'briefings.templates.delete': method(z.object({ id: Id }).strict(), z.object({ deleted: z.literal(true) }), 'Delete a saved template.'),
  'briefings.export': method(
    z.object({ id: Id, format: Format, target: FileTargetSchema, job: z.string().min(1).max(100).optional() }).strict(),
    ExportResultSchema,
    'Render the briefing as DOCX, PDF, Markdown or HTML to a target: the file chosen in the save dialog (handle) or a download. With a job id it can be cancelled.',
  ),
  'briefings.exportDraft': method(
    z.object({ title: Title, ...HeaderFields, template: BriefingSourceSchema.optional(), format: Format, target: FileTargetSchema }).strict(),
    ExportResultSchema,
    'Build a briefing on the spot (all annotations by pillar unless a template says otherwise) and export it without saving it; the export log records it.',
  ),
  'briefings.exportCancel': method(
    z.object({ job: z.string().min(1).max(100) }).strict(),
    z.object({ cancelled: z.boolean() }),
    'Cancel a running export by its job id before its file is written (it then fails with "cancelled"); false when none is running.',
  ),
  'briefings.exportLog': method(
    z.object({ briefingId: Id.optional(), limit: z.number().int().min(1).max(10_000).optional() }).strict(),
    z.object({ entries: z.array(ExportLogEntrySchema) }),
    'Every export (when, what, where, which marking, format), newest first.',
  ),
  'briefings.review': method(
    z.object({ id: Id, source: FileSourceSchema }).strict(),
    z.object({ review: BriefingReviewSchema }),
    "Read back a DOCX of this briefing that a reviewer edited in Word (open-dialog handle or upload): the reviewer's comments with the words they are anchored on, tracked insertions and deletions, or paragraphs that read differently. Nothing is written: the briefing stays as it is.",
  ),
  'briefings.preview': method(
    z.object({ id: Id }).strict(),
    z.object({ html: z.string(), csp: z.string() }),
    'The print HTML of a briefing, for a live preview in a sandboxed iframe (no scripts, no external resources).',
  ),
};
