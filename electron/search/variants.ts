// The analyst's variant dictionary: the bundled resources/search/variants.json until the analyst
// edits it, then their copy in this database (app_state 'search.variants'), so it travels with the data.
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { compileDictionary, type CompiledDictionary } from '../../shared/query/expand';
import type { VariantDictionary } from '../../shared/search';
import { normalizeKey } from '../../shared/text/normalize';
import { prepared } from '../store/prepared';

export const VARIANTS_KEY = 'search.variants';
export const MAX_GROUPS = 2000;
export const MAX_TERMS_PER_GROUP = 20;

function bundledPath(resourcesDir: string): string {
  return path.join(resourcesDir, 'search', 'variants.json');
}

function badInput(subject: string, ja: string, en: string): AppError {
  return new AppError('bad-input', { ja, en }, { subject });
}

/** Checks and tidies a dictionary (trimmed terms, no empty or single-spelling groups). */
export function validateDictionary(dict: VariantDictionary, subject: string): VariantDictionary {
  if (!dict || !Array.isArray(dict.groups)) throw badInput(subject, `${subject}: "groups" の配列がありません。`, `${subject}: expected an object with a "groups" array.`);
  if (dict.groups.length > MAX_GROUPS) throw badInput(subject, `${subject}: グループは ${MAX_GROUPS} 個までです。`, `${subject}: at most ${MAX_GROUPS} groups.`);
  const groups = dict.groups.map((g, i) => {
    const terms = Array.isArray(g?.terms) ? g.terms.filter((t): t is string => typeof t === 'string').map((t) => t.trim()).filter(Boolean) : [];
    const distinct = terms.filter((t, k) => terms.findIndex((u) => normalizeKey(u) === normalizeKey(t)) === k && normalizeKey(t).length > 0);
    if (distinct.length < 2) {
      throw badInput(`${subject} groups[${i}]`, `${subject} の groups[${i}] には異なる表記が2つ以上必要です（${terms.join('、')}）。`, `${subject} groups[${i}] needs at least two different spellings (${terms.join(', ')}).`);
    }
    if (distinct.length > MAX_TERMS_PER_GROUP) throw badInput(`${subject} groups[${i}]`, `${subject} の groups[${i}] は ${MAX_TERMS_PER_GROUP} 表記までです。`, `${subject} groups[${i}]: at most ${MAX_TERMS_PER_GROUP} spellings.`);
    return g.note ? { terms: distinct, note: String(g.note) } : { terms: distinct };
  });
  return { groups };
}

// Every query consults the dictionary: the bundled file is parsed once per version of it on disk.
const bundledCache = new Map<string, { stamp: string; dict: VariantDictionary }>();

export function loadBundledDictionary(resourcesDir: string): VariantDictionary {
  const file = bundledPath(resourcesDir);
  let raw: string;
  let stamp: string;
  try {
    const st = fs.statSync(file);
    stamp = `${st.mtimeMs}:${st.size}`;
    const hit = bundledCache.get(file);
    if (hit && hit.stamp === stamp) return hit.dict;
    raw = fs.readFileSync(file, 'utf8');
  } catch {
    return { groups: [] }; // no bundled file (e.g. a stripped build): search still works, without expansion
  }
  try {
    const dict = validateDictionary(JSON.parse(raw) as VariantDictionary, file);
    bundledCache.set(file, { stamp, dict });
    return dict;
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw badInput(file, `${file} は JSON として読めません。`, `${file} is not valid JSON.`);
  }
}

export interface StoredDictionary {
  dictionary: VariantDictionary;
  source: 'bundled' | 'user';
}

export function getDictionary(db: Database.Database, resourcesDir: string): StoredDictionary {
  const row = prepared(db, 'SELECT value FROM app_state WHERE key = ?').get(VARIANTS_KEY) as { value: string } | undefined;
  if (row) {
    try {
      return { dictionary: validateDictionary(JSON.parse(row.value) as VariantDictionary, VARIANTS_KEY), source: 'user' };
    } catch {
      /* a damaged copy falls back to the bundled dictionary rather than breaking search */
    }
  }
  return { dictionary: loadBundledDictionary(resourcesDir), source: 'bundled' };
}

/** Saves the analyst's dictionary; null restores the bundled one. */
export function setDictionary(db: Database.Database, resourcesDir: string, dict: VariantDictionary | null): StoredDictionary {
  if (dict === null) {
    db.prepare('DELETE FROM app_state WHERE key = ?').run(VARIANTS_KEY);
    return getDictionary(db, resourcesDir);
  }
  const clean = validateDictionary(dict, 'variants');
  db.prepare('INSERT INTO app_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(VARIANTS_KEY, JSON.stringify(clean));
  return { dictionary: clean, source: 'user' };
}

const compiled = new WeakMap<Database.Database, { json: string; dict: CompiledDictionary }>();

export function compiledDictionary(db: Database.Database, resourcesDir: string): CompiledDictionary {
  const { dictionary } = getDictionary(db, resourcesDir);
  const json = JSON.stringify(dictionary);
  const hit = compiled.get(db);
  if (hit && hit.json === json) return hit.dict;
  const dict = compileDictionary(dictionary);
  compiled.set(db, { json, dict });
  return dict;
}
