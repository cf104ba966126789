// Starting points for a briefing: empty, all annotations grouped by pillar / document / speaker,
// the analyst's current selection, or a template the analyst saved from an earlier briefing.
import type Database from 'better-sqlite3';
import type { Briefing, BriefingLanguage, BriefingTemplate, EvidenceRef, GroupBy, TemplateSpec } from '../../shared/briefing';
import { AppError, notFound, type LocalizedText } from '../../shared/errors';
import type { DocumentSummary, Statement } from '../../shared/model';
import { documentsById, listLiveAnnotations, listPillarsInOrder, readAnnotation, statementsById, type AnnotationEvidence } from './evidence';
import { getProfile, senderFromProfile } from './profile';
import { FORM_DEFAULTS, getBriefing, newId, type BriefingDraft, type DraftHeader, type DraftSection } from './repo';

const BLANK_SPEC: TemplateSpec = { subtitle: '', marking: '', language: 'ja', summary: '', groupBy: null, pillars: [], sections: [] };

function builtin(name: string, groupBy: GroupBy | null, description: LocalizedText): BriefingTemplate {
  return { id: `builtin:${name}`, name, builtin: true, createdAt: null, spec: { ...BLANK_SPEC, groupBy }, description };
}

export const BUILTIN_TEMPLATES: BriefingTemplate[] = [
  builtin('empty', null, { ja: '空のブリーフィング', en: 'Empty briefing' }),
  builtin('by-pillar', 'pillar', { ja: '全注釈を政策の柱ごとに（柱の順）', en: 'All annotations, one section per pillar (taxonomy order)' }),
  builtin('by-document', 'document', { ja: '全注釈を文書ごとに（日付順）', en: 'All annotations, one section per document (date order)' }),
  builtin('by-speaker', 'speaker', { ja: '全注釈を発言者ごとに', en: 'All annotations, one section per speaker' }),
];

interface TemplateRow {
  id: string;
  name: string;
  spec: string;
  created_at: string;
}

export function listTemplates(db: Database.Database): BriefingTemplate[] {
  const rows = db.prepare('SELECT * FROM briefing_templates ORDER BY name, created_at').all() as TemplateRow[];
  return [
    ...BUILTIN_TEMPLATES,
    ...rows.map((r) => ({
      id: r.id,
      name: r.name,
      builtin: false,
      createdAt: r.created_at,
      spec: { ...BLANK_SPEC, ...(JSON.parse(r.spec) as Partial<TemplateSpec>) },
      description: { ja: '保存したテンプレート', en: 'Saved template' },
    })),
  ];
}

export function getTemplate(db: Database.Database, id: string): BriefingTemplate {
  const t = listTemplates(db).find((x) => x.id === id);
  if (!t) throw notFound({ ja: 'テンプレート', en: 'template' }, id);
  return t;
}

/** Saves a briefing's frame (headings, section texts, marking, language, summary) as a template. */
export function saveTemplate(db: Database.Database, briefingId: string, name: string, opts: { groupBy?: GroupBy | null; pillars?: string[] } = {}): BriefingTemplate {
  const b = getBriefing(db, briefingId);
  // Refused now rather than when the analyst later creates a briefing from the template.
  checkPillars(db, opts.pillars ?? []);
  const spec: TemplateSpec = {
    subtitle: b.subtitle,
    marking: b.marking,
    language: b.language,
    summary: b.summary,
    groupBy: opts.groupBy ?? null,
    pillars: opts.pillars ?? [],
    sections: b.sections.map((s) => ({ heading: s.heading, body: s.body })),
  };
  const id = newId('tpl');
  db.prepare('INSERT INTO briefing_templates (id, name, spec, created_at) VALUES (?, ?, ?, ?)').run(id, name, JSON.stringify(spec), new Date().toISOString());
  return getTemplate(db, id);
}

export function deleteTemplate(db: Database.Database, id: string): void {
  if (BUILTIN_TEMPLATES.some((t) => t.id === id)) {
    throw new AppError('conflict', { ja: `組み込みのテンプレート「${id}」は削除できません。`, en: `The built-in template "${id}" cannot be deleted.` }, { subject: id });
  }
  const r = db.prepare('DELETE FROM briefing_templates WHERE id = ?').run(id);
  if (r.changes === 0) throw notFound({ ja: 'テンプレート', en: 'template' }, id);
}

