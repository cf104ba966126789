// As-you-type suggestions and the quick-open palette, with MiniSearch (prefix + fuzzy) over small
// vocabularies: corpus words (Intl.Segmenter), titles, speakers, pillars, tags, briefings, headings.
// FTS5 stays the one engine for statements; these indexes are rebuilt when the corpus generation moves.
import type Database from 'better-sqlite3';
import MiniSearch from 'minisearch';
import type { QuickOpenItem, Suggestion, SuggestionKind } from '../../shared/search';
import { normalizeKey } from '../../shared/text/normalize';
import { statementMeta } from './meta';
import { prepared } from '../store/prepared';

/** Vocabulary is extracted from at most this many characters of statement text, sampled evenly. */
export const VOCABULARY_SAMPLE_CHARS = 3_000_000;
export const MAX_VOCABULARY = 30_000;

interface Entry {
  id: number;
  kind: SuggestionKind | 'heading';
  value: string;
  label: string;
  refId: string | null;
  detail: string | null;
  documentId: string | null;
  weight: number;
}

// Made on first use: ICU's Japanese word dictionary takes tens of milliseconds to load, which a
// process that only searches (the CLI) should not pay when it loads this module.
let SEGMENTER: Intl.Segmenter | null = null;
function segmenter(): Intl.Segmenter {
  return (SEGMENTER ??= new Intl.Segmenter('ja', { granularity: 'word' }));
}

/** Words of a label for the index: segmenter words plus the whole label (so prefixes of either match). */
function tokenize(text: string): string[] {
  const words = [...segmenter().segment(text)].filter((s) => s.isWordLike).map((s) => s.segment);
  return [...words, text];
}

function processTerm(term: string): string | null {
  const k = normalizeKey(term);
  return k.length ? k : null;
}

function tableExists(db: Database.Database, name: string): boolean {
  return !!prepared(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name);
}

const JAPANESE_WORD = /[\p{Script=Han}\p{Script=Katakana}\p{Script=Hiragana}A-Za-z0-9]/u;
const HIRAGANA_ONLY = /^[\p{Script=Hiragana}ー]+$/u;
const COMPOUND_PART = /^[\p{Script=Han}\p{Script=Katakana}ー]+$/u;

/** Frequent corpus words (2+ characters, not bare hiragana particles), most frequent first. */
function vocabulary(db: Database.Database, total: number): [string, number][] {
  const stride = Math.max(1, Math.ceil(total / Math.max(1, VOCABULARY_SAMPLE_CHARS / 200)));
  const counts = new Map<string, number>();
  let chars = 0;
  const rows = db.prepare('SELECT text FROM statements WHERE rowid % ? = 0').pluck().iterate(stride) as IterableIterator<string>;
  for (const text of rows) {
    chars += text.length;
    // Compounds matter more than their parts (経済安全保障 is 経済 + 安全 + 保障 to the segmenter):
    // runs of adjacent kanji/katakana words are also counted joined, two and three at a time.
    let run: string[] = [];
    let runEnd = -1;
    const count = (w: string) => counts.set(w, (counts.get(w) ?? 0) + 1);
    for (const s of segmenter().segment(text)) {
      if (COMPOUND_PART.test(s.segment) && s.index === runEnd) run.push(s.segment);
      else run = COMPOUND_PART.test(s.segment) ? [s.segment] : [];
      runEnd = s.index + s.segment.length;
      if (run.length >= 2) count(run.slice(-2).join(''));
      if (run.length >= 3) count(run.slice(-3).join(''));
      if (!s.isWordLike || s.segment.length < 2 || HIRAGANA_ONLY.test(s.segment) || !JAPANESE_WORD.test(s.segment)) continue;
      count(s.segment);
    }
    if (chars > VOCABULARY_SAMPLE_CHARS) break;
  }
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, MAX_VOCABULARY);
}

function collectEntries(db: Database.Database): Entry[] {
  const meta = statementMeta(db);
  const entries: Entry[] = [];
  const add = (e: Omit<Entry, 'id'>) => entries.push({ ...e, id: entries.length });
  for (const [word, n] of vocabulary(db, meta.rowids.length)) add({ kind: 'term', value: word, label: word, refId: null, detail: null, documentId: null, weight: Math.log2(1 + n) });
  for (const d of meta.docs) add({ kind: 'document', value: `doc:${d.id}`, label: d.title, refId: d.id, detail: d.date, documentId: d.id, weight: 3 });
  for (const s of meta.speakers) add({ kind: 'speaker', value: /\s/u.test(s) ? `speaker:"${s}"` : `speaker:${s}`, label: s, refId: null, detail: null, documentId: null, weight: 2 });
  if (tableExists(db, 'pillars')) {
    for (const p of db.prepare('SELECT id, name_ja, name_en FROM pillars').all() as { id: string; name_ja: string; name_en: string }[]) {
      add({ kind: 'pillar', value: `pillar:${p.id}`, label: `${p.name_ja} / ${p.name_en}`, refId: p.id, detail: null, documentId: null, weight: 3 });
    }
  }
  if (tableExists(db, 'annotation_tags')) {
    for (const t of db.prepare('SELECT tag, COUNT(*) AS n FROM annotation_tags GROUP BY tag').all() as { tag: string; n: number }[]) {
      add({ kind: 'tag', value: /\s/u.test(t.tag) ? `tag:"${t.tag}"` : `tag:${t.tag}`, label: t.tag, refId: null, detail: null, documentId: null, weight: 2 + Math.log2(1 + t.n) });
    }
  }
  if (tableExists(db, 'briefings')) {
    for (const b of db.prepare('SELECT id, title, date FROM briefings').all() as { id: string; title: string; date: string }[]) {
      add({ kind: 'briefing', value: b.title, label: b.title, refId: b.id, detail: b.date, documentId: null, weight: 2 });
    }
  }
  const headings = db
    .prepare("SELECT s.id, s.text, s.document_id FROM statements s WHERE s.kind = 'heading' ORDER BY s.rowid LIMIT 50000")
    .all() as { id: string; text: string; document_id: string }[];
  for (const h of headings) {
    const doc = meta.docs[meta.docIndex.get(h.document_id) ?? -1];
    add({ kind: 'heading', value: h.text, label: h.text, refId: h.id, detail: doc?.title ?? null, documentId: h.document_id, weight: 1 });
  }
  return entries;
}

