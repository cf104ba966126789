// API methods for search: full-text query, as-you-type suggestions, the quick-open palette and
// the analyst's variant dictionary. Requests are strict; responses mirror shared/search.ts.
import { z } from 'zod';
import type { NoteHit, QuickOpenItem, SearchResult, Suggestion, VariantDictionary } from '../search';
import { method } from './define';
import { Localized } from './schemas';


const SnippetSegmentSchema = z.object({ text: z.string(), mark: z.boolean() });
const SpanSchema = z.tuple([z.number().int(), z.number().int()]);

export const SearchHitSchema = z.object({
  statementId: z.string(),
  documentId: z.string(),
  documentTitle: z.string(),
  headingPath: z.array(z.string()),
  speaker: z.string().nullable(),
  text: z.string(),
  snippet: z.array(SnippetSegmentSchema),
  score: z.number(),
  matches: z.array(SpanSchema),
  partial: z.boolean().optional(),
  missing: z.array(z.string()).optional(),
});

const FacetSchema = z.object({ id: z.string(), label: z.string(), count: z.number().int() });

export const NoteHitSchema = z.object({
  kind: z.enum(['annotation', 'memo', 'briefing', 'briefing-section', 'briefing-item']),
  id: z.string(),
  title: z.string(),
  snippet: z.string(),
  matches: z.array(z.object({ start: z.number().int(), end: z.number().int() })),
  documentId: z.string().nullable(),
  statementId: z.string().nullable(),
  briefingId: z.string().nullable(),
  updatedAt: z.string(),
}) satisfies z.ZodType<NoteHit>;

export const SearchResultSchema = z.object({
  query: z.string(),
  total: z.number().int(),
  tookMs: z.number(),
  hits: z.array(SearchHitSchema),
  facets: z.object({ documents: z.array(FacetSchema), pillars: z.array(FacetSchema), speakers: z.array(FacetSchema), tags: z.array(FacetSchema) }),
  expansions: z.array(z.object({ term: z.string(), variants: z.array(z.string()) })),
  messages: z.array(
    z.object({
      code: z.enum(['empty-query', 'empty-term', 'unbalanced-quote', 'dangling-or', 'lone-minus', 'bad-date', 'empty-filter', 'unknown-filter', 'negated-filter', 'too-many-terms', 'long-term', 'only-exclusions', 'approximate-ranking', 'bad-filter-value', 'unknown-filter-word', 'literal-operator', 'speaker-offer', 'partial-match']),
      message: Localized,
      subject: z.string().optional(),
    }),
  ),
  ranking: z.enum(['bm25', 'bm25-candidates', 'document-order']),
  notes: z.array(NoteHitSchema).optional(),
}) satisfies z.ZodType<SearchResult>;

export const VariantDictionarySchema = z.object({
  groups: z.array(z.object({ terms: z.array(z.string().max(200)).max(50), note: z.string().max(500).optional() })).max(5000),
}) satisfies z.ZodType<VariantDictionary>;

const SuggestionSchema = z.object({
  kind: z.enum(['term', 'document', 'speaker', 'pillar', 'tag', 'briefing']),
  value: z.string(),
  label: z.string(),
  id: z.string().optional(),
  score: z.number(),
}) satisfies z.ZodType<Suggestion>;

const QuickOpenItemSchema = z.object({
  kind: z.enum(['document', 'heading', 'pillar', 'briefing']),
  id: z.string(),
  label: z.string(),
  detail: z.string().nullable(),
  documentId: z.string().nullable(),
  score: z.number(),
}) satisfies z.ZodType<QuickOpenItem>;

export const searchApi = {
  'search.query': method(
    z
      .object({
        // Any text is a valid query (the parser is total); the cap only bounds a runaway paste.
        query: z.string().max(100_000),
        limit: z.number().int().min(0).max(500).optional(),
        offset: z.number().int().min(0).max(1_000_000).optional(),
        expandVariants: z.boolean().optional(),
        sort: z.enum(['relevance', 'document']).optional(),
        /** sources (the default): statements; notes: the analyst's own writing (result.notes); all: both. */
        scope: z.enum(['sources', 'notes', 'all']).optional(),
      })
      .strict(),
    SearchResultSchema,
    'Full-text search over statements: hits with snippets and match offsets, facets, expansions, messages.',
  ),
  'search.suggest': method(
    z.object({ prefix: z.string().max(1000), limit: z.number().int().min(1).max(50).optional() }).strict(),
    z.object({ suggestions: z.array(SuggestionSchema) }),
    'As-you-type suggestions: corpus words, documents, speakers, pillars, tags, briefings.',
  ),
  'search.quickOpen': method(
    z.object({ text: z.string().max(1000), limit: z.number().int().min(1).max(100).optional() }).strict(),
    z.object({ items: z.array(QuickOpenItemSchema) }),
    'The quick-open palette: documents, headings, pillars and briefings by name.',
  ),
  'search.variants.get': method(
    z.object({}).strict(),
    z.object({ dictionary: VariantDictionarySchema, source: z.enum(['bundled', 'user']) }),
    "The variant dictionary used to expand queries (the analyst's copy, or the bundled one).",
  ),
  'search.variants.set': method(
    z.object({ dictionary: VariantDictionarySchema.nullable() }).strict(),
    z.object({ dictionary: VariantDictionarySchema, source: z.enum(['bundled', 'user']) }),
    "Saves the analyst's variant dictionary in the database; null restores the bundled one.",
  ),
};
