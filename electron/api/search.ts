// Handlers for the search methods (shared/api/search.ts).
import { searchApi } from '../../shared/api/search';
import { runSearch } from '../search/query';
import { quickOpen, suggest } from '../search/suggest';
import { compiledDictionary, getDictionary, setDictionary } from '../search/variants';
import type { DomainHandlers } from './dispatch';

export const searchHandlers: DomainHandlers<typeof searchApi> = {
  'search.query': (req, { db, resourcesDir }) => runSearch(db, req, { dictionary: compiledDictionary(db, resourcesDir) }),
  'search.suggest': (req, { db }) => ({ suggestions: suggest(db, req.prefix, req.limit) }),
  'search.quickOpen': (req, { db }) => ({ items: quickOpen(db, req.text, req.limit) }),
  'search.variants.get': (_req, { db, resourcesDir }) => getDictionary(db, resourcesDir),
  'search.variants.set': (req, { db, resourcesDir }) => setDictionary(db, resourcesDir, req.dictionary),
};
