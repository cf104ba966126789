// API methods for getting coded material back out: the code matrix, code co-occurrence, coded
// segments (list, export, into a briefing), the timeline and memos.
import { z } from 'zod';
import type { CodedSegment, CodingMatrix, Cooccurrence, Memo, SegmentFilter, SegmentPage, Timeline } from '../retrieval';
import { MAX_SEGMENT_PAGE } from '../retrieval';
import { BriefingSchema, CitationSchema } from './briefings';
import { method } from './define';
import { DownloadSchema, FileTargetSchema } from './files';
import { Id } from './schemas';

const AxisEntry = z.object({ id: z.string(), label: z.string() });

export const CodingMatrixSchema = z.object({
  rows: z.array(AxisEntry),
  cols: z.array(AxisEntry),
  cells: z.array(z.array(z.number().int())),
  rowTotals: z.array(z.number().int()),
  colTotals: z.array(z.number().int()),
  annotations: z.number().int(),
}) satisfies z.ZodType<CodingMatrix>;

export const CooccurrenceSchema = z.object({
  codes: z.array(z.object({ id: z.string(), label: z.string(), statements: z.number().int() })),
  counts: z.array(z.array(z.number().int())),
  jaccard: z.array(z.array(z.number())),
}) satisfies z.ZodType<Cooccurrence>;

/** A document date bound: a year, a month or a day. */
const DateBound = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'date: YYYY, YYYY-MM or YYYY-MM-DD');
/** A tag as filter value: the tag length cap of the annotate service, and never empty. */
const TagValue = z.string().min(1, 'tag must not be empty').max(200, 'tag: at most 200 characters');
// Lists are capped so a pasted list of 10,000 tags is refused with a message, not run as SQL.
export const SegmentFilterSchema = z
  .object({
    pillars: z.array(Id).max(500).optional(),
    includeChildPillars: z.boolean().optional(),
    tags: z.array(TagValue).max(500).optional(),
    documents: z.array(Id).max(2000).optional(),
    speakers: z.array(z.string().max(500)).max(500).optional(),
    from: DateBound.optional(),
    to: DateBound.optional(),
    importance: z.array(z.number().int().min(1, 'importance: 1 to 3').max(3, 'importance: 1 to 3').nullable()).max(4).optional(),
    text: z.string().max(1000).optional(),
  })
  .strict() satisfies z.ZodType<SegmentFilter>;

const SortSchema = z.enum(['document', 'date', 'pillar', 'updated']);

export const CodedSegmentSchema = z.object({
  annotationId: z.string(),
  documentId: z.string(),
  documentTitle: z.string(),
  statementId: z.string(),
  offsets: z.object({ start: z.number().int(), end: z.number().int(), docStart: z.number().int(), docEnd: z.number().int() }),
  scope: z.enum(['span', 'statement']),
  quote: z.string(),
  before: z.string(),
  after: z.string(),
  comment: z.string(),
  tags: z.array(z.string()),
  pillars: z.array(z.string()),
  importance: z.number().int().nullable(),
  author: z.string(),
  date: z.string().nullable(),
  speaker: z.string().nullable(),
  citation: CitationSchema,
  citationText: z.object({ ja: z.string(), en: z.string() }),
  createdAt: z.string(),
  updatedAt: z.string(),
}) satisfies z.ZodType<CodedSegment>;

export const SegmentPageSchema = z.object({
  total: z.number().int(),
  items: z.array(CodedSegmentSchema),
  nextCursor: z.string().nullable(),
}) satisfies z.ZodType<SegmentPage>;

const TimelinePointSchema = z.object({
  date: z.string(),
  statements: z.number().int(),
  annotations: z.number().int(),
  annotationIds: z.array(z.string()),
  documentIds: z.array(z.string()),
});

export const TimelineSchema = z.object({
  bucket: z.enum(['day', 'month', 'year']),
  lanes: z.array(z.object({ pillarId: z.string(), label: z.string(), color: z.string(), points: z.array(TimelinePointSchema) })),
  undated: z.array(
    z.object({ documentId: z.string(), title: z.string(), pillarId: z.string(), statements: z.number().int(), annotations: z.number().int(), annotationIds: z.array(z.string()) }),
  ),
  range: z.object({ from: z.string(), to: z.string() }).nullable(),
}) satisfies z.ZodType<Timeline>;