/** One piece of evidence with what grouping and ordering need. */
interface Unit {
  ref: EvidenceRef;
  statement: Statement | null;
  document: DocumentSummary | null;
  pillarIds: string[];
  /** Sort key within the library: document order, statement ordinal, offset in the statement. */
  key: [number, number, number];
}

function unitsFrom(db: Database.Database, annotations: AnnotationEvidence[], statementIds: string[]): Unit[] {
  const statements = statementsById(db, [...annotations.map((a) => a.statementId), ...statementIds]);
  const { byId: docs, order } = documentsById(db);
  const unit = (ref: EvidenceRef, statementId: string, start: number, pillarIds: string[]): Unit => {
    const s = statements.get(statementId) ?? null;
    const d = s ? (docs.get(s.documentId) ?? null) : null;
    return { ref, statement: s, document: d, pillarIds, key: [d ? (order.get(d.id) ?? 1e9) : 1e9, s ? s.ordinal : 1e9, start] };
  };
  const out = [
    ...annotations.map((a) => unit({ annotationId: a.id }, a.statementId, a.start, a.pillarIds)),
    ...statementIds.map((id) => {
      if (!statements.has(id)) throw notFound({ ja: '文', en: 'statement' }, id);
      return unit({ statementId: id }, id, 0, []);
    }),
  ];
  return out.sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.key[2] - b.key[2]);
}

const UNFILED = { ja: '未分類', en: 'Not filed under a pillar' };
const NO_SPEAKER = { ja: '発言者の記載なし', en: 'No speaker recorded' };
const SELECTED = { ja: '選択した根拠', en: 'Selected evidence' };

function group(db: Database.Database, units: Unit[], groupBy: GroupBy, lang: BriefingLanguage, pillarFilter: string[]): DraftSection[] {
  const items = (list: Unit[]) => list.map((u) => ({ ref: u.ref }));
  if (groupBy === 'pillar') {
    const pillars = listPillarsInOrder(db);
    const wanted = pillarFilter.length ? pillars.filter((p) => pillarFilter.includes(p.id)) : pillars.filter((p) => !p.archived);
    const sections: DraftSection[] = [];
    for (const p of wanted) {
      const inPillar = units.filter((u) => u.pillarIds.includes(p.id));
      // Requested pillars always get their section (the analyst asked for them); others only with evidence.
      if (inPillar.length || pillarFilter.includes(p.id)) sections.push({ heading: lang === 'ja' ? p.nameJa : p.nameEn, pillarId: p.id, items: items(inPillar) });
    }
    const known = new Set(pillars.map((p) => p.id));
    const unfiled = units.filter((u) => !u.pillarIds.some((id) => known.has(id)));
    if (unfiled.length && !pillarFilter.length) sections.push({ heading: UNFILED[lang], items: items(unfiled) });
    return sections;
  }
  if (groupBy === 'document') {
    const byDoc = new Map<string, Unit[]>();
    for (const u of units) {
      const k = u.document?.id ?? '';
      byDoc.set(k, [...(byDoc.get(k) ?? []), u]);
    }
    return [...byDoc.entries()].map(([k, list]) => ({ heading: list[0].document?.title ?? (lang === 'ja' ? '出典不明' : 'Unknown source') + (k ? ` (${k})` : ''), items: items(list) }));
  }
  const bySpeaker = new Map<string, Unit[]>();
  const none: Unit[] = [];
  for (const u of units) {
    const sp = u.statement?.speaker;
    if (sp) bySpeaker.set(sp, [...(bySpeaker.get(sp) ?? []), u]);
    else none.push(u);
  }
  const sections: DraftSection[] = [...bySpeaker.entries()].map(([sp, list]) => ({ heading: sp, items: items(list) }));
  if (none.length) sections.push({ heading: NO_SPEAKER[lang], items: items(none) });
  return sections;
}

export type TemplateSource =
  | { from: 'empty' }
  | { from: 'annotations'; groupBy?: GroupBy; pillars?: string[] }
  | { from: 'selection'; annotationIds?: string[]; statementIds?: string[]; groupBy?: GroupBy | null }
  | { from: 'template'; templateId: string };

export type { DraftHeader };

function checkPillars(db: Database.Database, ids: string[]): void {
  if (!ids.length) return;
  const known = new Set(listPillarsInOrder(db).map((p) => p.id));
  for (const id of ids) if (!known.has(id)) throw notFound({ ja: '政策の柱', en: 'pillar' }, id);
}

