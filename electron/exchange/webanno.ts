// W3C Web Annotation (JSON-LD) export and import: the analyst's annotations as an
// AnnotationCollection any annotation tool can read. Sources are named by the SHA-256 of the
// document's text and positions count code points in exactly that text, as the model requires.
import crypto from 'node:crypto';
import { CONTEXT_LENGTH, codePointLength, snapOffset } from '../../shared/anchor';
import { Id, isWellFormedText } from '../../shared/api/schemas';
import { ANNOTATIONS_FILE_FORMAT, ANNOTATIONS_FILE_VERSION, type Annotation } from '../../shared/annotations';
import { AppError, type LocalizedText } from '../../shared/errors';
import { PILLAR_ID_RE } from '../../shared/pillars';
import { nowOf, type Actor } from '../journal/actor';
import { listAnnotations } from '../annotate/annotations';
import { listPillars } from '../annotate/pillar-rows';
import { parseJsonText } from '../files/json';
import type { AnnotationsFileData } from './annotations-file';

export const WEB_ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** Our own ids as IRIs: a URN namespace that cannot collide with a web address. */
const ANNOTATION_IRI = 'urn:x-keizai-anpo-workbench:annotation:';
const PILLAR_IRI = 'urn:x-keizai-anpo-workbench:pillar:';
const SOURCE_IRI = 'urn:sha256:';
/** Importance has no term in the model: an `assessing` body whose value reads "importance N". */
const IMPORTANCE_RE = /^importance ([1-3])$/;
/** Colour of a pillar that arrives only as a label (the file has no colour for it). */
const IMPORTED_PILLAR_COLOR = '#7a7a7a';
/** A file holds at most this many annotations (the exchange file's own limit). */
const MAX_ITEMS = 1_000_000;

export interface WebAnnoScope {
  documentId?: string;
  pillarId?: string;
  briefingId?: string;
}

