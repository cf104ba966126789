// The search query language (docs/search.md): AND by spaces, OR, -exclusion, "phrases", the source
// filters doc: pillar: speaker: after: before: and the coding filters tag: comment: annotated:
// importance: author:. Pure and total: any string parses, oddities become messages.
import type { SearchMessage, SearchMessageCode } from '../search';
import { isIsoDate } from '../date';
import type { LocalizedText } from '../errors';
import { normalizeKey } from '../text/normalize';

export interface QueryTerm {
  /** As typed (without quotes or the leading minus). */
  raw: string;
  /** normalizeKey(raw): what is matched. */
  norm: string;
  phrase: boolean;
}

/** Terms joined by OR; a query is the AND of its clauses. */
export interface QueryClause {
  anyOf: QueryTerm[];
}

export interface QueryFilters {
  docs: string[];
  pillars: string[];
  /** Normalized speaker fragments (a statement matches when its normalized speaker contains one). */
  speakers: string[];
  /** Inclusive ISO dates of the document. */
  after: string | null;
  before: string | null;
  // Coding filters: a statement passes when one of its annotations satisfies all of them together.
  /** Normalized tags (equal after normalization; several = either). */
  tags: string[];
  /** Normalized fragments of the analyst's comment (several = either). */
  comments: string[];
  /** Normalized fragments of the annotation's author (several = either). */
  authors: string[];
  /** Importance levels accepted (1–3); empty = any. */
  importance: number[];
  /** annotated:yes / annotated:no; null = either. */
  annotated: boolean | null;
}

/** Every filter word, for the "unknown filter" message and the docs. */
export const FILTER_WORDS = ['doc', 'pillar', 'speaker', 'after', 'before', 'tag', 'comment', 'annotated', 'importance', 'author'] as const;

export interface ParsedQuery {
  clauses: QueryClause[];
  exclude: QueryTerm[];
  filters: QueryFilters;
  messages: SearchMessage[];
}

/** Beyond this many terms the rest are ignored (with a message): a paste is not a query. */
export const MAX_TERMS = 32;

const QUOTES = new Set(['"', '＂', '“', '”']);
const FILTER = new RegExp(`^(${FILTER_WORDS.join('|')})[:：](.*)$`, 'isu');
/** A word that looks like a filter (letters then a colon) but is none: searched as text, with a note. */
const FILTER_LIKE = /^([a-z]{2,20})[:：]/iu;
const IMPORTANCE = /^([1-3])(\+?)$/u;
/** Operators other tools use; here they are searched as words, and the message shows our syntax. */
const FOREIGN_OPERATORS = new Set(['AND', 'NOT', 'ＡＮＤ', 'ＮＯＴ', '&&']);
const SPACE = /\s/u;

function msg(code: SearchMessageCode, message: LocalizedText, subject?: string): SearchMessage {
  return subject === undefined ? { code, message } : { code, message, subject: subject.slice(0, 80) };
}

type Token =
  | { kind: 'word'; text: string; quoted: boolean; negated: boolean; closed: boolean }
  | { kind: 'or' }
  | { kind: 'minus' };

function readQuoted(s: string, i: number): { text: string; next: number; closed: boolean } {
  let j = i;
  while (j < s.length && !QUOTES.has(s[j])) j++;
  return { text: s.slice(i, j), next: j < s.length ? j + 1 : j, closed: j < s.length };
}

