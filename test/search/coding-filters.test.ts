// The coding filters (tag: comment: author: importance: annotated:), the tag facet, the messages
// for malformed or unknown filters and operators, the speaker offer and reading-order sort, each
// checked against a brute-force scan of the annotations and statements in the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api/client';
import type { SearchResult } from '../../shared/search';
import { normalizeKey } from '../../shared/text/normalize';
import type { AppContext } from '../../electron/app/context';
import { closeContext, corpusContext } from '../helpers/db';
import { apiFor } from '../helpers/api';

let ctx: AppContext;
let api: ApiClient;
let statements: { id: string; text: string; speaker: string | null; document_id: string; ordinal: number }[];

const TAGS = ['半導体', 'サプライチェーン', '要確認', '人材'];
const COMMENTS = ['供給網の要', '後で原文を確認', '', '特許出願の非公開に関係'];

beforeAll(async () => {
  ctx = corpusContext();
  api = apiFor(ctx);
  const colleague = apiFor({ ...ctx, author: '鈴木 分析官' });
  statements = ctx.db.prepare('SELECT id, text, speaker, document_id, ordinal FROM statements ORDER BY rowid').all() as typeof statements;
  // A deterministic spread of annotations: every 7th statement, tags/comments/importance cycling,
  // a second author for every third, and a few deleted (they must never count).
  let n = 0;
  for (let i = 0; i < statements.length; i += 7, n++) {
    const client = n % 3 === 0 ? colleague : api;
    const tags = [TAGS[n % TAGS.length], ...(n % 5 === 0 ? [TAGS[(n + 1) % TAGS.length]] : [])];
    const importance = n % 4 === 3 ? undefined : ((n % 3) + 1) as 1 | 2 | 3;
    const { annotation } = await client.call('annotations.create', { statementId: statements[i].id, comment: COMMENTS[n % COMMENTS.length], tags, importance });
    if (n % 11 === 10) await api.call('annotations.delete', { id: annotation.id });
  }
  // A second annotation on one statement, so "one annotation satisfies all filters" is tested.
  await api.call('annotations.create', { statementId: statements[0].id, tags: ['別件'], importance: 1 });
});
afterAll(() => closeContext(ctx));

interface LiveAnnotation {
  statement_id: string;
  comment: string;
  author: string;
  importance: number | null;
  tags: string[];
}

/** Every live annotation, read plainly (the oracle's view of the coding). */
function liveAnnotations(): LiveAnnotation[] {
  const rows = ctx.db.prepare('SELECT id, statement_id, comment, author, importance FROM annotations WHERE deleted_at IS NULL AND orphaned = 0').all() as (LiveAnnotation & { id: string })[];
  const tags = ctx.db.prepare('SELECT annotation_id, tag FROM annotation_tags').all() as { annotation_id: string; tag: string }[];
  return rows.map((r) => ({ ...r, tags: tags.filter((t) => t.annotation_id === r.id).map((t) => t.tag) }));
}

function statementsWhere(pred: (a: LiveAnnotation) => boolean): Set<string> {
  return new Set(liveAnnotations().filter(pred).map((a) => a.statement_id));
}

const search = (query: string, sort?: 'relevance' | 'document'): Promise<SearchResult> => api.call('search.query', { query, limit: 500, ...(sort ? { sort } : {}) });
const ids = (r: SearchResult) => new Set(r.hits.map((h) => h.statementId));
const codes = (r: SearchResult) => r.messages.map((m) => m.code);

