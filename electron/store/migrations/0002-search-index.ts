// Schema 2: the full-text search index over statements (FTS5 bigrams of the folded text), its
// insert queue and generation counter, kept in step by triggers; existing statements are indexed.
import { flushPending, SEARCH_SCHEMA } from '../../search/indexer';
import type { Migration } from '../migration';

export const m0002: Migration = {
  version: 2,
  name: 'search-index',
  up(db) {
    db.exec(SEARCH_SCHEMA);
    db.prepare('INSERT INTO search_pending (rowid) SELECT rowid FROM statements').run();
    flushPending(db);
  },
};
