// The suggestion rules: the bundled, readable term list (resources/pillars/terms.json) merged with
// the analyst's own terms from the database; pillars without any term are matched by their names.
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import type { PillarTerm } from '../../shared/pillars';
import { compileRules, type CompiledRules, type SuggestionRules } from '../../shared/suggest';
import { changedFields, defineEntity, type Applier } from '../journal/entities';
import { listPillars } from './pillar-rows';

export const TERMS_FORMAT = 'keizai-anpo-workbench/pillar-terms';

export interface BundledTerms {
  threshold: number;
  saturation: number;
  terms: PillarTerm[];
}

function invalid(file: string, detail: string): AppError {
  return new AppError(
    'bad-input',
    { ja: `提案ルールのファイル ${file} が不正です（${detail}）。`, en: `The suggestion rules file ${file} is invalid (${detail}).` },
    { subject: file },
  );
}

/** Parses and checks a terms file's text; names the file and the field at fault. */
export function parseTermsFile(text: string, file: string): BundledTerms {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw invalid(file, (e as Error).message);
  }
  const d = data as { format?: unknown; version?: unknown; threshold?: unknown; saturation?: unknown; pillars?: unknown };
  if (typeof d !== 'object' || d === null || d.format !== TERMS_FORMAT) throw invalid(file, `format must be "${TERMS_FORMAT}"`);
  if (d.version !== 1) throw invalid(file, `unsupported version ${String(d.version)}`);
  if (typeof d.threshold !== 'number' || d.threshold <= 0 || d.threshold >= 1) throw invalid(file, 'threshold must be between 0 and 1');
  if (typeof d.saturation !== 'number' || d.saturation <= 0) throw invalid(file, 'saturation must be positive');
  if (typeof d.pillars !== 'object' || d.pillars === null) throw invalid(file, 'pillars must be an object');
  const terms: PillarTerm[] = [];
  for (const [pillarId, list] of Object.entries(d.pillars as Record<string, unknown>)) {
    if (typeof list !== 'object' || list === null) throw invalid(file, `pillars.${pillarId} must be an object of term: weight`);
    for (const [term, weight] of Object.entries(list as Record<string, unknown>)) {
      if (typeof weight !== 'number' || !Number.isFinite(weight)) throw invalid(file, `pillars.${pillarId}.${term} must be a number`);
      terms.push({ pillarId, term, weight, source: 'bundled' });
    }
  }
  return { threshold: d.threshold, saturation: d.saturation, terms };
}

const cache = new Map<string, { mtimeMs: number; value: BundledTerms }>();

export function loadBundledTerms(resourcesDir: string): BundledTerms {
  const file = path.join(resourcesDir, 'pillars', 'terms.json');
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    throw new AppError('io', { ja: `提案ルールのファイル ${file} がありません。`, en: `The suggestion rules file ${file} is missing.` }, { subject: file, cause: e });
  }
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === stat.mtimeMs) return hit.value;
  const value = parseTermsFile(fs.readFileSync(file, 'utf8'), file);
  cache.set(file, { mtimeMs: stat.mtimeMs, value });
  return value;
}

export function analystTerms(db: Database.Database): PillarTerm[] {
  return (db.prepare('SELECT pillar_id, term, weight FROM pillar_terms ORDER BY pillar_id, term').all() as { pillar_id: string; term: string; weight: number }[]).map((r) => ({
    pillarId: r.pillar_id,
    term: r.term,
    weight: r.weight,
    source: 'analyst',
  }));
}

/** Every rule in force: bundled, then the analyst's (which override), for live, unarchived pillars. */
export function effectiveTerms(db: Database.Database, resourcesDir: string): SuggestionRules {
  const bundled = loadBundledTerms(resourcesDir);
  const pillars = listPillars(db, { includeArchived: false });
  const live = new Set(pillars.map((p) => p.id));
  const terms = [...bundled.terms, ...analystTerms(db)].filter((t) => live.has(t.pillarId));
  const withTerms = new Set(terms.filter((t) => t.weight > 0).map((t) => t.pillarId));
  for (const p of pillars) {
    if (withTerms.has(p.id)) continue;
    // An analyst's new pillar is suggested by its own name until it gets terms of its own.
    for (const name of new Set([p.nameJa, p.nameEn])) terms.push({ pillarId: p.id, term: name, weight: 2, source: 'name' });
  }
  return { threshold: bundled.threshold, saturation: bundled.saturation, terms };
}

export function compiledRules(db: Database.Database, resourcesDir: string): CompiledRules {
  return compileRules(effectiveTerms(db, resourcesDir));
}

export interface TermSnapshot {
  pillarId: string;
  term: string;
  /** null: the analyst has no such term. */
  weight: number | null;
  createdAt: string;
}

export function snapshotTerm(db: Database.Database, pillarId: string, term: string): TermSnapshot {
  const row = db.prepare('SELECT weight, created_at FROM pillar_terms WHERE pillar_id = ? AND term = ?').get(pillarId, term) as { weight: number; created_at: string } | undefined;
  return { pillarId, term, weight: row?.weight ?? null, createdAt: row?.created_at ?? '' };
}

export function writeTerm(db: Database.Database, to: TermSnapshot): void {
  if (to.weight === null) db.prepare('DELETE FROM pillar_terms WHERE pillar_id = ? AND term = ?').run(to.pillarId, to.term);
  else {
    db.prepare('INSERT INTO pillar_terms (pillar_id, term, weight, created_at) VALUES (?, ?, ?, ?) ON CONFLICT(pillar_id, term) DO UPDATE SET weight = excluded.weight').run(
      to.pillarId,
      to.term,
      to.weight,
      to.createdAt,
    );
  }
}

export const applyTerm: Applier = (db, _id, from, to) => {
  const t = to as TermSnapshot;
  if (Object.keys(changedFields(from as TermSnapshot | null, t)).length) writeTerm(db, t);
};

/** The journal's id of an analyst's term: pillar ids never contain "|" (PILLAR_ID_RE). */
export function termEntityId(pillarId: string, term: string): string {
  return `${pillarId}|${term}`;
}

/** The analyst's suggestion terms in the journal (a removed term is a snapshot with weight null). */
export const TERM = defineEntity<TermSnapshot>({
  name: 'term',
  snapshot: (db, id) => {
    const bar = id.indexOf('|');
    return snapshotTerm(db, id.slice(0, bar), id.slice(bar + 1));
  },
  apply: applyTerm,
  history: (_id, t) => ({ pillarId: t.pillarId }),
});
