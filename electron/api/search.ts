// Handlers for the search methods (shared/api/search.ts).
import { searchApi } from '../../shared/api/search';
import { parseQuery } from '../../shared/query/parse';
import type { SearchResult } from '../../shared/search';
import { searchNotes } from '../retrieval/notes';
import { runSearch } from '../search/query';
import { quickOpen, suggest } from '../search/suggest';
import { compiledDictionary, getDictionary, setDictionary } from '../search/variants';
import type { DomainHandlers } from './dispatch';

export const searchHandlers: DomainHandlers<typeof searchApi> = {
  'search.query': (req, { db, resourcesDir }) => {
    const { scope = 'sources', ...sources } = req;
    if (scope === 'sources') return runSearch(db, sources, { dictionary: compiledDictionary(db, resourcesDir) });
    const t0 = performance.now();
    const parsed = parseQuery(req.query);
    const notes = searchNotes(db, parsed);
    if (scope === 'all') return { ...runSearch(db, sources, { dictionary: compiledDictionary(db, resourcesDir) }), notes };
    // "My notes" only: the sources part of the answer is empty, the query's own messages kept.
    const result: SearchResult = {
      query: req.query,
      total: 0,
      tookMs: Math.round((performance.now() - t0) * 10) / 10,
      hits: [],
      facets: { documents: [], pillars: [], speakers: [], tags: [] },
      expansions: [],
      messages: parsed.messages,
      ranking: 'document-order',
      notes,
    };
    return result;
  },
  'search.suggest': (req, { db }) => ({ suggestions: suggest(db, req.prefix, req.limit) }),
  'search.quickOpen': (req, { db }) => ({ items: quickOpen(db, req.text, req.limit) }),
  'search.variants.get': (_req, { db, resourcesDir }) => getDictionary(db, resourcesDir),
  'search.variants.set': (req, { db, resourcesDir }) => setDictionary(db, resourcesDir, req.dictionary),
};
