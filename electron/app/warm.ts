// Readies the search path right after the database opens, while the window is still loading,
// so the analyst's first keystroke does not pay for building the suggestion index and caches.
import type { Invoke } from '../../shared/api/define';

/**
 * One suggestion lookup (builds the MiniSearch index over the vocabulary) and one search for
 * the commonest kana (statement metadata, variant dictionary, compiled statements, postings).
 * Failures are ignored: a cold cache is only slower, and any real problem shows on first use.
 */
export async function warmSearch(dispatch: Invoke): Promise<void> {
  await dispatch('search.suggest', { prefix: 'の', limit: 1 }).catch(() => undefined);
  await dispatch('search.query', { query: 'の', limit: 1 }).catch(() => undefined);
}
