// Ranking evaluation measures over a graded judgment set: nDCG@10 (graded gain 2^g − 1, log2
// discount, ideal order from every judged statement) and the share of top-3 hits that are headings.
// Pure, so the measures themselves are unit-tested (test/search/ranking-eval.test.ts).

export interface JudgedQuery {
  query: string;
  /** statement id → grade 1–3; unlisted statements are grade 0. */
  grades: Record<string, number>;
}

export interface JudgmentSet {
  description: string;
  queries: JudgedQuery[];
}

/** Cut-off of the measure: the first screen of results an analyst reads. */
export const NDCG_DEPTH = 10;
/** The top hits checked for headings: what the eye lands on first. */
export const TOP_HEADINGS = 3;

const gain = (g: number) => 2 ** g - 1;

function dcg(grades: readonly number[]): number {
  return grades.slice(0, NDCG_DEPTH).reduce((sum, g, i) => sum + gain(g) / Math.log2(i + 2), 0);
}

/** nDCG@10 of a ranked list of statement ids against the query's grades (1 when nothing is relevant and nothing is returned). */
export function ndcgAt10(ranked: readonly string[], grades: Record<string, number>): number {
  const ideal = dcg(Object.values(grades).sort((a, b) => b - a));
  if (ideal === 0) return ranked.length === 0 ? 1 : 0;
  return dcg(ranked.map((id) => grades[id] ?? 0)) / ideal;
}

export interface QueryFigures {
  query: string;
  ndcg: number;
  /** Kinds of the first three hits. */
  top3Kinds: string[];
  total: number;
}

export interface SetFigures {
  meanNdcg: number;
  /** Headings among all top-3 positions filled, over every query. */
  headingShare: number;
  headingsInTop3: number;
  top3Positions: number;
  perQuery: QueryFigures[];
}

export function summarize(perQuery: QueryFigures[]): SetFigures {
  const top3 = perQuery.flatMap((q) => q.top3Kinds.slice(0, TOP_HEADINGS));
  const headings = top3.filter((k) => k === 'heading').length;
  return {
    meanNdcg: perQuery.reduce((s, q) => s + q.ndcg, 0) / Math.max(1, perQuery.length),
    headingShare: top3.length ? headings / top3.length : 0,
    headingsInTop3: headings,
    top3Positions: top3.length,
    perQuery,
  };
}
