// `npm run eval:ranking [-- --model substance|bm25] [--json]`: ranking figures on the bundled corpus,
// for the held-out judgment set and the tuning set (test/fixtures/search/*.json): mean nDCG@10 and
// the share of top-3 hits that are headings, for the chosen model, or both models side by side.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { closeContext, ensureCorpus, openContext } from '../../electron/app/context';
import { runSearch } from '../../electron/search/query';
import { DEFAULT_TUNING, type RankingModel, type RankTuning } from '../../electron/search/rank';
import { compiledDictionary } from '../../electron/search/variants';
import { defaultResourcesDir } from '../../electron/store/paths';
import { ndcgAt10, summarize, type JudgmentSet, type SetFigures } from './ranking-metrics';

export const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'search');

export function loadSet(name: 'judgments' | 'ranking-tuning', dir = FIXTURES): JudgmentSet {
  return JSON.parse(fs.readFileSync(path.join(dir, `${name}.json`), 'utf8')) as JudgmentSet;
}

/** Runs every query of the set through the real search (first 10 hits) and scores it. */
export function evaluateSet(db: Database.Database, resourcesDir: string, set: JudgmentSet, model: RankingModel, tuning?: RankTuning): SetFigures {
  const kind = db.prepare('SELECT kind FROM statements WHERE id = ?').pluck();
  const dictionary = compiledDictionary(db, resourcesDir);
  return summarize(
    set.queries.map((q) => {
      const r = runSearch(db, { query: q.query, limit: 10 }, { dictionary, model, tuning });
      const ids = r.hits.map((h) => h.statementId);
      return { query: q.query, ndcg: ndcgAt10(ids, q.grades), top3Kinds: ids.slice(0, 3).map((id) => String(kind.get(id))), total: r.total };
    }),
  );
}

/** Grid over the substance model's constants, scored on the tuning set only (never the judgments). */
function tune(db: Database.Database, resourcesDir: string): void {
  const set = loadSet('ranking-tuning');
  const rows: string[] = [];
  for (const lengthFloor of [0, 40, 60, 80, 120, 160, 240, 400])
    for (const heading of [1, 0.7, 0.5, 0.3])
      for (const proximityBonus of [0, 0.3]) {
        const tuning: RankTuning = { ...DEFAULT_TUNING, lengthFloor, kindPrior: { ...DEFAULT_TUNING.kindPrior, heading }, proximityBonus };
        const f = evaluateSet(db, resourcesDir, set, 'substance', tuning);
        rows.push(`floor ${lengthFloor}\theading ${heading}\tproximity ${proximityBonus}\tnDCG@10 ${f.meanNdcg.toFixed(3)}\theadings ${f.headingsInTop3}/${f.top3Positions}`);
      }
  process.stdout.write(`${rows.join('\n')}\n`);
}

function main(argv: string[]): void {
  const json = argv.includes('--json');
  const m = argv.indexOf('--model');
  const models: RankingModel[] = m >= 0 ? [argv[m + 1] as RankingModel] : ['bm25', 'substance'];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-rank-eval-'));
  const resourcesDir = defaultResourcesDir();
  const ctx = openContext({ dbPath: path.join(dir, 'eval.db'), resourcesDir, author: 'eval' });
  try {
    ensureCorpus(ctx);
    if (argv.includes('--tune')) {
      tune(ctx.db, resourcesDir);
      return;
    }
    const out: Record<string, Record<string, SetFigures>> = {};
    for (const name of ['judgments', 'ranking-tuning'] as const) {
      const set = loadSet(name);
      out[name] = {};
      for (const model of models) {
        const f = evaluateSet(ctx.db, resourcesDir, set, model);
        out[name][model] = f;
        if (!json) {
          process.stdout.write(`${name} (${set.queries.length} queries), model ${model}: nDCG@10 ${f.meanNdcg.toFixed(3)}, headings in top 3: ${f.headingsInTop3}/${f.top3Positions} (${(100 * f.headingShare).toFixed(1)}%)\n`);
          if (argv.includes('--per-query')) for (const q of f.perQuery) process.stdout.write(`  ${q.ndcg.toFixed(3)}  ${q.query}  [${q.top3Kinds.join(', ')}] (${q.total} hits)\n`);
        }
      }
    }
    if (json) process.stdout.write(`${JSON.stringify(out)}\n`);
  } finally {
    closeContext(ctx);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) main(process.argv.slice(2));