function textHash(text: string): string {
  return crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Code points before a UTF-16 offset: the unit TextPositionSelector counts in. */
function toCodePoints(text: string, offset: number): number {
  return codePointLength(text.slice(0, offset));
}

/** The UTF-16 offset of the n-th code point (n may equal the length: the end of the text). */
function fromCodePoints(text: string, n: number): number {
  let i = 0;
  for (let k = 0; k < n; k++) {
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
  }
  return i;
}

interface DocumentRow {
  id: string;
  title: string;
  language: string;
  text: string;
}

function annotationsInScope(actor: Actor, scope: WebAnnoScope): Annotation[] {
  const list = listAnnotations(actor, { documentId: scope.documentId, pillarId: scope.pillarId });
  if (scope.briefingId === undefined) return list;
  const exists = actor.db.prepare('SELECT 1 FROM briefings WHERE id = ? AND deleted_at IS NULL').get(scope.briefingId);
  if (!exists) throw new AppError('not-found', { ja: `ブリーフィング ${scope.briefingId} はありません。`, en: `There is no briefing ${scope.briefingId}.` }, { subject: scope.briefingId });
  const cited = new Set(
    (
      actor.db
        .prepare(
          `SELECT DISTINCT i.annotation_id AS id FROM briefing_items i JOIN briefing_sections s ON s.id = i.section_id
           WHERE s.briefing_id = ? AND i.annotation_id IS NOT NULL`,
        )
        .all(scope.briefingId) as { id: string }[]
    ).map((r) => r.id),
  );
  return list.filter((a) => cited.has(a.id));
}

/** The AnnotationCollection of every annotation in scope, its one page inline as `first`. */
export function buildWebAnnotations(actor: Actor, scope: WebAnnoScope = {}): Record<string, unknown> {
  const annotations = annotationsInScope(actor, scope);
  const pillars = new Map(listPillars(actor.db, { includeArchived: true }).map((p) => [p.id, p]));
  const docs = new Map<string, DocumentRow & { hash: string }>();
  const docOf = (id: string) => {
    let d = docs.get(id);
    if (!d) {
      const row = actor.db.prepare('SELECT id, title, language, text FROM documents WHERE id = ?').get(id) as DocumentRow | undefined;
      if (!row) return null;
      d = { ...row, hash: textHash(row.text) };
      docs.set(id, d);
    }
    return d;
  };
  const items = annotations.flatMap((a) => {
    const doc = docOf(a.documentId);
    if (!doc) return [];
    const body: Record<string, unknown>[] = [];
    if (a.comment) body.push({ type: 'TextualBody', purpose: 'commenting', value: a.comment, format: 'text/plain' });
    for (const t of a.tags) body.push({ type: 'TextualBody', purpose: 'tagging', value: t });
    for (const id of a.pillarIds) {
      const p = pillars.get(id);
      body.push({ type: 'SpecificResource', purpose: 'classifying', source: { id: `${PILLAR_IRI}${id}`, label: p?.nameJa ?? id } });
    }
    if (a.importance !== null) body.push({ type: 'TextualBody', purpose: 'assessing', value: `importance ${a.importance}` });
    const start = a.target.docStart;
    const end = a.target.docEnd;
    // Context from the document's text (not the statement's), so prefix, exact and suffix read on.
    const from = snapOffset(doc.text, Math.max(0, start - CONTEXT_LENGTH), 1);
    const to = snapOffset(doc.text, Math.min(doc.text.length, end + CONTEXT_LENGTH), -1);
    const motivation = a.comment ? 'commenting' : a.pillarIds.length ? 'classifying' : a.tags.length ? 'tagging' : 'highlighting';
    return [
      {
        id: `${ANNOTATION_IRI}${a.id}`,
        type: 'Annotation',
        motivation,
        created: a.createdAt,
        modified: a.updatedAt,
        creator: { type: 'Person', name: a.author },
        ...(body.length ? { body } : {}),
        target: {
          source: { id: `${SOURCE_IRI}${doc.hash}`, type: 'Text', format: 'text/plain', language: doc.language, title: doc.title },
          selector: [
            { type: 'TextQuoteSelector', exact: doc.text.slice(start, end), prefix: doc.text.slice(from, start), suffix: doc.text.slice(end, to) },
            { type: 'TextPositionSelector', start: toCodePoints(doc.text, start), end: toCodePoints(doc.text, end) },
          ],
        },
      },
    ];
  });
  return {
    '@context': WEB_ANNOTATION_CONTEXT,
    id: `urn:uuid:${crypto.randomUUID()}`,
    type: 'AnnotationCollection',
    label: '経済安全保障ワークベンチの注釈 / Economic Security Workbench annotations',
    generator: { type: 'Software', name: 'keizai-anpo-workbench' },
    generated: nowOf(actor),
    total: items.length,
    first: { type: 'AnnotationPage', startIndex: 0, items },
  };
}

export function encodeWebAnnotations(actor: Actor, scope: WebAnnoScope = {}): { bytes: Uint8Array; annotations: number } {
  const data = buildWebAnnotations(actor, scope);
  return { bytes: new TextEncoder().encode(`${JSON.stringify(data, null, 2)}\n`), annotations: data.total as number };
}

// ---- import ----

/** An annotation of the file that is left out, and why (the preview and the report list these). */
export interface Skipped {
  id: string;
  reason: LocalizedText;
}

export interface WebAnnoImport {
  data: AnnotationsFileData;
  skipped: Skipped[];
}

const KNOWN_TYPES = new Set(['AnnotationCollection', 'AnnotationPage', 'Annotation', 'TextualBody', 'SpecificResource', 'TextQuoteSelector', 'TextPositionSelector', 'Text', 'Person', 'Software', 'Organization']);

type Json = Record<string, unknown>;

function refuse(file: string, where: string, detail: LocalizedText): AppError {
  return new AppError(
    'bad-input',
    { ja: `Web Annotation ファイル ${file} は読み込めません: ${where}: ${detail.ja}`, en: `The Web Annotation file ${file} cannot be imported: ${where}: ${detail.en}` },
    { subject: file },
  );
}

/** The `type` of a node (a string or, in JSON-LD, an array of strings); unknown ones are refused. */
function typeOf(file: string, node: unknown, where: string): string | null {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return null;
  const raw = (node as Json).type ?? (node as Json)['@type'];
  if (raw === undefined) return null;
  const list = Array.isArray(raw) ? raw : [raw];
  for (const t of list) {
    if (typeof t !== 'string' || !KNOWN_TYPES.has(t)) {
      const shown = typeof t === 'string' ? t.slice(0, 80) : typeof t;
      throw refuse(file, `${where}.type`, { ja: `未知の型「${shown}」です`, en: `unknown type "${shown}"` });
    }
  }
  return (list[0] as string) ?? null;
}

function asArray(v: unknown): unknown[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
}

function str(file: string, v: unknown, where: string, max: number): string {
  if (typeof v !== 'string') throw refuse(file, where, { ja: '文字列ではありません', en: 'not a string' });
  if (v.length > max) throw refuse(file, where, { ja: `${max} 文字を超えています`, en: `longer than ${max} characters` });
  if (!isWellFormedText(v)) throw refuse(file, where, { ja: '不正な Unicode（孤立サロゲート）を含みます', en: 'not well-formed Unicode (a lone surrogate)' });
  return v;
}

function position(file: string, v: unknown, where: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw refuse(file, where, { ja: '0 以上の整数ではありません', en: 'not a whole number of at least 0' });
  return v;
}

/** The annotations of a collection, a page or a single annotation, each with its JSON path. */
function itemsOf(file: string, root: unknown): { node: Json; where: string }[] {
  const type = typeOf(file, root, '$');
  if (type === 'Annotation') return [{ node: root as Json, where: '$' }];
  if (type === 'AnnotationPage') return asArray((root as Json).items).map((n, i) => ({ node: n as Json, where: `$.items[${i}]` }));
  if (type === 'AnnotationCollection') {
    const c = root as Json;
    const out: { node: Json; where: string }[] = [];
    asArray(c.items).forEach((n, i) => out.push({ node: n as Json, where: `$.items[${i}]` }));
    // Only the inline first page is read: a file cannot fetch further pages, and we do not go online.
    if (c.first !== undefined) {
      if (typeof c.first !== 'object' || c.first === null) throw refuse(file, '$.first', { ja: 'ページが埋め込まれていません（URL のみ）', en: 'the first page is not inline (only a link)' });
      typeOf(file, c.first, '$.first');
      asArray((c.first as Json).items).forEach((n, i) => out.push({ node: n as Json, where: `$.first.items[${i}]` }));
    }
    return out;
  }
  throw refuse(file, '$.type', { ja: 'AnnotationCollection、AnnotationPage、Annotation のいずれでもありません', en: 'not an AnnotationCollection, AnnotationPage or Annotation' });
}

interface LocalDocument {
  id: string;
  title: string;
  text: string;
  statements: { id: string; text: string; start: number; end: number }[];
}

/** Documents of this workspace by text hash and by title, loaded once per import. */
class Documents {
  private byHash: Map<string, string> | null = null;
  private loaded = new Map<string, LocalDocument>();
  constructor(private readonly actor: Actor) {}

  private hashes(): Map<string, string> {
    if (!this.byHash) {
      this.byHash = new Map();
      for (const r of this.actor.db.prepare('SELECT id, text FROM documents').iterate() as Iterable<{ id: string; text: string }>) this.byHash.set(textHash(r.text), r.id);
    }
    return this.byHash;
  }

  get(id: string): LocalDocument {
    let d = this.loaded.get(id);
    if (!d) {
      const row = this.actor.db.prepare('SELECT id, title, text FROM documents WHERE id = ?').get(id) as { id: string; title: string; text: string };
      const statements = this.actor.db.prepare('SELECT id, text, start_offset AS start, end_offset AS end FROM statements WHERE document_id = ? ORDER BY ordinal').all(id) as LocalDocument['statements'];
      d = { ...row, statements };
      this.loaded.set(id, d);
    }
    return d;
  }

  /** The same text (by hash), else the one document with that title (text edited: re-anchor by quote). */
  find(hash: string | null, title: string | null): { doc: LocalDocument; sameText: boolean } | null {
    const byHash = hash ? this.hashes().get(hash) : undefined;
    if (byHash) return { doc: this.get(byHash), sameText: true };
    if (title) {
      const rows = this.actor.db.prepare('SELECT id FROM documents WHERE title = ? LIMIT 2').all(title) as { id: string }[];
      if (rows.length === 1) return { doc: this.get(rows[0].id), sameText: false };
    }
    return null;
  }
}

/** A stable id for an annotation: ours when the IRI is ours, else derived from its IRI or content. */
function annotationId(node: Json): string {
  const iri = typeof node.id === 'string' ? node.id : typeof node['@id'] === 'string' ? (node['@id'] as string) : null;
  if (iri?.startsWith(ANNOTATION_IRI)) {
    const own = iri.slice(ANNOTATION_IRI.length);
    if (Id.safeParse(own).success) return own;
  }
  return `wa-${crypto.createHash('sha256').update(iri ?? JSON.stringify(node)).digest('hex').slice(0, 24)}`;
}

/**
 * Reads a Web Annotation file and maps it onto this workspace: sources found by text hash (or
 * title), selectors turned into the exchange file's targets, pillars matched by id or created from
 * their label. Malformed input is refused with its JSON path; an annotation whose source is not
 * here is skipped with the reason. Nothing is written: the caller imports the result.
 */
export function readWebAnnotations(actor: Actor, file: string, bytes: Uint8Array): WebAnnoImport {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw refuse(file, '$', { ja: 'UTF-8 のテキストではありません', en: 'not UTF-8 text' });
  }
  const root = parseJsonText(file, text, (detail) => refuse(file, '$', detail));
  return mapWebAnnotations(actor, file, root);
}

