// Search domain types: what a query returns (hits, snippets, facets, expansions, messages),
// suggestions and quick-open entries. Shared by the search service, the API and the renderer.
import type { LocalizedText } from './errors';

/** A piece of a snippet; `mark` pieces are what matched. Rendered as text, never as HTML. */
export interface SnippetSegment {
  text: string;
  mark: boolean;
}

export interface SearchHit {
  statementId: string;
  documentId: string;
  documentTitle: string;
  headingPath: string[];
  speaker: string | null;
  text: string;
  snippet: SnippetSegment[];
  /** Higher is better (negated bm25). */
  score: number;
  /** Matched spans as UTF-16 offsets into `text` (the original statement text), sorted. */
  matches: [number, number][];
  /** Set when no statement matched every word and this one matches only most of them. */
  partial?: boolean;
  /** The query words this hit lacks (partial hits only). */
  missing?: string[];
}

export interface FacetCount {
  id: string;
  label: string;
  count: number;
}

export interface SearchFacets {
  documents: FacetCount[];
  pillars: FacetCount[];
  speakers: FacetCount[];
  /** The analyst's tags on the hits' annotations (count = hits carrying the tag). */
  tags: FacetCount[];
}

/** "Also matched": variants the dictionary added for one query term. */
export interface SearchExpansion {
  term: string;
  variants: string[];
}

export type SearchMessageCode =
  | 'empty-query'
  | 'empty-term'
  | 'unbalanced-quote'
  | 'dangling-or'
  | 'lone-minus'
  | 'bad-date'
  | 'empty-filter'
  | 'unknown-filter'
  | 'negated-filter'
  | 'too-many-terms'
  | 'long-term'
  | 'only-exclusions'
  | 'approximate-ranking'
  | 'bad-filter-value'
  | 'unknown-filter-word'
  | 'literal-operator'
  | 'speaker-offer'
  | 'partial-match';

/** A note about how the query was read (never an error: the search still ran). */
export interface SearchMessage {
  code: SearchMessageCode;
  message: LocalizedText;
  subject?: string;
}

export interface SearchRequest {
  query: string;
  limit?: number;
  offset?: number;
  /** Expand terms with the variant dictionary (default true). */
  expandVariants?: boolean;
  /** Best first (default), or in reading order (document date and title, then position). */
  sort?: SearchSort;
}

export type SearchSort = 'relevance' | 'document';

export interface SearchResult {
  query: string;
  total: number;
  tookMs: number;
  hits: SearchHit[];
  facets: SearchFacets;
  expansions: SearchExpansion[];
  messages: SearchMessage[];
  /** bm25 over every hit, or bm25 over a bounded candidate set chosen by statement length. */
  ranking: 'bm25' | 'bm25-candidates' | 'document-order';
  /** The "my notes" scope: hits in the analyst's own writing (absent when the scope is `sources`). */
  notes?: NoteHit[];
}

/** sources: the documents' statements; notes: the analyst's own writing; all: both. */
export type SearchScope = 'sources' | 'notes' | 'all';

/** A hit in the analyst's own writing, saying what it is and where it opens. */
export interface NoteHit {
  kind: 'annotation' | 'memo' | 'briefing' | 'briefing-section' | 'briefing-item';
  /** The annotation, memo, briefing, section or item id. */
  id: string;
  /** What the list shows: the memo or briefing title, the section heading, the annotated quote. */
  title: string;
  /** The matching text with the words marked by offsets into `snippet`. */
  snippet: string;
  matches: { start: number; end: number }[];
  /** Where it opens: a document (and statement) for an annotation or a document memo, a briefing for briefing text. */
  documentId: string | null;
  statementId: string | null;
  briefingId: string | null;
  updatedAt: string;
}

/** One group of spellings the analyst treats as the same term (受入れ = 受け入れ). */
export interface VariantGroup {
  terms: string[];
  note?: string;
}

export interface VariantDictionary {
  groups: VariantGroup[];
}

export type SuggestionKind = 'term' | 'document' | 'speaker' | 'pillar' | 'tag' | 'briefing';

export interface Suggestion {
  kind: SuggestionKind;
  /** What to insert into the search box (a term, or a filter such as doc:ID). */
  value: string;
  label: string;
  /** Id of the document/pillar/briefing for kinds that have one. */
  id?: string;
  score: number;
}

export type QuickOpenKind = 'document' | 'heading' | 'pillar' | 'briefing';

export interface QuickOpenItem {
  kind: QuickOpenKind;
  id: string;
  label: string;
  /** Context: the document title for a heading, the date for a document. */
  detail: string | null;
  documentId: string | null;
  score: number;
}