describe('coding filters against a scan of the annotations', () => {
  it('tag: selects statements carrying the tag (normalized), alone and with a term', async () => {
    for (const tag of TAGS) {
      const expected = statementsWhere((a) => a.tags.some((t) => normalizeKey(t) === normalizeKey(tag)));
      expect(expected.size).toBeGreaterThan(0);
      const r = await search(`tag:${tag}`);
      expect(r.total).toBe(expected.size);
      expect(ids(r)).toEqual(expected);
      expect(codes(r)).not.toContain('unknown-filter');
    }
    const withTerm = await search('tag:半導体 の');
    const expected = [...statementsWhere((a) => a.tags.includes('半導体'))].filter((id) => normalizeKey(statements.find((s) => s.id === id)!.text).includes('の'));
    expect(ids(withTerm)).toEqual(new Set(expected));
  });

  it('comment: finds the analyst\u2019s own comment text', async () => {
    for (const fragment of ['供給網', '原文', '非公開']) {
      const expected = statementsWhere((a) => normalizeKey(a.comment).includes(normalizeKey(fragment)));
      expect(expected.size).toBeGreaterThan(0);
      const r = await search(`comment:${fragment}`);
      expect(ids(r)).toEqual(expected);
    }
  });

  it('author: and importance: (exact and N+)', async () => {
    const bySuzuki = await search('author:鈴木');
    expect(ids(bySuzuki)).toEqual(statementsWhere((a) => a.author.includes('鈴木')));
    expect(bySuzuki.total).toBeGreaterThan(0);
    const spaced = await search('author:"鈴木 分析官"');
    expect(ids(spaced)).toEqual(ids(bySuzuki));
    for (const level of [1, 2, 3]) {
      const r = await search(`importance:${level}`);
      expect(ids(r)).toEqual(statementsWhere((a) => a.importance === level));
    }
    const twoPlus = await search('importance:2+');
    expect(ids(twoPlus)).toEqual(statementsWhere((a) => a.importance !== null && a.importance >= 2));
  });

  it('annotated:yes / annotated:no partition the corpus', async () => {
    const coded = statementsWhere(() => true);
    const yes = await search('annotated:yes');
    const no = await api.call('search.query', { query: 'annotated:no', limit: 500 });
    expect(ids(yes)).toEqual(coded);
    expect(no.total).toBe(statements.length - coded.size);
    for (const id of ids(no)) expect(coded.has(id)).toBe(false);
  });

  it('several coding filters must hold on one annotation', async () => {
    const r = await search('tag:別件 importance:1');
    expect(ids(r)).toEqual(statementsWhere((a) => a.tags.includes('別件') && a.importance === 1));
    const none = await search('tag:別件 importance:3');
    // statements[0] has 別件 (importance 1) and another annotation; only one annotation carrying both counts.
    expect(ids(none)).toEqual(statementsWhere((a) => a.tags.includes('別件') && a.importance === 3));
    expect(none.total).toBe(0);
  });

  it('the tag facet counts hits per tag, once per statement', async () => {
    const r = await search('annotated:yes');
    const live = liveAnnotations();
    for (const f of r.facets.tags) {
      const expected = new Set(live.filter((a) => a.tags.includes(f.id)).map((a) => a.statement_id));
      expect(f.count).toBe(expected.size);
    }
    expect(new Set(r.facets.tags.map((f) => f.id))).toEqual(new Set(live.flatMap((a) => a.tags)));
  });
});

describe('malformed and unknown filters get a message, never an exception', () => {
  it.each([
    ['tag:', 'empty-filter'],
    ['importance:9', 'bad-filter-value'],
    ['importance:高', 'bad-filter-value'],
    ['annotated:maybe', 'bad-filter-value'],
    ['tag:存在しないタグ', 'unknown-filter'],
    ['author:誰でもない', 'unknown-filter'],
    ['title:経済', 'unknown-filter-word'],
    ['経済 AND 安全', 'literal-operator'],
    ['経済 NOT 安全', 'literal-operator'],
  ])('%s → %s', async (query, code) => {
    const r = await search(query);
    expect(codes(r)).toContain(code);
    const m = r.messages.find((x) => x.code === code)!;
    expect(m.message.ja.length).toBeGreaterThan(0);
    expect(m.message.en.length).toBeGreaterThan(0);
  });

  it('the literal-operator message shows the syntax, and the unknown filter word is searched as text', async () => {
    const r = await search('経済 AND 安全');
    expect(r.messages.find((m) => m.code === 'literal-operator')!.message.en).toContain('-term');
    const url = await search('https://www');
    expect(codes(url)).toContain('unknown-filter-word');
    expect(url.total).toBe(statements.filter((s) => normalizeKey(s.text).includes(normalizeKey('https://www'))).length);
  });
});