function fromAnnotations(db: Database.Database, groupBy: GroupBy, pillars: string[], lang: BriefingLanguage): DraftSection[] {
  checkPillars(db, pillars);
  const all = listLiveAnnotations(db);
  const chosen = pillars.length ? all.filter((a) => a.pillarIds.some((p) => pillars.includes(p))) : all;
  return group(db, unitsFrom(db, chosen, []), groupBy, lang, pillars);
}

/** The sections (and header defaults) a new briefing starts with. */
export function buildDraft(db: Database.Database, header: DraftHeader, source: TemplateSource): BriefingDraft {
  const lang = header.language ?? 'ja';
  switch (source.from) {
    case 'empty':
      return { ...header, language: lang, sections: [] };
    case 'annotations':
      return { ...header, language: lang, sections: fromAnnotations(db, source.groupBy ?? 'pillar', source.pillars ?? [], lang) };
    case 'selection': {
      const annotations = (source.annotationIds ?? []).map((id) => {
        const a = readAnnotation(db, id);
        if (!a || a.deleted) throw notFound({ ja: '注釈', en: 'annotation' }, id);
        return a;
      });
      if (!annotations.length && !(source.statementIds ?? []).length) {
        throw new AppError('invalid-request', { ja: '選択範囲が空です：注釈か文を一つ以上選んでください。', en: 'The selection is empty: choose at least one annotation or statement.' }, { subject: 'selection' });
      }
      const units = unitsFrom(db, annotations, source.statementIds ?? []);
      const sections = source.groupBy ? group(db, units, source.groupBy, lang, []) : [{ heading: SELECTED[lang], items: units.map((u) => ({ ref: u.ref })) }];
      return { ...header, language: lang, sections };
    }
    case 'template': {
      const t = getTemplate(db, source.templateId);
      const spec = t.spec;
      const language = header.language ?? spec.language;
      const framed: DraftSection[] = spec.sections.map((s) => ({ heading: s.heading, body: s.body, items: [] }));
      const filled = spec.groupBy ? fromAnnotations(db, spec.groupBy, spec.pillars, language) : [];
      return {
        title: header.title,
        subtitle: header.subtitle ?? spec.subtitle,
        date: header.date,
        marking: header.marking ?? spec.marking,
        language,
        summary: header.summary ?? spec.summary,
        dateStyle: header.dateStyle,
        addressee: header.addressee,
        sender: header.sender,
        docNumber: header.docNumber,
        toc: header.toc,
        sections: [...framed, ...filled],
      };
    }
  }
}

function profileSender(db: Database.Database): string {
  const p = getProfile(db);
  return p ? senderFromProfile(p) : FORM_DEFAULTS.sender;
}

/**
 * A draft as an unsaved briefing (for "build and export in one step"): the same shape the
 * resolver reads, with synthetic ids and the quotes as they stand now.
 */
export function draftAsBriefing(db: Database.Database, draft: BriefingDraft, author: string, date: string): Briefing {
  const t = new Date().toISOString();
  let n = 0;
  return {
    id: '',
    title: draft.title,
    subtitle: draft.subtitle ?? '',
    author,
    date: draft.date ?? date,
    marking: draft.marking ?? '',
    language: draft.language ?? 'ja',
    summary: draft.summary ?? '',
    dateStyle: draft.dateStyle ?? FORM_DEFAULTS.dateStyle,
    addressee: draft.addressee ?? FORM_DEFAULTS.addressee,
    sender: draft.sender ?? profileSender(db),
    docNumber: draft.docNumber ?? FORM_DEFAULTS.docNumber,
    toc: draft.toc ?? FORM_DEFAULTS.toc,
    createdAt: t,
    updatedAt: t,
    sections: draft.sections.map((s, si) => ({
      id: `draft-section-${si}`,
      heading: s.heading,
      body: s.body ?? '',
      items: (s.items ?? []).map((it) => {
        const a = it.ref.annotationId ? readAnnotation(db, it.ref.annotationId) : null;
        const st = it.ref.statementId ? statementsById(db, [it.ref.statementId]).get(it.ref.statementId) : undefined;
        return {
          id: `draft-item-${n++}`,
          annotationId: it.ref.annotationId ?? null,
          statementId: it.ref.statementId ?? null,
          comment: it.comment ?? '',
          quoteAtAdd: a?.quote ?? st?.text ?? '',
        };
      }),
    })),
  };
}
