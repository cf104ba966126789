// Approximate matching for re-anchoring: the best place a quote occurs with a few edits, and
// cheap similarity measures for context and for choosing which statements are worth searching.

export interface FuzzyHit {
  start: number;
  end: number;
  /** Edit distance between the quote and text.slice(start, end). */
  errors: number;
}

/**
 * Sellers' algorithm: the substring of `text` with the smallest edit distance to `pattern`,
 * or null if every substring needs more than `maxErrors` edits. O(|pattern|·|text|) time,
 * O(|pattern|) memory; callers bound both by choosing few candidate statements.
 */
export function bestApproximateMatch(pattern: string, text: string, maxErrors: number): FuzzyHit | null {
  const m = pattern.length;
  if (m === 0) return null;
  let prevCost = new Int32Array(m + 1);
  let prevStart = new Int32Array(m + 1);
  let curCost = new Int32Array(m + 1);
  let curStart = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) {
    prevCost[i] = i;
    prevStart[i] = 0;
  }
  let best: FuzzyHit | null = prevCost[m] <= maxErrors ? { start: 0, end: 0, errors: prevCost[m] } : null;
  for (let j = 1; j <= text.length; j++) {
    const tc = text.charCodeAt(j - 1);
    curCost[0] = 0;
    curStart[0] = j;
    for (let i = 1; i <= m; i++) {
      const sub = prevCost[i - 1] + (pattern.charCodeAt(i - 1) === tc ? 0 : 1);
      const skipText = prevCost[i] + 1;
      const skipPattern = curCost[i - 1] + 1;
      if (sub <= skipText && sub <= skipPattern) {
        curCost[i] = sub;
        curStart[i] = prevStart[i - 1];
      } else if (skipText <= skipPattern) {
        curCost[i] = skipText;
        curStart[i] = prevStart[i];
      } else {
        curCost[i] = skipPattern;
        curStart[i] = curStart[i - 1];
      }
    }
    const cost = curCost[m];
    // Strictly better only: the earliest of equally good matches wins, which keeps results stable.
    if (cost <= maxErrors && (best === null || cost < best.errors)) best = { start: curStart[m], end: j, errors: cost };
    [prevCost, curCost] = [curCost, prevCost];
    [prevStart, curStart] = [curStart, prevStart];
  }
  return best;
}

/** Levenshtein distance (for short strings such as context). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let prev = new Int32Array(b.length + 1);
  let cur = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j - 1] + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1), prev[j] + 1, cur[j - 1] + 1);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/** 1 for identical, 0 for nothing in common; two empty strings count as agreeing. */
export function similarity(a: string, b: string): number {
  const n = Math.max(a.length, b.length);
  return n === 0 ? 1 : 1 - editDistance(a, b) / n;
}

function bigrams(s: string): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i + 1 < s.length; i++) {
    const g = s.slice(i, i + 2);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/** Share of the quote's character bigrams found in the text: a cheap filter before Sellers. */
export function bigramCoverage(quote: string, text: string): number {
  const q = bigrams(quote);
  if (q.size === 0) return text.includes(quote) ? 1 : 0;
  const t = bigrams(text);
  let hit = 0;
  let total = 0;
  for (const [g, n] of q) {
    total += n;
    hit += Math.min(n, t.get(g) ?? 0);
  }
  return hit / total;
}