interface Indexes {
  key: string;
  entries: Entry[];
  mini: MiniSearch<Entry>;
}

const cache = new WeakMap<Database.Database, Indexes>();

function stateKey(db: Database.Database): string {
  // Pillars, tags and briefings change without touching statements: their counts join the key.
  const gen = statementMeta(db).generation;
  const n = (t: string, sql: string) => (tableExists(db, t) ? String(prepared(db, sql, 'pluck').get()) : '-');
  return [gen, n('pillars', 'SELECT COUNT(*) || max(updated_at) FROM pillars'), n('annotation_tags', 'SELECT COUNT(*) FROM annotation_tags'), n('briefings', 'SELECT COUNT(*) || max(updated_at) FROM briefings')].join('|');
}

function indexes(db: Database.Database): Indexes {
  let key: string;
  try {
    key = stateKey(db);
  } catch {
    key = String(statementMeta(db).generation);
  }
  const hit = cache.get(db);
  if (hit && hit.key === key) return hit;
  const entries = collectEntries(db);
  const mini = new MiniSearch<Entry>({ fields: ['label'], idField: 'id', tokenize, processTerm });
  mini.addAll(entries);
  const built = { key, entries, mini };
  cache.set(db, built);
  return built;
}

function fuzzyFor(term: string): number | boolean {
  // Edit distance means little for 2-character Japanese words; Latin words get typo tolerance.
  return /^[\x20-\x7e]+$/.test(term) && term.length >= 4 ? 0.2 : false;
}

function search(db: Database.Database, text: string, kinds: ReadonlySet<string>, limit: number): { entry: Entry; score: number }[] {
  const q = text.trim();
  if (!q || q.length > 200) return [];
  const { entries, mini } = indexes(db);
  const results = mini.search(q, {
    prefix: true,
    fuzzy: (term) => fuzzyFor(term),
    combineWith: 'AND',
    filter: (r) => kinds.has(entries[r.id as number].kind),
    boostDocument: (id) => entries[id as number].weight,
  });
  return results.slice(0, limit).map((r) => ({ entry: entries[r.id as number], score: Math.round(r.score * 1000) / 1000 }));
}

const SUGGEST_KINDS = new Set(['term', 'document', 'speaker', 'pillar', 'tag', 'briefing']);

/** A filter word being typed (`doc:経済`) completes only its own kind, by name: nobody types ids. */
const FILTER_PREFIX = /^(doc|speaker|pillar|tag)[:：]\s*["＂]?(.*)$/isu;
const FILTER_KINDS: Record<string, string> = { doc: 'document', speaker: 'speaker', pillar: 'pillar', tag: 'tag' };

function entriesFor(db: Database.Database, prefix: string, limit: number): { entry: Entry; score: number }[] {
  const f = FILTER_PREFIX.exec(prefix.trim());
  if (!f) return search(db, prefix, SUGGEST_KINDS, limit);
  const kinds = new Set([FILTER_KINDS[f[1].toLowerCase()]]);
  const rest = f[2].trim();
  if (rest) return search(db, rest, kinds, limit);
  // Just `doc:`: every entry of the kind, heaviest first.
  const { entries } = indexes(db);
  return entries.filter((e) => kinds.has(e.kind)).sort((a, b) => b.weight - a.weight).slice(0, limit).map((entry) => ({ entry, score: entry.weight }));
}

export function suggest(db: Database.Database, prefix: string, limit = 10): Suggestion[] {
  return entriesFor(db, prefix, limit).map(({ entry, score }) => {
    const s: Suggestion = { kind: entry.kind as SuggestionKind, value: entry.value, label: entry.label, score };
    if (entry.refId) s.id = entry.refId;
    return s;
  });
}

const QUICK_KINDS = new Set(['document', 'heading', 'pillar', 'briefing']);

export function quickOpen(db: Database.Database, text: string, limit = 20): QuickOpenItem[] {
  return search(db, text, QUICK_KINDS, limit).map(({ entry, score }) => ({
    kind: entry.kind as QuickOpenItem['kind'],
    id: entry.refId ?? String(entry.id),
    label: entry.label,
    detail: entry.detail,
    documentId: entry.documentId,
    score,
  }));
}