describe('speaker offer and sort', () => {
  it('a query that is exactly a speaker offers speaker: with the count', async () => {
    const counts = new Map<string, number>();
    for (const s of statements) if (s.speaker) counts.set(s.speaker, (counts.get(s.speaker) ?? 0) + 1);
    const [name, n] = [...counts].sort((a, b) => b[1] - a[1])[0];
    const r = await search(name);
    const offer = r.messages.find((m) => m.code === 'speaker-offer');
    expect(offer?.subject).toBe(`speaker:${name}`);
    expect(offer?.message.en).toBe(`${n} statements by ${name}: search speaker:${name}.`);
    const filtered = await search(`speaker:${name}`);
    expect(filtered.total).toBe(n);
    expect(codes(await search(`${name} 会議`))).not.toContain('speaker-offer');
  });

  it('sort: document returns the same hits in reading order', async () => {
    const docOrder = (ctx.db.prepare('SELECT id FROM documents ORDER BY date IS NULL, date, title, id').pluck().all() as string[]);
    const rank = (id: string) => {
      const s = statements.find((x) => x.id === id)!;
      return docOrder.indexOf(s.document_id) * 1e6 + s.ordinal;
    };
    const relevance = await search('経済', 'relevance');
    const reading = await search('経済', 'document');
    expect(ids(reading)).toEqual(ids(relevance));
    expect(reading.ranking).toBe('document-order');
    const keys = reading.hits.map((h) => rank(h.statementId));
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
    expect(relevance.hits.map((h) => h.statementId)).not.toEqual(reading.hits.map((h) => h.statementId));
  });
});

describe('filter completion', () => {
  it('doc: completes document titles to doc:ID, and tag: to tag:TAG', async () => {
    const docs = ctx.db.prepare('SELECT id, title FROM documents').all() as { id: string; title: string }[];
    const target = docs.find((d) => d.title.includes('経団連'))!;
    const s = await api.call('search.suggest', { prefix: 'doc:経団連' });
    expect(s.suggestions.length).toBeGreaterThan(0);
    expect(s.suggestions.every((x) => x.kind === 'document')).toBe(true);
    expect(s.suggestions[0].value).toBe(`doc:${target.id}`);
    const all = await api.call('search.suggest', { prefix: 'doc:', limit: 50 });
    expect(new Set(all.suggestions.map((x) => x.value))).toEqual(new Set(docs.map((d) => `doc:${d.id}`)));
    const tags = await api.call('search.suggest', { prefix: 'tag:半' });
    expect(tags.suggestions.map((x) => x.value)).toEqual(['tag:半導体']);
  });
});

describe('partial matches and office variants', () => {
  it('when no statement has every word, shows those with most of them, marked with the words they lack', async () => {
    const q = '岸田総理 指示 法案';
    const r = await search(q);
    expect(codes(r)).toContain('partial-match');
    expect(r.total).toBeGreaterThan(0);
    // Oracle: per statement, how many of the three words (岸田総理 or its variant spelling) it contains.
    const clauses = [['岸田総理', '岸田内閣総理大臣', '岸田首相', '岸田総理大臣'], ['指示'], ['法案']].map((c) => c.map(normalizeKey));
    const covered = (text: string) => clauses.filter((c) => c.some((w) => normalizeKey(text).includes(w))).length;
    const counts = statements.map((s) => ({ id: s.id, n: covered(s.text) }));
    const best = Math.max(...counts.map((c) => c.n));
    expect(best).toBeLessThan(3);
    const expected = new Set(counts.filter((c) => c.n >= Math.max(1, best - 1)).map((c) => c.id));
    expect(ids(r)).toEqual(expected);
    for (const h of r.hits) {
      expect(h.partial).toBe(true);
      const n = covered(h.text);
      expect(h.missing!.length).toBe(3 - n);
    }
    // More words first.
    const ns = r.hits.map((h) => covered(h.text));
    expect(ns).toEqual([...ns].sort((a, b) => b - a));
    expect(r.hits.some((h) => h.text.includes('岸田内閣総理大臣'))).toBe(true);
  });

  it('a full match is never marked partial', async () => {
    const r = await search('経済 安全');
    expect(r.total).toBeGreaterThan(0);
    expect(codes(r)).not.toContain('partial-match');
    expect(r.hits.every((h) => h.partial === undefined)).toBe(true);
  });

  it('titles and offices are in the variant dictionary', async () => {
    const r = await search('総理');
    expect(r.expansions).toEqual([{ term: '総理', variants: ['内閣総理大臣', '首相', '総理大臣'] }]);
    const kancho = await search('官房長官');
    expect(kancho.expansions[0].variants).toContain('内閣官房長官');
    const keisan = await search('経産大臣');
    expect(keisan.expansions[0].variants).toContain('経済産業大臣');
  });
});
