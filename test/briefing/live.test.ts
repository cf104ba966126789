// Live by-pillar sections on the bundled corpus: annotations filed under a section's pillar after
// it started following appear as new (and only there), never in an export until accepted; accept
// and dismiss are journaled (undo brings a candidate back); bad ids are refused naming the id with
// nothing written; a deleted pillar stops its section following, without a crash.
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/app/context';
import * as repo from '../../electron/briefing/repo';
import { resolveBriefing } from '../../electron/briefing/resolve';
import { renderBriefingDocx } from '../../electron/export/docx';
import { renderBriefingMarkdown } from '../../electron/export/markdown';
import type { ApiClient } from '../../shared/api/client';
import type { Briefing, LiveSection } from '../../shared/briefing';
import { apiError, withCorpusApi } from '../helpers/annotate';
import { runCli } from '../helpers/cli';
import { allStatements, annotatePillars, quoteAround, type Fixture } from './evidence-fixture';

let ctx: AppContext;
let api: ApiClient;
let fx: Fixture;
withCorpusApi((env) => {
  ({ ctx, api } = env);
  fx = annotatePillars(ctx.db, 1);
  used = new Set(fx.all.map((a) => a.statementId));
});

/** A statement no annotation of this test uses, containing `term`: the next one each call. */
let used = new Set<string>();
function freshStatement(term: string) {
  const s = allStatements(ctx.db).find((x) => x.kind !== 'heading' && x.text.includes(term) && !used.has(x.id));
  if (!s) throw new Error(`no unused statement with ${term}`);
  used.add(s.id);
  return { statementId: s.id, quote: quoteAround(s.text, term) };
}

async function newAnnotation(term: string, pillarIds: string[]) {
  return (await api.call('annotations.create', { ...freshStatement(term), pillarIds, comment: `新しい根拠（${term}）` })).annotation;
}