function lex(s: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < s.length) {
    if (SPACE.test(s[i])) {
      i++;
      continue;
    }
    let negated = false;
    if ((s[i] === '-' || s[i] === '－') && i + 1 < s.length && !SPACE.test(s[i + 1])) {
      negated = true;
      i++;
    } else if ((s[i] === '-' || s[i] === '－') && (i + 1 >= s.length || SPACE.test(s[i + 1]))) {
      tokens.push({ kind: 'minus' });
      i++;
      continue;
    }
    if (QUOTES.has(s[i])) {
      const q = readQuoted(s, i + 1);
      tokens.push({ kind: 'word', text: q.text, quoted: true, negated, closed: q.closed });
      i = q.next;
      continue;
    }
    let j = i;
    while (j < s.length && !SPACE.test(s[j])) {
      // A filter value may be quoted: speaker:"外務 大臣".
      if (QUOTES.has(s[j]) && j > i && (s[j - 1] === ':' || s[j - 1] === '：')) {
        const q = readQuoted(s, j + 1);
        tokens.push({ kind: 'word', text: s.slice(i, j) + q.text, quoted: false, negated, closed: q.closed });
        j = -1;
        i = q.next;
        break;
      }
      j++;
    }
    if (j === -1) continue;
    const text = s.slice(i, j);
    if (!negated && (text === 'OR' || text === 'ＯＲ' || text === '|')) tokens.push({ kind: 'or' });
    else tokens.push({ kind: 'word', text, quoted: false, negated, closed: true });
    i = j;
  }
  return tokens;
}