export const MemoSchema = z.object({
  id: Id,
  documentId: z.string().nullable(),
  documentTitle: z.string().nullable(),
  title: z.string(),
  body: z.string(),
  author: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
}) satisfies z.ZodType<Memo>;

const MemoTitle = z
  .string()
  .max(500, 'title: at most 500 characters')
  .refine((s) => s.trim().length > 0, 'title must not be empty');
const MemoBody = z.string().max(1_000_000, 'body: at most 1,000,000 characters');

export const retrievalApi = {
  'retrieval.matrix': method(
    z.object({ rows: z.enum(['pillar', 'tag']), cols: z.enum(['document', 'speaker', 'pillar', 'tag']) }).strict(),
    CodingMatrixSchema,
    'Live annotations per code (pillar or tag) and document / speaker / code, with row and column totals.',
  ),
  'retrieval.cooccurrence': method(
    z.object({ limit: z.number().int().min(1).max(300).optional() }).strict(),
    CooccurrenceSchema,
    'Pillars and tags coding the same statement: counts and Jaccard (the most used codes, at most 300).',
  ),
  'retrieval.segments': method(
    z
      .object({
        filter: SegmentFilterSchema.optional(),
        sort: SortSchema.optional(),
        limit: z.number().int().min(1).max(MAX_SEGMENT_PAGE).optional(),
        /** The previous page's nextCursor (same filter and sort). */
        cursor: z.string().max(2000).optional(),
        /** 0-based page number, for jumping; ignored when a cursor is given. */
        page: z.number().int().min(0).max(1_000_000).optional(),
      })
      .strict(),
    SegmentPageSchema,
    'Coded segments: every live annotation matching the filter, with its quote in context, comment, codes and citation, one page at a time.',
  ),
  'retrieval.segments.export': method(
    z.object({ filter: SegmentFilterSchema.optional(), sort: SortSchema.optional(), format: z.enum(['csv', 'xlsx']), target: FileTargetSchema }).strict(),
    z.object({ fileName: z.string(), path: z.string().nullable(), segments: z.number().int(), bytes: z.number().int(), download: DownloadSchema.nullable() }),
    'Write the matching coded segments as CSV (UTF-8 with BOM) or XLSX to a target: a save-dialog handle or a download.',
  ),
  'retrieval.segments.toBriefing': method(
    z.object({ sectionId: Id, annotationIds: z.array(Id).min(1, 'select at least one segment').max(MAX_SEGMENT_PAGE) }).strict(),
    z.object({ briefing: BriefingSchema, itemIds: z.array(Id) }),
    'Add the selected segments as evidence items at the end of a briefing section, as one undoable change.',
  ),
  'retrieval.timeline': method(
    z.object({ filter: SegmentFilterSchema.optional(), bucket: z.enum(['day', 'month', 'year']).optional() }).strict(),
    TimelineSchema,
    'Coded statements over document dates, one lane per pillar; undated documents listed apart.',
  ),

  'memo.list': method(
    z
      .object({
        /** A document's memos; null: the workspace memos only; absent: every memo. */
        documentId: Id.nullable().optional(),
      })
      .strict(),
    z.object({ memos: z.array(MemoSchema) }),
    "The analyst's memos (on documents and on the workspace), latest change first.",
  ),
  'memo.get': method(z.object({ id: Id }).strict(), MemoSchema, 'One memo.'),
  'memo.create': method(
    z.object({ documentId: Id.nullable().optional(), title: MemoTitle, body: MemoBody.optional() }).strict(),
    MemoSchema,
    'Write a memo on a document (documentId) or on the workspace (no documentId); undoable.',
  ),
  'memo.update': method(z.object({ id: Id, title: MemoTitle.optional(), body: MemoBody.optional() }).strict(), MemoSchema, "Change a memo's title or text; undoable."),
  'memo.delete': method(z.object({ id: Id }).strict(), z.object({ id: Id }), 'Delete a memo; undoable.'),
};
