// Pillar suggestions from readable term rules: each pillar's terms found in a statement (under the
// search normalization, so 強靭/強靱 and Ｗｅｂ/Web match), summed into a score, with evidence.
import { findOccurrences, normalizeForSearch, normalizeKey } from './text/normalize';
import type { PillarSuggestion, PillarTerm, SuggestionEvidence } from './pillars';

export interface SuggestionRules {
  /** Suggestions scoring below this are not offered (0..1). */
  threshold: number;
  /** Terms may weigh below zero to cancel a misleading phrase. The raw weight at which the score reaches 0.5: score = raw / (raw + saturation). */
  saturation: number;
  terms: readonly PillarTerm[];
}

interface CompiledTerm {
  term: string;
  folded: string;
  weight: number;
}

export interface CompiledRules {
  threshold: number;
  saturation: number;
  /** Pillar id → its terms, longest first (so a phrase claims its span before its parts). */
  byPillar: Map<string, CompiledTerm[]>;
  /** Pillar order for ties. */
  order: string[];
}

export function compileRules(rules: SuggestionRules): CompiledRules {
  const byPillar = new Map<string, CompiledTerm[]>();
  const order: string[] = [];
  for (const t of rules.terms) {
    const folded = normalizeKey(t.term);
    if (!folded) continue;
    if (!byPillar.has(t.pillarId)) {
      byPillar.set(t.pillarId, []);
      order.push(t.pillarId);
    }
    const list = byPillar.get(t.pillarId)!;
    const existing = list.find((x) => x.folded === folded);
    // The same term listed twice (bundled and analyst): the analyst's weight wins, being later.
    if (existing) existing.weight = t.weight;
    else list.push({ term: t.term, folded, weight: t.weight });
  }
  for (const list of byPillar.values()) list.sort((a, b) => b.folded.length - a.folded.length || a.term.localeCompare(b.term));
  return { threshold: rules.threshold, saturation: rules.saturation, byPillar, order };
}

function overlaps(a: SuggestionEvidence, b: SuggestionEvidence): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * Every pillar with at least one term in `text`, best first, scores rounded to 3 places.
 * A term inside a longer matched term of the same pillar (サプライチェーン inside
 * サプライチェーン強靱化) is not counted again; each distinct term counts once however often it occurs.
 */
export function scorePillars(text: string, rules: CompiledRules): PillarSuggestion[] {
  const norm = normalizeForSearch(text);
  const out: PillarSuggestion[] = [];
  for (const [pillar, terms] of rules.byPillar) {
    const evidence: SuggestionEvidence[] = [];
    // Spans already explained by a longer term, including negative ones: 国土強靱化 (a weight
    // below zero) claims its 強靱化 so that it does not count as supply-chain resilience.
    const claimed: SuggestionEvidence[] = [];
    let raw = 0;
    for (const t of terms) {
      const hits = findOccurrences(norm, t.folded)
        .map(([start, end]) => ({ term: t.term, start, end }))
        .filter((h) => !claimed.some((e) => overlaps(e, h)));
      if (hits.length === 0) continue;
      raw += t.weight;
      claimed.push(...hits);
      if (t.weight > 0) evidence.push(...hits);
    }
    if (raw <= 0 || evidence.length === 0) continue;
    evidence.sort((a, b) => a.start - b.start || a.end - b.end);
    out.push({ pillar, score: Math.round((raw / (raw + rules.saturation)) * 1000) / 1000, evidence });
  }
  return out.sort((a, b) => b.score - a.score || rules.order.indexOf(a.pillar) - rules.order.indexOf(b.pillar));
}

/** Only what clears the threshold: what the analyst is offered. */
export function suggestPillars(text: string, rules: CompiledRules): PillarSuggestion[] {
  return scorePillars(text, rules).filter((s) => s.score >= rules.threshold);
}
