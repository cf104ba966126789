// `workbench search QUERY`: full-text search over statements, as the app's search box runs it.
import { formatError } from '../../../shared/errors';
import { intOpt, printJson, UsageError, withApi, type Command } from '../command';

export const searchCommand: Command = {
  name: 'search',
  summary: 'Full-text search over statements (query language: docs/search.md).',
  usage: 'workbench search QUERY [--limit N] [--offset N] [--no-variants] [--sort relevance|document] [--scope sources|notes|all] [--db PATH] [--json]',
  options: {
    limit: { type: 'string' },
    offset: { type: 'string' },
    'no-variants': { type: 'boolean' },
    sort: { type: 'string' },
    scope: { type: 'string' },
  },
  run: (input) => {
    // Several positionals are one query (an unquoted shell line `search 中国 技術`).
    const query = input.positionals.join(' ');
    if (!query.trim()) throw new UsageError('a query is required, e.g. workbench search 経済安全保障');
    const limit = intOpt(input.values, 'limit', 50, 500);
    const offset = intOpt(input.values, 'offset', 0, 1_000_000);
    const expandVariants = !input.values['no-variants'];
    const sortOpt = input.values.sort;
    if (sortOpt !== undefined && sortOpt !== 'relevance' && sortOpt !== 'document') throw new UsageError(`--sort takes relevance or document, not "${String(sortOpt)}"`);
    const sort = sortOpt as 'relevance' | 'document' | undefined;
    const scopeOpt = input.values.scope;
    if (scopeOpt !== undefined && scopeOpt !== 'sources' && scopeOpt !== 'notes' && scopeOpt !== 'all') throw new UsageError(`--scope takes sources, notes or all, not "${String(scopeOpt)}"`);
    const scope = scopeOpt as 'sources' | 'notes' | 'all' | undefined;
    return withApi(input, async (api) => {
      const result = await api.call('search.query', { query, limit, offset, expandVariants, ...(sort ? { sort } : {}), ...(scope ? { scope } : {}) });
      if (input.json) {
        printJson(input.io, result);
        return 0;
      }
      const io = input.io;
      for (const m of result.messages) io.err(`note: ${formatError({ code: 'bad-input', message: m.message }, input.lang)}\n`);
      for (const e of result.expansions) io.out(`also matched for ${e.term}: ${e.variants.join(', ')}\n`);
      if (scope !== 'notes') io.out(`${result.total} statements (${result.tookMs} ms)\n`);
      for (const h of result.hits) {
        const snippet = h.snippet.map((s) => (s.mark ? `【${s.text}】` : s.text)).join('').replace(/\s+/g, ' ');
        io.out(`${h.statementId}\t${h.documentTitle}${h.speaker ? `〔${h.speaker}〕` : ''}\n  ${snippet}\n`);
      }
      if (result.notes) {
        io.out(`${result.notes.length} in my notes\n`);
        for (const n of result.notes) io.out(`${n.kind}\t${n.id}\t${n.title}\n  ${n.snippet.replace(/\s+/g, ' ')}\n`);
      }
      if (result.facets.documents.length) {
        io.out(`by document: ${result.facets.documents.slice(0, 10).map((d) => `${d.label} (${d.count})`).join('; ')}\n`);
      }
      return 0;
    });
  },
};