export function mapWebAnnotations(actor: Actor, file: string, root: unknown): WebAnnoImport {
  const items = itemsOf(file, root);
  if (items.length > MAX_ITEMS) throw refuse(file, '$', { ja: `注釈が ${MAX_ITEMS} 件を超えています`, en: `more than ${MAX_ITEMS} annotations` });
  const docs = new Documents(actor);
  const known = new Map(listPillars(actor.db, { includeArchived: true }).map((p) => [p.id, p]));
  const pillars: AnnotationsFileData['pillars'] = [];
  const annotations: AnnotationsFileData['annotations'] = [];
  const skipped: Skipped[] = [];
  const seen = new Set<string>();
  const now = nowOf(actor);
  for (const { node, where } of items) {
    if (typeOf(file, node, where) !== 'Annotation') throw refuse(file, `${where}.type`, { ja: 'Annotation ではありません', en: 'not an Annotation' });
    const id = annotationId(node);
    if (seen.has(id)) throw refuse(file, `${where}.id`, { ja: `注釈 ${id} が重複しています`, en: `annotation ${id} appears twice` });
    seen.add(id);
    let comment = '';
    const tags: string[] = [];
    const pillarIds: string[] = [];
    let importance: number | null = null;
    asArray(node.body).forEach((b, i) => {
      const at = `${where}.body[${i}]`;
      const type = typeOf(file, b, at);
      const body = b as Json;
      const purpose = body.purpose;
      if (type === 'TextualBody' || (type === null && typeof body.value === 'string')) {
        const value = str(file, body.value, `${at}.value`, 20_000);
        if (purpose === 'tagging') tags.push(value);
        else if (purpose === 'assessing' && IMPORTANCE_RE.test(value)) importance = Number(IMPORTANCE_RE.exec(value)![1]);
        else if (purpose === 'classifying') pillarIds.push(pillarFor(file, `${at}`, null, value, known, pillars));
        else comment = comment ? `${comment}\n\n${value}` : value;
      } else if (type === 'SpecificResource' && purpose === 'classifying') {
        const source = body.source as Json | string | undefined;
        const iri = typeof source === 'string' ? source : typeof source === 'object' && source !== null && typeof source.id === 'string' ? source.id : null;
        const label = typeof source === 'object' && source !== null && source.label !== undefined ? str(file, source.label, `${at}.source.label`, 120) : null;
        pillarIds.push(pillarFor(file, at, iri, label, known, pillars));
      } else {
        throw refuse(file, at, { ja: `読めない本文です（型 ${String(type)}、目的 ${String(purpose)}）`, en: `a body this app cannot read (type ${String(type)}, purpose ${String(purpose)})` });
      }
    });
    const targets = asArray(node.target);
    if (targets.length !== 1) throw refuse(file, `${where}.target`, { ja: '対象はちょうど一つ必要です', en: 'exactly one target is needed' });
    const target = targets[0] as Json;
    if (typeof target !== 'object' || target === null) throw refuse(file, `${where}.target`, { ja: 'オブジェクトではありません', en: 'not an object' });
    typeOf(file, target, `${where}.target`);
    const source = target.source as Json | string | undefined;
    if (typeof source === 'object' && source !== null) typeOf(file, source, `${where}.target.source`);
    const sourceIri = typeof source === 'string' ? source : typeof source === 'object' && source !== null && typeof source.id === 'string' ? source.id : null;
    const title = typeof source === 'object' && source !== null && typeof source.title === 'string' ? source.title : null;
    let quote: { exact: string; prefix: string; suffix: string } | null = null;
    let pos: { start: number; end: number } | null = null;
    asArray(target.selector).forEach((s, i) => {
      const at = `${where}.target.selector[${i}]`;
      const type = typeOf(file, s, at);
      const sel = s as Json;
      if (type === 'TextQuoteSelector') {
        quote = { exact: str(file, sel.exact, `${at}.exact`, 100_000), prefix: sel.prefix === undefined ? '' : str(file, sel.prefix, `${at}.prefix`, 1000), suffix: sel.suffix === undefined ? '' : str(file, sel.suffix, `${at}.suffix`, 1000) };
        if (!quote.exact) throw refuse(file, `${at}.exact`, { ja: '引用が空です', en: 'the quote is empty' });
      } else if (type === 'TextPositionSelector') {
        const start = position(file, sel.start, `${at}.start`);
        const end = position(file, sel.end, `${at}.end`);
        if (end <= start) throw refuse(file, at, { ja: `位置が逆転または空です（start ${start}、end ${end}）`, en: `the position is reversed or empty (start ${start}, end ${end})` });
        pos = { start, end };
      } else {
        throw refuse(file, at, { ja: `読めないセレクターです（${String(type)}）`, en: `a selector this app cannot read (${String(type)})` });
      }
    });
    const hash = sourceIri?.startsWith(SOURCE_IRI) ? sourceIri.slice(SOURCE_IRI.length).toLowerCase() : null;
    const found = docs.find(hash, title);
    if (!found) {
      skipped.push({ id, reason: { ja: `出典 ${title ?? sourceIri ?? '(不明)'} はこのワークスペースにありません`, en: `its source ${title ?? sourceIri ?? '(unnamed)'} is not in this workspace` } });
      continue;
    }
    const { doc, sameText } = found;
    const length = codePointLength(doc.text);
    const p = pos as { start: number; end: number } | null;
    if (p && sameText && p.end > length) {
      throw refuse(file, `${where}.target`, { ja: `位置 ${p.start}–${p.end} が本文（${length} 字）の外です`, en: `position ${p.start}–${p.end} lies outside the text (${length} code points)` });
    }
    const q = quote as { exact: string; prefix: string; suffix: string } | null;
    let docStart: number;
    let docEnd: number;
    if (p && p.end <= length) {
      docStart = fromCodePoints(doc.text, p.start);
      docEnd = fromCodePoints(doc.text, p.end);
    } else if (q) {
      // No usable position: the quote is looked up by the anchoring below (position 0 is a hint only).
      docStart = 0;
      docEnd = q.exact.length;
    } else {
      throw refuse(file, `${where}.target.selector`, { ja: '引用も位置もありません', en: 'neither a quote nor a position' });
    }
    const exact = q ? q.exact : doc.text.slice(docStart, docEnd);
    if (p && sameText && q && doc.text.slice(docStart, docEnd) !== q.exact) {
      throw refuse(file, `${where}.target`, { ja: '位置の本文が引用と一致しません', en: 'the text at the position is not the quote' });
    }
    const statement = doc.statements.find((s) => s.start <= docStart && docStart < s.end) ?? doc.statements[0];
    if (!statement) {
      skipped.push({ id, reason: { ja: `出典 ${doc.title} に文がありません`, en: `its source ${doc.title} has no statements` } });
      continue;
    }
    const relStart = Math.max(0, docStart - statement.start);
    const whole = relStart === 0 && exact === statement.text;
    const creator = node.creator as Json | undefined;
    const author = typeof creator === 'object' && creator !== null && typeof creator.name === 'string' && creator.name.trim() ? str(file, creator.name, `${where}.creator.name`, 200) : 'web-annotation';
    const created = typeof node.created === 'string' && !Number.isNaN(Date.parse(node.created)) ? new Date(node.created).toISOString() : now;
    const modified = typeof node.modified === 'string' && !Number.isNaN(Date.parse(node.modified)) ? new Date(node.modified).toISOString() : created;
    if (tags.length > 50 || pillarIds.length > 50) throw refuse(file, `${where}.body`, { ja: 'タグか柱が 50 を超えています', en: 'more than 50 tags or pillars' });
    annotations.push({
      id,
      documentId: doc.id,
      statementId: statement.id,
      target: {
        scope: whole ? 'statement' : 'span',
        quote: { exact, prefix: whole ? '' : (q?.prefix ?? ''), suffix: whole ? '' : (q?.suffix ?? '') },
        position: { start: relStart, end: relStart + exact.length },
        docStart,
        docEnd: docStart + exact.length,
      },
      orphaned: false,
      comment,
      tags,
      pillarIds: [...new Set(pillarIds)],
      importance,
      author,
      createdAt: created,
      updatedAt: modified,
    });
  }
  return { data: { format: ANNOTATIONS_FILE_FORMAT, version: ANNOTATIONS_FILE_VERSION, exportedAt: now, exportedBy: actor.author, pillars, annotations }, skipped };
}

/** A classifying body's pillar: ours by IRI, else one with that label, else a new pillar named by it. */
function pillarFor(file: string, where: string, iri: string | null, label: string | null, known: Map<string, { id: string; nameJa: string; nameEn: string }>, created: AnnotationsFileData['pillars']): string {
  const own = iri?.startsWith(PILLAR_IRI) ? iri.slice(PILLAR_IRI.length) : null;
  if (own && known.has(own)) return own;
  const name = (label ?? own ?? '').trim();
  if (!name) throw refuse(file, where, { ja: '柱の ID もラベルもありません', en: 'a pillar with neither an id nor a label' });
  const byName = [...known.values()].find((p) => p.nameJa === name || p.nameEn === name);
  if (byName) return byName.id;
  const id = own && PILLAR_ID_RE.test(own) ? own : `wa-${crypto.createHash('sha256').update(name).digest('hex').slice(0, 12)}`;
  if (!created.some((p) => p.id === id)) {
    created.push({ id, nameJa: name.slice(0, 120), nameEn: name.slice(0, 120), descriptionJa: '', descriptionEn: '', color: IMPORTED_PILLAR_COLOR, parentId: null, archived: false });
  }
  return id;
}