const section = (b: Briefing, pillarId: string) => b.sections.find((s) => s.pillarId === pillarId)!;
const liveOf = async (id: string): Promise<LiveSection[]> => (await api.call('briefings.live', { id })).sections;
const candidateIds = async (id: string, sectionId: string) => (await liveOf(id)).find((s) => s.sectionId === sectionId)!.candidates.map((c) => c.annotationId);
const markdown = (id: string) => renderBriefingMarkdown(resolveBriefing(ctx.db, repo.getBriefing(ctx.db, id)));
async function docxText(id: string): Promise<string> {
  const bytes = await renderBriefingDocx(resolveBriefing(ctx.db, repo.getBriefing(ctx.db, id)));
  return [...strFromU8(unzipSync(bytes)['word/document.xml']).matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}
const changeCount = () => (ctx.db.prepare('SELECT COUNT(*) AS n FROM change_groups').get() as { n: number }).n;
const rowsOf = () => JSON.stringify([ctx.db.prepare('SELECT * FROM briefing_items ORDER BY id').all(), ctx.db.prepare('SELECT * FROM briefing_live_dismissed ORDER BY annotation_id').all()]);

async function byPillar(): Promise<Briefing> {
  return (await api.call('briefings.create', { title: '柱別（追従）', template: { from: 'annotations', groupBy: 'pillar' } })).briefing;
}

describe('a by-pillar briefing follows its pillars', () => {
  it('makes every pillar section live, with nothing new at first (everything is already in it)', async () => {
    const b = await byPillar();
    expect(b.sections.map((s) => s.pillarId)).toEqual(['supply-chain', 'infrastructure', 'tech-protection', 'patents']);
    for (const s of b.sections) expect(s.liveSince).toBe(b.createdAt);
    const live = await liveOf(b.id);
    expect(live.map((s) => [s.pillarId, s.live, s.candidates.length])).toEqual([
      ['supply-chain', true, 0],
      ['infrastructure', true, 0],
      ['tech-protection', true, 0],
      ['patents', true, 0],
    ]);
  });

  it('offers an annotation made later under its pillar in that section only, and keeps it out of every export', async () => {
    const b = await byPillar();
    const a = await newAnnotation('サプライチェーン', ['supply-chain']);
    const live = await liveOf(b.id);
    expect(live.find((s) => s.pillarId === 'supply-chain')!.candidates).toEqual([
      { annotationId: a.id, statementId: a.statementId, quote: a.target.quote.exact, comment: a.comment, orphaned: false, linkedAt: a.createdAt },
    ]);
    for (const s of live.filter((x) => x.pillarId !== 'supply-chain')) expect(s.candidates).toEqual([]);
    expect(markdown(b.id)).not.toContain(a.target.quote.exact);
    expect(await docxText(b.id)).not.toContain(a.target.quote.exact);
  });

  it('offers an older annotation newly filed under the pillar, and takes it back when the filing is undone', async () => {
    const b = await byPillar();
    const old = fx.byPillar.infrastructure[0];
    await api.call('annotations.update', { id: old.id, pillarIds: ['infrastructure', 'patents'] });
    const patents = section(b, 'patents').id;
    expect(await candidateIds(b.id, patents)).toEqual([]); // already in the briefing (under 基幹インフラ)
    const other = await newAnnotation('特許', []);
    expect(await candidateIds(b.id, patents)).toEqual([]); // not filed under the pillar
    await api.call('annotations.update', { id: other.id, pillarIds: ['patents'] });
    expect(await candidateIds(b.id, patents)).toEqual([other.id]);
    await api.call('history.undo', {});
    expect(await candidateIds(b.id, patents)).toEqual([]);
    await api.call('history.redo', {});
    expect(await candidateIds(b.id, patents)).toEqual([other.id]);
  });

  it('accepts a new annotation into the section as evidence (DOCX and Markdown then quote it); undo makes it new again', async () => {
    const b = await byPillar();
    const sc = section(b, 'supply-chain').id;
    const a = await newAnnotation('サプライチェーン', ['supply-chain']);
    const { briefing, itemIds } = await api.call('briefings.live.accept', { sectionId: sc, annotationIds: [a.id] });
    expect(section(briefing, 'supply-chain').items.map((i) => i.annotationId)).toEqual([fx.byPillar['supply-chain'][0].id, a.id]);
    expect(itemIds).toHaveLength(1);
    expect(await candidateIds(b.id, sc)).toEqual([]);
    expect(markdown(b.id)).toContain(a.target.quote.exact);
    expect(await docxText(b.id)).toContain(a.target.quote.exact);
    expect((await api.call('history.undo', {})).briefingIds).toEqual([b.id]);
    expect(await candidateIds(b.id, sc)).toEqual([a.id]);
    expect(markdown(b.id)).not.toContain(a.target.quote.exact);
  });

  it('dismisses a new annotation (gone from the section), undo brings it back, redo dismisses it again', async () => {
    const b = await byPillar();
    const tp = section(b, 'tech-protection').id;
    const a = await newAnnotation('技術流出', ['tech-protection']);
    const keep = await newAnnotation('重要技術', ['tech-protection']);
    expect(await candidateIds(b.id, tp)).toEqual([a.id, keep.id]);
    const { briefing } = await api.call('briefings.live.dismiss', { sectionId: tp, annotationIds: [a.id] });
    expect(section(briefing, 'tech-protection').items).toHaveLength(1);
    expect(await candidateIds(b.id, tp)).toEqual([keep.id]);
    const undone = await api.call('history.undo', {});
    expect(undone.kind).toBe('briefing.live.dismiss');
    expect(undone.briefingIds).toEqual([b.id]);
    expect(await candidateIds(b.id, tp)).toEqual([a.id, keep.id]);
    await api.call('history.redo', {});
    expect(await candidateIds(b.id, tp)).toEqual([keep.id]);
    expect(markdown(b.id)).not.toContain(a.target.quote.exact);
  });

  it('keeps dismissals with a section that is deleted and brought back by undo', async () => {
    const b = await byPillar();
    const sc = section(b, 'supply-chain').id;
    const a = await newAnnotation('サプライチェーン', ['supply-chain']);
    await api.call('briefings.live.dismiss', { sectionId: sc, annotationIds: [a.id] });
    await api.call('briefings.sections.delete', { sectionId: sc });
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM briefing_live_dismissed').get()).toEqual({ n: 0 });
    await api.call('history.undo', {});
    expect(await candidateIds(b.id, sc)).toEqual([]);
    expect(ctx.db.prepare('SELECT annotation_id AS a FROM briefing_live_dismissed').all()).toEqual([{ a: a.id }]);
  });
});

describe('following a pillar by hand', () => {
  it('makes an ordinary section live from now on, and stops (keeping its pillar) when asked', async () => {
    const { briefing: b } = await api.call('briefings.create', { title: '手動で追う' });
    const { sectionId } = await api.call('briefings.sections.add', { briefingId: b.id, heading: '特許の動向' });
    const before = await newAnnotation('特許', ['patents']);
    const followed = await api.call('briefings.sections.follow', { sectionId, pillarId: 'patents' });
    expect(followed.briefing.sections[0]).toMatchObject({ pillarId: 'patents' });
    expect(await candidateIds(b.id, sectionId)).toEqual([]); // filed before it followed
    const after = await newAnnotation('特許', ['patents']);
    expect(await candidateIds(b.id, sectionId)).toEqual([after.id]);
    expect(before.id).not.toBe(after.id);
    const stopped = await api.call('briefings.sections.follow', { sectionId, pillarId: null });
    expect(stopped.briefing.sections[0]).toMatchObject({ pillarId: 'patents', liveSince: null });
    expect((await liveOf(b.id))[0]).toMatchObject({ live: false, candidates: [] });
    await api.call('history.undo', {});
    expect(await candidateIds(b.id, sectionId)).toEqual([after.id]);
    const e = await apiError(api.call('briefings.sections.follow', { sectionId, pillarId: 'no-such-pillar' }));
    expect(e.data).toMatchObject({ code: 'not-found', subject: 'no-such-pillar' });
  });

  it('stops following a pillar that is deleted: no candidates, accept refused, export and undo fine', async () => {
    const { pillar } = await api.call('pillars.create', { nameJa: '経済的威圧' });
    const { briefing: b } = await api.call('briefings.create', { title: '威圧' });
    const { sectionId } = await api.call('briefings.sections.add', { briefingId: b.id, heading: '経済的威圧' });
    await api.call('briefings.sections.follow', { sectionId, pillarId: pillar.id });
    const a = await newAnnotation('サプライチェーン', [pillar.id]);
    expect(await candidateIds(b.id, sectionId)).toEqual([a.id]);
    await api.call('annotations.update', { id: a.id, pillarIds: [] }); // only an unused pillar can be deleted
    await api.call('pillars.delete', { id: pillar.id });
    expect((await liveOf(b.id))[0]).toMatchObject({ sectionId, pillarId: pillar.id, live: false, candidates: [] });
    const e = await apiError(api.call('briefings.live.accept', { sectionId, annotationIds: [a.id] }));
    expect(e.data).toMatchObject({ code: 'conflict', subject: sectionId });
    expect(markdown(b.id)).toContain('経済的威圧');
    await api.call('history.undo', {}); // the pillar comes back, and the section follows it again
    expect((await liveOf(b.id))[0].live).toBe(true);
  });
});

describe('bad input to accept and dismiss', () => {
  it('refuses an id that is not new here, a deleted annotation, a deleted briefing and a second accept or dismiss, naming the id and writing nothing', async () => {
    const b = await byPillar();
    const sc = section(b, 'supply-chain').id;
    const a = await newAnnotation('サプライチェーン', ['supply-chain']);
    const gone = await newAnnotation('サプライチェーン', ['supply-chain']);
    await api.call('annotations.delete', { id: gone.id });
    const inBriefing = fx.byPillar['supply-chain'][0].id;
    const otherPillar = await newAnnotation('特許', ['patents']);
    const cases: [string, () => Promise<unknown>, string, string, RegExp][] = [
      ['unknown id', () => api.call('briefings.live.accept', { sectionId: sc, annotationIds: ['ann_nope'] }), 'not-found', 'ann_nope', /no such annotation/],
      ['deleted annotation', () => api.call('briefings.live.accept', { sectionId: sc, annotationIds: [a.id, gone.id] }), 'not-found', gone.id, /deleted/],
      ['already in the briefing', () => api.call('briefings.live.dismiss', { sectionId: sc, annotationIds: [inBriefing] }), 'conflict', inBriefing, /already in the briefing/],
      ['another pillar', () => api.call('briefings.live.accept', { sectionId: sc, annotationIds: [otherPillar.id] }), 'conflict', otherPillar.id, /not new for this section/],
      ['given twice', () => api.call('briefings.live.accept', { sectionId: sc, annotationIds: [a.id, a.id] }), 'invalid-request', a.id, /given twice/],
      ['unknown section', () => api.call('briefings.live.accept', { sectionId: 'sec_nope', annotationIds: [a.id] }), 'not-found', 'sec_nope', /sec_nope/],
    ];
    for (const [name, call, code, subject, en] of cases) {
      const before = [changeCount(), rowsOf()];
      const e = await apiError(call());
      expect(e.data, name).toMatchObject({ code, subject });
      expect(e.data.message.en, name).toMatch(en);
      expect(e.data.message.ja, name).toContain(subject);
      expect([changeCount(), rowsOf()], name).toEqual(before);
    }
    await api.call('briefings.live.accept', { sectionId: sc, annotationIds: [a.id] });
    const twice = await apiError(api.call('briefings.live.accept', { sectionId: sc, annotationIds: [a.id] }));
    expect(twice.data).toMatchObject({ code: 'conflict', subject: a.id });
    const c = await newAnnotation('サプライチェーン', ['supply-chain']);
    await api.call('briefings.live.dismiss', { sectionId: sc, annotationIds: [c.id] });
    const again = await apiError(api.call('briefings.live.dismiss', { sectionId: sc, annotationIds: [c.id] }));
    expect(again.data).toMatchObject({ code: 'conflict', subject: c.id });
    expect(again.data.message.en).toMatch(/already dismissed/);
    await api.call('briefings.delete', { id: b.id });
    const d = await newAnnotation('サプライチェーン', ['supply-chain']);
    const before = [changeCount(), rowsOf()];
    const deleted = await apiError(api.call('briefings.live.dismiss', { sectionId: sc, annotationIds: [d.id] }));
    expect(deleted.data).toMatchObject({ code: 'not-found', subject: sc });
    expect((await apiError(api.call('briefings.live', { id: b.id }))).data).toMatchObject({ code: 'not-found', subject: b.id });
    expect([changeCount(), rowsOf()]).toEqual(before);
  });
});

describe('the section picker (briefings.placement)', () => {
  it("proposes the section of the annotation's pillar, else the remembered choice, else the last section", async () => {
    const b = await byPillar();
    const { briefing: empty } = await api.call('briefings.create', { title: '空' });
    const patentNote = await newAnnotation('特許', ['patents']);
    const unfiled = await newAnnotation('サプライチェーン', []);
    const get = async (ids: string[]) => (await api.call('briefings.placement', { annotationIds: ids })).briefings;
    let all = await get([patentNote.id]);
    expect(all.map((x) => x.id)).toEqual([empty.id, b.id]); // most recently changed first
    expect(all.find((x) => x.id === b.id)!.suggested).toEqual({ sectionId: section(b, 'patents').id, reason: 'pillar' });
    expect(all.find((x) => x.id === empty.id)!.suggested).toEqual({ sectionId: null, reason: 'none' });
    all = await get([unfiled.id]);
    expect(all.find((x) => x.id === b.id)!.suggested).toEqual({ sectionId: b.sections.at(-1)!.id, reason: 'end' });
    const chosen = section(b, 'infrastructure').id;
    await api.call('briefings.placement.remember', { briefingId: b.id, sectionId: chosen });
    all = await get([unfiled.id]);
    expect(all.find((x) => x.id === b.id)!).toMatchObject({ lastSectionId: chosen, suggested: { sectionId: chosen, reason: 'last' } });
    // The pillar still wins over the last choice; most of several annotations' pillars decides.
    expect((await get([patentNote.id])).find((x) => x.id === b.id)!.suggested.reason).toBe('pillar');
    const two = await newAnnotation('技術流出', ['tech-protection']);
    const three = await newAnnotation('重要技術', ['tech-protection']);
    expect((await get([patentNote.id, two.id, three.id])).find((x) => x.id === b.id)!.suggested.sectionId).toBe(section(b, 'tech-protection').id);
    // Remembering is a preference: not a change in the journal, and the briefing's order stays.
    const n = changeCount();
    await api.call('briefings.placement.remember', { briefingId: b.id, sectionId: section(b, 'patents').id });
    expect(changeCount()).toBe(n);
    const deletedSection = await api.call('briefings.sections.delete', { sectionId: section(b, 'patents').id });
    expect((await get([unfiled.id])).find((x) => x.id === b.id)!).toMatchObject({ lastSectionId: null, suggested: { sectionId: deletedSection.briefing.sections.at(-1)!.id, reason: 'end' } });
  });

  it('recognises a by-pillar section made before sections knew their pillar by its heading', async () => {
    const { briefing: b } = await api.call('briefings.create', { title: '旧式' });
    await api.call('briefings.sections.add', { briefingId: b.id, heading: '所見' });
    const { sectionId } = await api.call('briefings.sections.add', { briefingId: b.id, heading: '特許出願の非公開' });
    await api.call('briefings.sections.add', { briefingId: b.id, heading: 'まとめ' });
    const note = await newAnnotation('特許', ['patents']);
    const [p] = (await api.call('briefings.placement', { annotationIds: [note.id] })).briefings;
    expect(p.sections.map((s) => [s.pillarId, s.live])).toEqual([
      [null, false],
      ['patents', false],
      [null, false],
    ]);
    expect(p.suggested).toEqual({ sectionId, reason: 'pillar' });
  });

  it('refuses to remember a section of another briefing, an unknown section or a deleted briefing, naming it', async () => {
    const b = await byPillar();
    const { briefing: other } = await api.call('briefings.create', { title: '別件' });
    const { sectionId: foreign } = await api.call('briefings.sections.add', { briefingId: other.id, heading: '別の節' });
    expect((await apiError(api.call('briefings.placement.remember', { briefingId: b.id, sectionId: foreign }))).data).toMatchObject({ code: 'conflict', subject: foreign });
    expect((await apiError(api.call('briefings.placement.remember', { briefingId: b.id, sectionId: 'sec_none' }))).data).toMatchObject({ code: 'not-found', subject: 'sec_none' });
    await api.call('briefings.delete', { id: other.id });
    expect((await apiError(api.call('briefings.placement.remember', { briefingId: other.id, sectionId: foreign }))).data).toMatchObject({ code: 'not-found', subject: other.id });
    expect((await apiError(api.call('briefings.placement', { annotationIds: ['ann_gone'] }))).data).toMatchObject({ code: 'not-found', subject: 'ann_gone' });
  });
});

describe('workbench briefing live', () => {
  it('lists the new annotations, accepts and dismisses them by id, --all takes the rest; each undoable', async () => {
    const b = await byPillar();
    const sc = section(b, 'supply-chain').id;
    const [a1, a2, a3] = [await newAnnotation('サプライチェーン', ['supply-chain']), await newAnnotation('サプライチェーン', ['supply-chain']), await newAnnotation('特許', ['patents'])];
    const cli = (...args: string[]) => runCli(['briefing', 'live', b.id, ...args, '--db', ctx.dbPath]);
    const listed = await cli('--json');
    expect(listed.code).toBe(0);
    const { sections } = listed.json<{ sections: LiveSection[] }>();
    expect(sections.find((s) => s.sectionId === sc)!.candidates.map((c) => c.annotationId)).toEqual([a1.id, a2.id]);
    const text = await cli();
    expect(text.stdout).toContain(`${sc}\tサプライチェーン強靱化\tfollows supply-chain since ${b.createdAt}\t2 new\n  ${a1.id}\t`);
    const accepted = await cli('--accept', a1.id, '--dismiss', a3.id, '--json');
    expect(accepted.stderr).toBe('');
    expect(accepted.json()).toMatchObject({ accepted: [a1.id], dismissed: [a3.id] });
    expect(await candidateIds(b.id, sc)).toEqual([a2.id]);
    expect(await candidateIds(b.id, section(b, 'patents').id)).toEqual([]);
    const bad = await cli('--accept', a1.id, '--lang', 'en');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`Annotation "${a1.id}"`);
    expect(bad.stderr).toContain('already in the briefing');
    const all = await cli('--all', '--json');
    expect(all.json()).toMatchObject({ accepted: [a2.id], dismissed: [] });
    expect(markdown(b.id)).toContain(a2.target.quote.exact);
    expect((await api.call('history.undo', {})).kind).toBe('briefing.item.add');
    expect(await candidateIds(b.id, sc)).toEqual([a2.id]);
    expect((await cli('--all', '--accept', a2.id)).code).toBe(2);
  });
});
