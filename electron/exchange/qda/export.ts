// Writing REFI-QDA: a `.qdpx` project (project.qde plus each document's plain text under
// Sources/) and a `.qdc` code book. Pillars become the code book under a non-codable
// 「政策の柱 / Policy pillars」 parent (nesting, colours and descriptions kept), tags become codes
// under 「タグ / Tags」, documents become TextSources and annotations PlainTextSelections whose
// positions are code points into exactly the text written beside them.
import type { Annotation } from '../../../shared/annotations';
import type { Pillar } from '../../../shared/pillars';
import type { Actor } from '../../journal/actor';
import { nowOf } from '../../journal/actor';
import { listAnnotations } from '../../annotate/annotations';
import { listPillars } from '../../annotate/pillar-rows';
import { writeZip } from '../../files/zip';
import { guidOf } from './guid';
import { toCodePoints } from './positions';
import { el, textEl, toXml, type XmlElement } from './xml';

export const APP_ORIGIN = '経済安全保障ワークベンチ (Economic Security Workbench)';
export const PILLARS_ROOT_NAME = '政策の柱 / Policy pillars';
export const TAGS_ROOT_NAME = 'タグ / Tags';
/** Separates a pillar's English description from its Japanese one inside a code's Description. */
export const EN_DESCRIPTION_MARK = '\n[en] ';
/** Ends a pillar's Description with its workbench id, so an import into another workspace keeps it. */
export const ID_MARK = '\n[id] ';
const PROJECT_NS = 'urn:QDA-XML:project:1.0';
const CODEBOOK_NS = 'urn:QDA-XML:codebook:1.0';

export interface QdaExportOptions {
  documentId?: string;
  pillarId?: string;
}

export interface QdaExportSummary {
  codes: number;
  sources: number;
  selections: number;
  /** Orphaned annotations have no place in the text; they are left out and counted here. */
  orphansLeftOut: number;
}

/** A pillar's code name: both names when they differ, so either language finds it again. */
export function pillarCodeName(p: Pick<Pillar, 'nameJa' | 'nameEn'>): string {
  return p.nameJa === p.nameEn ? p.nameJa : `${p.nameJa} / ${p.nameEn}`;
}

function pillarDescription(p: Pillar): string {
  const text = p.descriptionEn && p.descriptionEn !== p.descriptionJa ? `${p.descriptionJa}${EN_DESCRIPTION_MARK}${p.descriptionEn}` : p.descriptionJa;
  return `${text}${ID_MARK}${p.id}`.replace(/^\n/, '');
}

/** The pillars a filtered export needs: the pillar, its sub-pillars and its ancestors (for the tree). */
function pillarsFor(all: Pillar[], opts: QdaExportOptions, used: Set<string>): Pillar[] {
  if (opts.pillarId === undefined && opts.documentId === undefined) return all;
  const keep = new Set(used);
  if (opts.pillarId !== undefined) {
    // listPillars puts parents before children, so one pass collects the whole subtree.
    const subtree = new Set([opts.pillarId]);
    for (const p of all) if (p.parentId !== null && subtree.has(p.parentId)) subtree.add(p.id);
    for (const id of subtree) keep.add(id);
  }
  const byId = new Map(all.map((p) => [p.id, p]));
  for (const id of [...keep]) for (let p = byId.get(id); p && p.parentId !== null; p = byId.get(p.parentId)) keep.add(p.parentId);
  return all.filter((p) => keep.has(p.id));
}

function codeTree(pillars: Pillar[], tags: string[]): XmlElement[] {
  const children = new Map<string | null, Pillar[]>();
  const ids = new Set(pillars.map((p) => p.id));
  for (const p of pillars) {
    const parent = p.parentId !== null && ids.has(p.parentId) ? p.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), p]);
  }
  const code = (p: Pillar): XmlElement =>
    el('Code', { guid: guidOf.pillar(p.id), name: pillarCodeName(p), isCodable: true, color: p.color }, [
      pillarDescription(p) ? textEl('Description', pillarDescription(p)) : null,
      ...(children.get(p.id) ?? []).map(code),
    ]);
  const roots: XmlElement[] = [
    el('Code', { guid: guidOf.pillarsRoot(), name: PILLARS_ROOT_NAME, isCodable: false }, [
      textEl('Description', '経済安全保障推進法の政策の柱（経済安全保障ワークベンチから書き出し）。 The policy pillars of the Economic Security Promotion Act, as exported by the workbench.'),
      ...(children.get(null) ?? []).map(code),
    ]),
  ];
  if (tags.length) {
    roots.push(el('Code', { guid: guidOf.tagsRoot(), name: TAGS_ROOT_NAME, isCodable: false }, tags.map((t) => el('Code', { guid: guidOf.tag(t), name: t, isCodable: true }))));
  }
  return roots;
}

interface DocumentText {
  id: string;
  title: string;
  text: string;
}

