// Query expansion with the analyst's variant dictionary (受入れ = 受け入れ, 経済安保 = 経済安全保障):
// pure, so the UI can preview what a term will also match. Character folding lives in shared/text.
import type { SearchExpansion, VariantDictionary } from '../search';
import { normalizeKey } from '../text/normalize';
import type { QueryClause, QueryTerm } from './parse';

/** Per term, at most this many variants are added (a dictionary is not a thesaurus). */
export const MAX_VARIANTS_PER_TERM = 8;

export interface CompiledDictionary {
  /** Folded spelling → folded spellings of its groups (itself excluded) with the shown form. */
  variants: Map<string, { norm: string; raw: string }[]>;
}

export function compileDictionary(dict: VariantDictionary): CompiledDictionary {
  const variants = new Map<string, { norm: string; raw: string }[]>();
  for (const g of dict.groups) {
    const members = g.terms.map((raw) => ({ raw, norm: normalizeKey(raw) })).filter((m) => m.norm);
    for (const m of members) {
      const list = variants.get(m.norm) ?? [];
      for (const o of members) if (o.norm !== m.norm && !list.some((x) => x.norm === o.norm)) list.push(o);
      variants.set(m.norm, list);
    }
  }
  return { variants };
}

const ASCII_ONLY = /^[\x21-\x7e]+$/;

/** Variants of one folded term: the whole term, or (for Japanese entries) a part of it replaced. */
function variantsOf(term: QueryTerm, dict: CompiledDictionary): { norm: string; raw: string }[] {
  const out: { norm: string; raw: string }[] = [];
  const push = (v: { norm: string; raw: string }) => {
    if (v.norm !== term.norm && !out.some((x) => x.norm === v.norm) && out.length < MAX_VARIANTS_PER_TERM) out.push(v);
  };
  const exact = dict.variants.get(term.norm);
  if (exact) {
    for (const v of exact) push(v);
    return out;
  }
  // 経済安保推進法 → 経済安全保障推進法: replace an entry found inside the term. ASCII entries only
  // match whole terms (AI inside "email" is not the abbreviation).
  for (const [entry, list] of dict.variants) {
    if (entry.length < 2 || ASCII_ONLY.test(entry) || entry === term.norm) continue;
    const at = term.norm.indexOf(entry);
    if (at < 0) continue;
    for (const v of list) {
      const norm = term.norm.slice(0, at) + v.norm + term.norm.slice(at + entry.length);
      push({ norm, raw: norm });
    }
  }
  return out;
}

/** Adds each positive term's variants to its OR group; returns what was added, for "also matched". */
export function expandClauses(clauses: readonly QueryClause[], dict: CompiledDictionary): { clauses: QueryClause[]; expansions: SearchExpansion[] } {
  const expansions: SearchExpansion[] = [];
  const out = clauses.map((c) => {
    const anyOf = [...c.anyOf];
    for (const t of c.anyOf) {
      const added = variantsOf(t, dict).filter((v) => !anyOf.some((x) => x.norm === v.norm));
      if (added.length === 0) continue;
      for (const v of added) anyOf.push({ raw: v.raw, norm: v.norm, phrase: true });
      expansions.push({ term: t.raw, variants: added.map((v) => v.raw) });
    }
    return { anyOf };
  });
  return { clauses: out, expansions };
}