export function parseQuery(input: string): ParsedQuery {
  const filters: QueryFilters = { docs: [], pillars: [], speakers: [], after: null, before: null, tags: [], comments: [], authors: [], importance: [], annotated: null };
  const messages: SearchMessage[] = [];
  const clauses: QueryClause[] = [];
  const exclude: QueryTerm[] = [];
  let termCount = 0;
  let pendingOr = false;
  let lastWasPositive = false;
  let orWarned = false;
  const danglingOr = () => {
    if (!orWarned) messages.push(msg('dangling-or', { ja: 'OR の前後に語がないため無視しました。', en: 'An OR without a term on both sides was ignored.' }, 'OR'));
    orWarned = true;
  };

  for (const t of lex(input)) {
    if (t.kind === 'minus') {
      messages.push(msg('lone-minus', { ja: '単独の「-」は無視しました（除外は -語 と続けて書きます）。', en: 'A lone "-" was ignored (write -term to exclude).' }, '-'));
      continue;
    }
    if (t.kind === 'or') {
      if (!lastWasPositive || pendingOr) danglingOr();
      else pendingOr = true;
      continue;
    }
    if (!t.closed) {
      messages.push(msg('unbalanced-quote', { ja: '閉じられていない引用符を、文末で閉じたものとして扱いました。', en: 'An unclosed quote was treated as closed at the end of the query.' }, t.text));
    }
    const f = t.quoted ? null : FILTER.exec(t.text);
    if (f) {
      const key = f[1].toLowerCase();
      const value = f[2].trim();
      if (t.negated) {
        messages.push(msg('negated-filter', { ja: `絞り込み「${t.text}」は除外にできないため無視しました。`, en: `The filter "${t.text}" cannot be negated; it was ignored.` }, t.text));
        continue;
      }
      if (!value) {
        messages.push(msg('empty-filter', { ja: `絞り込み「${key}:」に値がないため無視しました。`, en: `The filter "${key}:" has no value; it was ignored.` }, key));
        continue;
      }
      if (key === 'doc') filters.docs.push(value);
      else if (key === 'pillar') filters.pillars.push(value);
      else if (key === 'speaker' || key === 'tag' || key === 'comment' || key === 'author') {
        const n = normalizeKey(value);
        const list = key === 'speaker' ? filters.speakers : key === 'tag' ? filters.tags : key === 'comment' ? filters.comments : filters.authors;
        if (n) list.push(n);
        else messages.push(msg('empty-filter', { ja: `絞り込み「${key}:」の値に検索できる文字がないため無視しました。`, en: `The ${key}: filter has no searchable characters; it was ignored.` }, value));
      } else if (key === 'annotated') {
        const v = value.toLowerCase();
        if (v === 'yes' || v === 'no') filters.annotated = v === 'yes';
        else messages.push(msg('bad-filter-value', { ja: `「annotated:${value}」は annotated:yes か annotated:no で書いてください。無視しました。`, en: `"annotated:${value}" must be annotated:yes or annotated:no; it was ignored.` }, value));
      } else if (key === 'importance') {
        const m = IMPORTANCE.exec(value.normalize('NFKC'));
        if (m) {
          const from = Number(m[1]);
          for (let level = from; level <= (m[2] ? 3 : from); level++) if (!filters.importance.includes(level)) filters.importance.push(level);
        } else {
          messages.push(msg('bad-filter-value', { ja: `「importance:${value}」の重要度は 1〜3（3+ は「3 以上」）で書いてください。無視しました。`, en: `"importance:${value}" needs a level 1–3 (2+ means 2 or more); it was ignored.` }, value));
        }
      } else if (!isIsoDate(value)) {
        messages.push(msg('bad-date', { ja: `「${key}:${value}」の日付は YYYY-MM-DD で書いてください。無視しました。`, en: `"${key}:${value}" needs a date written YYYY-MM-DD; it was ignored.` }, value));
      } else if (key === 'after') filters.after = filters.after && filters.after > value ? filters.after : value;
      else filters.before = filters.before && filters.before < value ? filters.before : value;
      if (pendingOr) danglingOr();
      pendingOr = false;
      continue;
    }
    if (!t.quoted && !t.negated) {
      const like = FILTER_LIKE.exec(t.text);
      if (like) {
        messages.push(msg('unknown-filter-word', { ja: `「${like[1]}:」という絞り込みはありません。「${t.text}」を語として検索しました（使える絞り込み: ${FILTER_WORDS.map((w) => `${w}:`).join(' ')}）。`, en: `There is no filter "${like[1]}:"; "${t.text}" was searched as text (filters: ${FILTER_WORDS.map((w) => `${w}:`).join(' ')}).` }, t.text));
      } else if (FOREIGN_OPERATORS.has(t.text)) {
        messages.push(msg('literal-operator', { ja: `「${t.text}」は演算子ではなく語として検索しました。すべてを含む: 語 語（空白で区切る）、いずれか: 語 OR 語、除外: -語。`, en: `"${t.text}" was searched as a word, not an operator. All of: term term (spaces); either: term OR term; exclude: -term.` }, t.text));
      }
    }
    const norm = normalizeKey(t.text);
    if (!norm) {
      if (t.text.length > 0 || t.quoted) messages.push(msg('empty-term', { ja: `「${t.text}」には検索できる文字がないため無視しました。`, en: `"${t.text}" has no searchable characters; it was ignored.` }, t.text));
      continue;
    }
    if (termCount >= MAX_TERMS) {
      if (termCount === MAX_TERMS) messages.push(msg('too-many-terms', { ja: `語が多すぎるため、最初の ${MAX_TERMS} 語で検索しました。`, en: `Too many terms: searched with the first ${MAX_TERMS}.` }));
      termCount++;
      continue;
    }
    termCount++;
    const term: QueryTerm = { raw: t.text, norm, phrase: t.quoted };
    if (t.negated) {
      if (pendingOr) danglingOr();
      pendingOr = false;
      exclude.push(term);
      continue;
    }
    if (pendingOr && clauses.length) clauses[clauses.length - 1].anyOf.push(term);
    else clauses.push({ anyOf: [term] });
    pendingOr = false;
    lastWasPositive = true;
  }
  if (pendingOr) danglingOr();
  return { clauses, exclude, filters, messages };
}

/** True when the query asks for nothing at all (no terms, no filters). */
export function isEmptyQuery(q: ParsedQuery): boolean {
  const f = q.filters;
  return q.clauses.length === 0 && q.exclude.length === 0 && !f.docs.length && !f.pillars.length && !f.speakers.length && !f.after && !f.before && !hasCodingFilter(q);
}

/** True when the query filters by the analyst's coding (tags, comments, authors, importance, annotated:). */
export function hasCodingFilter(q: ParsedQuery): boolean {
  const f = q.filters;
  return f.tags.length > 0 || f.comments.length > 0 || f.authors.length > 0 || f.importance.length > 0 || f.annotated !== null;
}