function selection(a: Annotation, text: string): XmlElement {
  const codings = [...a.pillarIds.map((id) => ({ key: `pillar:${id}`, guid: guidOf.pillar(id) })), ...a.tags.map((t) => ({ key: `tag:${t}`, guid: guidOf.tag(t) }))];
  return el(
    'PlainTextSelection',
    {
      guid: guidOf.annotation(a.id),
      name: a.target.quote.exact,
      startPosition: toCodePoints(text, a.target.docStart),
      endPosition: toCodePoints(text, a.target.docEnd),
      creatingUser: guidOf.user(a.author),
      creationDateTime: a.createdAt,
      modifiedDateTime: a.updatedAt,
    },
    [
      a.comment ? textEl('Description', a.comment) : null,
      ...codings.map((c) => el('Coding', { guid: guidOf.coding(a.id, c.key), creatingUser: guidOf.user(a.author), creationDateTime: a.createdAt }, [el('CodeRef', { targetGUID: c.guid })])),
    ],
  );
}

function users(actor: Actor, annotations: Annotation[]): XmlElement {
  const names = [...new Set([actor.author, ...annotations.map((a) => a.author)])].sort();
  return el('Users', {}, names.map((n) => el('User', { guid: guidOf.user(n), name: n })));
}

/** What goes into a project: annotations with a place in their text, their documents and codes. */
function gather(actor: Actor, opts: QdaExportOptions) {
  const all = listAnnotations(actor, { documentId: opts.documentId, pillarId: opts.pillarId });
  const docs = new Map<string, DocumentText>();
  const placed: Annotation[] = [];
  let orphansLeftOut = 0;
  const read = actor.db.prepare('SELECT id, title, text FROM documents WHERE id = ?');
  for (const a of all) {
    let doc = docs.get(a.documentId);
    if (!doc) {
      doc = read.get(a.documentId) as DocumentText | undefined;
      if (doc) docs.set(doc.id, doc);
    }
    // An orphan's offsets point at text that is no longer there: it has no honest selection.
    if (!doc || a.orphaned || doc.text.slice(a.target.docStart, a.target.docEnd) !== a.target.quote.exact) {
      orphansLeftOut++;
      continue;
    }
    placed.push(a);
  }
  if (opts.documentId !== undefined && !docs.has(opts.documentId)) {
    const doc = read.get(opts.documentId) as DocumentText | undefined;
    if (doc) docs.set(doc.id, doc);
  }
  const used = new Set(placed.flatMap((a) => a.pillarIds));
  const pillars = pillarsFor(listPillars(actor.db), opts, used);
  const tags = [...new Set(placed.flatMap((a) => a.tags))].sort();
  return { placed, docs: [...docs.values()].sort((x, y) => x.id.localeCompare(y.id)), pillars, tags, orphansLeftOut };
}

/** The `.qdpx` bytes: project.qde first, then Sources/<guid>.txt for every document. */
export function buildQdpx(actor: Actor, opts: QdaExportOptions = {}): { bytes: Uint8Array; summary: QdaExportSummary; projectXml: string } {
  const { placed, docs, pillars, tags, orphansLeftOut } = gather(actor, opts);
  const now = nowOf(actor);
  const byDoc = new Map<string, Annotation[]>();
  for (const a of placed) byDoc.set(a.documentId, [...(byDoc.get(a.documentId) ?? []), a]);
  const files = new Map<string, Uint8Array>();
  const sources = docs.map((d) => {
    const guid = guidOf.document(d.id);
    files.set(`Sources/${guid}.txt`, new TextEncoder().encode(d.text));
    return el('TextSource', { guid, name: d.title, plainTextPath: `internal://${guid}.txt`, creatingUser: guidOf.user(actor.author), creationDateTime: now }, [
      textEl('Description', `workbench document id: ${d.id}`),
      ...(byDoc.get(d.id) ?? []).map((a) => selection(a, d.text)),
    ]);
  });
  const project = el(
    'Project',
    { xmlns: PROJECT_NS, name: '経済安全保障ワークベンチの注釈 (Economic Security Workbench annotations)', origin: APP_ORIGIN, creatingUserGUID: guidOf.user(actor.author), creationDateTime: now },
    [users(actor, placed), el('CodeBook', {}, [el('Codes', {}, codeTree(pillars, tags))]), sources.length ? el('Sources', {}, sources) : null],
  );
  const projectXml = toXml(project);
  const entries = new Map<string, Uint8Array>([['project.qde', new TextEncoder().encode(projectXml)], ...files]);
  return {
    bytes: writeZip(entries),
    projectXml,
    summary: { codes: pillars.length + 1 + (tags.length ? tags.length + 1 : 0), sources: docs.length, selections: placed.length, orphansLeftOut },
  };
}

/** The `.qdc` bytes: the code book alone (pillars, and the tags in use), in the codebook namespace. */
export function buildQdc(actor: Actor, opts: QdaExportOptions = {}): { bytes: Uint8Array; summary: QdaExportSummary; xml: string } {
  const { pillars, tags } = gather(actor, opts);
  const xml = toXml(el('CodeBook', { xmlns: CODEBOOK_NS, origin: APP_ORIGIN }, [el('Codes', {}, codeTree(pillars, tags))]));
  return { bytes: new TextEncoder().encode(xml), xml, summary: { codes: pillars.length + 1 + (tags.length ? tags.length + 1 : 0), sources: 0, selections: 0, orphansLeftOut: 0 } };
}
