// Workspace bundles: one file (a zip) that carries a whole workspace between air-gapped laptops —
// pillars, annotations, briefings, templates and the imported sources' original bytes — with a
// manifest and the SHA-256 of every entry. Importing one merges by stable ids: a preview first,
// then one journaled (undoable) change, documents included; an annotation edited on both sides
// keeps both versions.
import crypto from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { Id, IsoTimestamp, WellFormedText } from '../../shared/api/schemas';
import { PillarFields } from '../../shared/api/annotations';
import { AppError, type LocalizedText } from '../../shared/errors';
import { DOCUMENT_KINDS, type DocumentKind } from '../../shared/model';
import { PILLAR_ID_RE } from '../../shared/pillars';
import { nowOf, type Actor } from '../journal/actor';
import type { Change } from '../journal/change';
import { anchorAnnotation, describeRange, type AnchorStatement } from '../../shared/anchor';
import { ANNOTATION, writeAnnotation, type AnnotationSnapshot } from '../annotate/annotation-rows';
import { listPillars, PILLAR, snapshotPillar, writePillar, type PillarSnapshot } from '../annotate/pillar-rows';
import { BRIEFING_HEADER, insertItemRow, insertSectionRow, snapshotBriefing, snapshotSection } from '../briefing/rows';
import { importRecords, isReadSource, journaledImport, readSource, writeImport, type ReadSource } from '../import/import';
import { originalsDirOf, readOriginal, sha256Hex } from '../import/originals';
import { readZip, writeZip } from '../files/zip';
import { annotationRevision, SYNC_BASE, TEMPLATE, workspaceId, type TemplateSnapshot } from './bundle-rows';
import type { Skipped } from './webanno';
import { EXCHANGED_CONTENT, EXCHANGED_PLACE } from './annotations-file';

export const BUNDLE_FORMAT = 'keizai-anpo-workbench/bundle';
export const BUNDLE_FORMAT_VERSION = 1;
export const BUNDLE_EXTENSION = '.wbbundle';
/** The largest bundle read: a workspace's originals (20 MB each at most) plus its own data. */
export const MAX_BUNDLE_BYTES = 1024 * 1024 * 1024;
/** Unpacked, a bundle is its originals (already compressed formats, mostly) and JSON: 2 GB is an attack. */
const BUNDLE_ZIP_LIMITS = { maxTotalBytes: 2 * 1024 * 1024 * 1024, maxEntries: 50_000 };
/** The tag that marks an incoming version kept beside a conflicting local one (the UI shows tags). */
export const CONFLICT_TAG_PREFIX = 'conflict-of:';

const MANIFEST = 'manifest.json';
const PARTS = {
  pillars: 'workspace/pillars.json',
  annotations: 'workspace/annotations.json',
  briefings: 'workspace/briefings.json',
  templates: 'workspace/templates.json',
  documents: 'documents/documents.json',
} as const;
const ORIGINAL_DIR = 'originals/';

// ---- the file's schema: the API's limits on every field, so a bundle holds nothing the app refuses ----

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lowercase hex');
const Counts = z.object({ pillars: z.number().int().min(0), annotations: z.number().int().min(0), briefings: z.number().int().min(0), templates: z.number().int().min(0), documents: z.number().int().min(0), originals: z.number().int().min(0) });
const Manifest = z.object({
  format: z.literal(BUNDLE_FORMAT),
  formatVersion: z.literal(BUNDLE_FORMAT_VERSION),
  appVersion: z.string().max(100),
  workspace: z.object({ id: z.string().min(1).max(100) }),
  createdAt: IsoTimestamp,
  createdBy: WellFormedText(200),
  counts: Counts,
  entries: z.record(z.string().max(300), Sha256),
});
type ManifestData = z.infer<typeof Manifest>;

const BundlePillar = z.object({
  id: Id.regex(PILLAR_ID_RE),
  nameJa: PillarFields.name.min(1),
  nameEn: PillarFields.name,
  descriptionJa: PillarFields.description,
  descriptionEn: PillarFields.description,
  color: PillarFields.color,
  position: z.number().int().min(0),
  parentId: PillarFields.parentId,
  isDefault: z.boolean(),
  archived: z.boolean(),
  createdAt: IsoTimestamp,
  updatedAt: IsoTimestamp,
  deletedAt: IsoTimestamp.nullable(),
});

const BundleAnnotation = z.object({
  annotation: z.object({
    ...EXCHANGED_PLACE,
    orphaned: z.boolean(),
    anchoredBy: z.enum(['created', 'position', 'quote', 'fuzzy', 'orphaned']),
    ...EXCHANGED_CONTENT,
    deletedAt: IsoTimestamp.nullable(),
  }),
  revision: Sha256,
  /** The revision this workspace last shared with another one (null: never). */
  base: Sha256.nullable(),
});

// A memo item (schema 20) carries its memo's id and, as quoteAtAdd, the memo's body at placement
// (memos run to 1,000,000 characters); bundles made before it have no memoId.
const Item = z.object({
  id: Id,
  briefingId: Id,
  sectionId: Id,
  position: z.number().int().min(0),
  annotationId: Id.nullable(),
  statementId: Id.nullable(),
  memoId: Id.nullable().optional(),
  comment: WellFormedText(20_000),
  quoteAtAdd: WellFormedText(1_000_000),
});
const BundleBriefing = z.object({
  briefing: z.object({
    id: Id,
    title: WellFormedText(500),
    subtitle: WellFormedText(500),
    author: WellFormedText(200),
    date: z.string().max(40),
    marking: WellFormedText(200),
    language: z.enum(['ja', 'en']),
    summary: WellFormedText(100_000),
    createdAt: IsoTimestamp,
    updatedAt: IsoTimestamp,
    deletedAt: IsoTimestamp.nullable(),
  }),
  sections: z.array(z.object({ id: Id, briefingId: Id, position: z.number().int().min(0), heading: WellFormedText(500), body: WellFormedText(100_000), items: z.array(Item).max(10_000) })).max(1000),
});
const BundleTemplate = z.object({ id: Id, name: WellFormedText(200), spec: z.string().max(100_000), createdAt: z.string().max(40) });
const BundleDocument = z.object({
  id: Id,
  title: WellFormedText(500),
  date: z.string().max(40).nullable(),
  issuer: WellFormedText(500).nullable(),
  kind: z.enum(DOCUMENT_KINDS),
  /** The latest imported version: its original travels as originals/<sha256>. */
  fileName: WellFormedText(255),
  sha256: Sha256,
  textSha256: Sha256,
});

// ---- export ----

export interface BundleCounts {
  pillars: number;
  annotations: number;
  briefings: number;
  templates: number;
  documents: number;
  originals: number;
}

function json(value: unknown): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(value)}\n`);
}

function textSha(text: string): string {
  return crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The bundle's bytes: every workspace row through the journal's own snapshots, plus the originals. */
export function buildBundle(actor: Actor, appVersion: string): { bytes: Uint8Array; counts: BundleCounts } {
  const { db } = actor;
  const pillars = (db.prepare('SELECT id FROM pillars WHERE deleted_at IS NULL ORDER BY id').all() as { id: string }[]).map((r) => snapshotPillar(db, r.id)!);
  const bases = new Map((db.prepare('SELECT annotation_id AS id, revision FROM annotation_sync_base').all() as { id: string; revision: string }[]).map((r) => [r.id, r.revision]));
  const annotations = (db.prepare('SELECT id FROM annotations WHERE deleted_at IS NULL ORDER BY id').all() as { id: string }[]).map((r) => {
    const a = ANNOTATION.snapshot(db, r.id)!;
    return { annotation: a, revision: annotationRevision(a), base: bases.get(a.id) ?? null };
  });
  const briefings = (db.prepare('SELECT id FROM briefings WHERE deleted_at IS NULL ORDER BY id').all() as { id: string }[]).map((r) => {
    const times = db.prepare('SELECT created_at AS createdAt, updated_at AS updatedAt FROM briefings WHERE id = ?').get(r.id) as { createdAt: string; updatedAt: string };
    const sections = (db.prepare('SELECT id FROM briefing_sections WHERE briefing_id = ? ORDER BY position').all(r.id) as { id: string }[]).map((s) => snapshotSection(db, s.id, true)!);
    return { briefing: { ...snapshotBriefing(db, r.id)!, ...times }, sections };
  });
  const templates = (db.prepare('SELECT id FROM briefing_templates ORDER BY id').all() as { id: string }[]).map((r) => TEMPLATE.snapshot(db, r.id)!);
  const entries = new Map<string, Uint8Array>();
  const documents: z.infer<typeof BundleDocument>[] = [];
  const imported = db.prepare("SELECT id, title, date, issuer, kind, text FROM documents WHERE origin = 'imported' ORDER BY id").all() as { id: string; title: string; date: string | null; issuer: string | null; kind: DocumentKind; text: string }[];
  for (const d of imported) {
    const latest = importRecords(db, d.id).at(-1);
    if (!latest) continue;
    const name = `${ORIGINAL_DIR}${latest.sha256}`;
    if (!entries.has(name)) entries.set(name, readOriginal(originalsDirOf(db), latest.sha256));
    documents.push({ id: d.id, title: d.title, date: d.date, issuer: d.issuer, kind: d.kind, fileName: latest.fileName, sha256: latest.sha256, textSha256: textSha(d.text) });
  }
  const parts = new Map<string, Uint8Array>([
    [PARTS.pillars, json(pillars)],
    [PARTS.annotations, json(annotations)],
    [PARTS.briefings, json(briefings)],
    [PARTS.templates, json(templates)],
    [PARTS.documents, json(documents)],
    ...entries,
  ]);
  const counts: BundleCounts = { pillars: pillars.length, annotations: annotations.length, briefings: briefings.length, templates: templates.length, documents: documents.length, originals: entries.size };
  const manifest: ManifestData = {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    appVersion,
    workspace: { id: workspaceId(db) },
    createdAt: nowOf(actor),
    createdBy: actor.author,
    counts,
    entries: Object.fromEntries([...parts].map(([name, bytes]) => [name, sha256Hex(bytes)])),
  };
  // The manifest first, so a reader (or a person with unzip -l) sees what the file is at once.
  return { bytes: writeZip(new Map([[MANIFEST, json(manifest)], ...parts])), counts };
}

// ---- reading ----

export interface BundleData {
  manifest: ManifestData;
  pillars: z.infer<typeof BundlePillar>[];
  annotations: z.infer<typeof BundleAnnotation>[];
  briefings: z.infer<typeof BundleBriefing>[];
  templates: z.infer<typeof BundleTemplate>[];
  documents: z.infer<typeof BundleDocument>[];
  originals: Map<string, Uint8Array>;
}

function refuse(file: string, detail: LocalizedText, hint?: LocalizedText): AppError {
  return new AppError('bad-input', { ja: `バンドル ${file} は読み込めません: ${detail.ja}`, en: `The bundle ${file} cannot be imported: ${detail.en}` }, { subject: file, hint });
}

function parsePart<T>(file: string, name: string, bytes: Uint8Array, schema: z.ZodType<T>): T {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw refuse(file, { ja: `${name} が JSON として読めません`, en: `${name} is not readable JSON` });
  }
  const r = schema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0];
    const where = `${name}:${issue.path.join('.') || '(root)'}`;
    // zod's message may quote the value: name the place and the rule, never the content.
    const what = issue.code === 'custom' ? issue.message : issue.code.replace(/_/g, ' ');
    throw refuse(file, { ja: `${where} が不正です（${what}）`, en: `${where} is invalid (${what})` });
  }
  return r.data;
}

/**
 * Checks a bundle completely before anything is written: a safe zip (no traversal, no bomb, not
 * truncated), a manifest of a format this app reads, every entry listed with a matching SHA-256
 * and nothing unlisted, every part valid against the schema.
 */
export function readBundle(file: string, bytes: Uint8Array): BundleData {
  const zip = readZip(bytes, file, BUNDLE_ZIP_LIMITS);
  const manifestReader = zip.get(MANIFEST);
  if (!manifestReader) throw refuse(file, { ja: 'manifest.json がありません（ワークスペースのバンドルではありません）', en: 'it has no manifest.json (not a workspace bundle)' });
  let head: { format?: unknown; formatVersion?: unknown };
  try {
    head = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(manifestReader())) as typeof head;
  } catch {
    throw refuse(file, { ja: 'manifest.json が JSON として読めません', en: 'manifest.json is not readable JSON' });
  }
  if (typeof head !== 'object' || head === null || head.format !== BUNDLE_FORMAT) {
    throw refuse(file, { ja: `ワークスペースのバンドルではありません（format が "${BUNDLE_FORMAT}" ではない）`, en: `not a workspace bundle (format is not "${BUNDLE_FORMAT}")` });
  }
  if (typeof head.formatVersion === 'number' && head.formatVersion > BUNDLE_FORMAT_VERSION) {
    throw refuse(
      file,
      { ja: `新しい形式（バージョン ${head.formatVersion}）で書かれています。このアプリはバージョン ${BUNDLE_FORMAT_VERSION} まで読めます`, en: `it was written in a newer format (version ${head.formatVersion}); this app reads up to version ${BUNDLE_FORMAT_VERSION}` },
      { ja: 'ワークベンチを更新してから読み込んでください。', en: 'Update the workbench, then import again.' },
    );
  }
  const manifest = parsePart(file, MANIFEST, manifestReader(), Manifest);
  const contents = new Map<string, Uint8Array>();
  for (const [name, read] of zip) {
    if (name === MANIFEST) continue;
    const expected = manifest.entries[name];
    if (expected === undefined) throw refuse(file, { ja: `マニフェストにない項目「${name.slice(0, 100)}」があります`, en: `it holds an entry the manifest does not list ("${name.slice(0, 100)}")` });
    const data = read();
    if (sha256Hex(data) !== expected) throw refuse(file, { ja: `「${name.slice(0, 100)}」のチェックサムが一致しません（破損または改変）`, en: `the checksum of "${name.slice(0, 100)}" does not match (damaged or altered)` });
    contents.set(name, data);
  }
  for (const name of Object.keys(manifest.entries)) {
    if (!contents.has(name)) throw refuse(file, { ja: `マニフェストにある「${name.slice(0, 100)}」がありません`, en: `"${name.slice(0, 100)}" is listed in the manifest but missing` });
  }
  const part = <T>(name: string, schema: z.ZodType<T>): T => {
    const bytes = contents.get(name);
    if (!bytes) throw refuse(file, { ja: `${name} がありません`, en: `${name} is missing` });
    return parsePart(file, name, bytes, schema);
  };
  const data: BundleData = {
    manifest,
    pillars: part(PARTS.pillars, z.array(BundlePillar).max(10_000)),
    annotations: part(PARTS.annotations, z.array(BundleAnnotation).max(1_000_000)),
    briefings: part(PARTS.briefings, z.array(BundleBriefing).max(100_000)),
    templates: part(PARTS.templates, z.array(BundleTemplate).max(10_000)),
    documents: part(PARTS.documents, z.array(BundleDocument).max(100_000)),
    originals: new Map([...contents].filter(([n]) => n.startsWith(ORIGINAL_DIR)).map(([n, b]) => [n.slice(ORIGINAL_DIR.length), b])),
  };
  const ids = new Set<string>();
  for (const { annotation: a } of data.annotations) {
    if (ids.has(a.id)) throw refuse(file, { ja: `注釈 ID ${a.id} が重複しています`, en: `annotation id ${a.id} appears twice` });
    ids.add(a.id);
    if (a.target.docEnd < a.target.docStart || a.target.position.end < a.target.position.start) throw refuse(file, { ja: `注釈 ${a.id} の位置が逆転しています`, en: `annotation ${a.id} has a reversed position` });
  }
  for (const d of data.documents) {
    if (!data.originals.has(d.sha256)) throw refuse(file, { ja: `文書 ${d.id} の原本 originals/${d.sha256} がありません`, en: `the original originals/${d.sha256} of document ${d.id} is missing` });
  }
  const pillarIds = new Set(data.pillars.map((p) => p.id));
  for (const p of data.pillars) {
    if (p.parentId !== null && !pillarIds.has(p.parentId)) throw refuse(file, { ja: `柱 ${p.id} の親 ${p.parentId} がバンドルにありません`, en: `pillar ${p.id} has a parent ${p.parentId} that is not in the bundle` });
  }
  return data;
}

// ---- merging ----

export interface MergeCount {
  added: number;
  updated: number;
  unchanged: number;
  conflicts: number;
}

export interface BundleReport {
  dryRun: boolean;
  manifest: { appVersion: string; workspaceId: string; createdAt: string; createdBy: string; counts: BundleCounts };
  documents: MergeCount;
  pillars: MergeCount;
  annotations: MergeCount;
  briefings: MergeCount;
  templates: MergeCount;
  /** Ids of the local annotations that now have an incoming version beside them. */
  conflictIds: string[];
  skipped: Skipped[];
  staged: { upload: string; fileName: string } | null;
}

const zero = (): MergeCount => ({ added: 0, updated: 0, unchanged: 0, conflicts: 0 });

type IncomingAnnotation = BundleData['annotations'][number];
type Decision = { kind: 'add' } | { kind: 'update' } | { kind: 'unchanged' } | { kind: 'conflict' } | { kind: 'conflict-shown' } | { kind: 'skip'; reason: LocalizedText };

/**
 * Three-way merge of one annotation. The common base is the revision either side last shared
 * (the bundle's `base`, or this workspace's record): whoever still holds the base did not edit
 * it, so the other side's edit wins; when both moved on, both versions are kept.
 */
export function decideAnnotation(local: AnnotationSnapshot | null, localBase: string | null, incoming: IncomingAnnotation): Decision {
  if (!local) return { kind: 'add' };
  const mine = annotationRevision(local);
  if (mine === incoming.revision) return { kind: 'unchanged' };
  const bases = [incoming.base, localBase].filter((b): b is string => b !== null);
  // We still hold what we last shared: only they edited since, so their version is taken.
  if (bases.includes(mine)) return { kind: 'update' };
  // They still hold what we last shared: only we edited (or deleted) since, so ours stays.
  if (bases.includes(incoming.revision)) return { kind: 'unchanged' };
  if (local.deletedAt !== null) return { kind: 'skip', reason: { ja: `注釈 ${local.id} はこのワークスペースで削除されています（相手側の編集は取り込みません）`, en: `annotation ${local.id} was deleted in this workspace (the other side's edit is not brought back)` } };
  return { kind: 'conflict' };
}

/** The id of the incoming version kept beside a conflicting local annotation: stable per revision. */
export function conflictSiblingId(id: string, revision: string): string {
  return `${id.slice(0, 180)}.conflict-${revision.slice(0, 12)}`;
}

function conflictTag(id: string): string {
  const tag = `${CONFLICT_TAG_PREFIX}${id}`;
  return tag.length <= 64 ? tag : `${CONFLICT_TAG_PREFIX}${crypto.createHash('sha256').update(id).digest('hex').slice(0, 40)}`;
}

function statementsOf(actor: Actor, documentId: string, cache: Map<string, AnchorStatement[]>): AnchorStatement[] {
  let list = cache.get(documentId);
  if (!list) {
    list = actor.db.prepare('SELECT id, text, start_offset AS start FROM statements WHERE document_id = ? ORDER BY ordinal').all(documentId) as AnchorStatement[];
    cache.set(documentId, list);
  }
  return list;
}

/** An incoming annotation placed on this workspace's statements (re-anchored when they differ). */
function placeHere(actor: Actor, a: AnnotationSnapshot, cache: Map<string, AnchorStatement[]>): AnnotationSnapshot {
  const statements = statementsOf(actor, a.documentId, cache);
  const same = statements.find((s) => s.id === a.statementId);
  if (same && same.text.slice(a.target.position.start, a.target.position.end) === a.target.quote.exact) return a;
  const found = anchorAnnotation({ statementId: a.statementId, target: a.target }, statements);
  if (!found) return { ...a, orphaned: true, anchoredBy: 'orphaned' };
  const s = statements.find((x) => x.id === found.statementId)!;
  const { quote, position } = describeRange(s.text, found.start, found.end);
  return { ...a, statementId: s.id, target: { ...a.target, quote, position, docStart: s.start + found.start, docEnd: s.start + found.end }, orphaned: false, anchoredBy: found.method === 'position' ? a.anchoredBy : found.method };
}

function documentDecision(actor: Actor, d: BundleData['documents'][number]): { kind: 'add' | 'unchanged' } | { kind: 'skip'; reason: LocalizedText } {
  const local = actor.db.prepare('SELECT text, origin FROM documents WHERE id = ?').get(d.id) as { text: string; origin: string } | undefined;
  if (!local) return { kind: 'add' };
  if (textSha(local.text) === d.textSha256) return { kind: 'unchanged' };
  return { kind: 'skip', reason: { ja: `文書 ${d.id} はこのワークスペースに別の版があります（こちらの版を残します）`, en: `document ${d.id} exists here in another version (this workspace's version is kept)` } };
}

function samePillar(a: PillarSnapshot, b: z.infer<typeof BundlePillar>): boolean {
  const pick = (p: PillarSnapshot | z.infer<typeof BundlePillar>) => [p.nameJa, p.nameEn, p.descriptionJa, p.descriptionEn, p.color.toLowerCase(), p.parentId, p.archived];
  return JSON.stringify(pick(a)) === JSON.stringify(pick(b));
}

/** Everything an import would do, decided without writing: the preview, and the plan the import carries out. */
function plan(actor: Actor, data: BundleData) {
  const { db } = actor;
  const report: BundleReport = {
    dryRun: true,
    manifest: { appVersion: data.manifest.appVersion, workspaceId: data.manifest.workspace.id, createdAt: data.manifest.createdAt, createdBy: data.manifest.createdBy, counts: data.manifest.counts },
    documents: zero(),
    pillars: zero(),
    annotations: zero(),
    briefings: zero(),
    templates: zero(),
    conflictIds: [],
    skipped: [],
    staged: null,
  };
  const documents: BundleData['documents'] = [];
  for (const d of data.documents) {
    const k = documentDecision(actor, d);
    if (k.kind === 'skip') report.skipped.push({ id: d.id, reason: k.reason });
    else if (k.kind === 'unchanged') report.documents.unchanged++;
    else {
      report.documents.added++;
      documents.push(d);
    }
  }
  const pillars: BundleData['pillars'] = [];
  for (const p of data.pillars) {
    const local = snapshotPillar(db, p.id);
    if (!local || local.deletedAt !== null) {
      report.pillars.added++;
      pillars.push(p);
    } else if (samePillar(local, p)) report.pillars.unchanged++;
    else {
      report.pillars.unchanged++;
      report.skipped.push({ id: p.id, reason: { ja: `柱 ${p.id} はこちらで別の内容です（こちらを残します）`, en: `pillar ${p.id} differs here (this workspace's pillar is kept)` } });
    }
  }
  const annotations: { incoming: IncomingAnnotation; decision: Decision }[] = [];
  const incomingDocs = new Set(data.documents.map((d) => d.id));
  for (const incoming of data.annotations) {
    const a = incoming.annotation;
    const docHere = db.prepare('SELECT 1 FROM documents WHERE id = ?').get(a.documentId) !== undefined || incomingDocs.has(a.documentId);
    if (!docHere) {
      report.skipped.push({ id: a.id, reason: { ja: `注釈 ${a.id} の文書 ${a.documentId} がこのワークスペースにもバンドルにもありません`, en: `annotation ${a.id} is on document ${a.documentId}, which is neither here nor in the bundle` } });
      continue;
    }
    const local = ANNOTATION.snapshot(db, a.id);
    const base = SYNC_BASE.snapshot(db, a.id)?.revision ?? null;
    let decision = decideAnnotation(local, base, incoming);
    // The incoming version already kept beside ours by an earlier import: nothing new, and no
    // common base either (the conflict stands until the analyst resolves it).
    if (decision.kind === 'conflict' && ANNOTATION.snapshot(db, conflictSiblingId(a.id, incoming.revision))) decision = { kind: 'conflict-shown' };
    if (decision.kind === 'skip') report.skipped.push({ id: a.id, reason: decision.reason });
    else {
      const key = decision.kind === 'add' ? 'added' : decision.kind === 'update' ? 'updated' : decision.kind === 'conflict' ? 'conflicts' : 'unchanged';
      report.annotations[key]++;
      if (decision.kind === 'conflict') report.conflictIds.push(a.id);
    }
    annotations.push({ incoming, decision });
  }
  const briefings: BundleData['briefings'] = [];
  for (const b of data.briefings) {
    const local = snapshotBriefing(db, b.briefing.id);
    if (!local) {
      report.briefings.added++;
      briefings.push(b);
    } else {
      report.briefings.unchanged++;
      const { createdAt: _c, updatedAt: _u, ...header } = b.briefing;
      if (JSON.stringify(local) !== JSON.stringify(header)) {
        report.skipped.push({ id: b.briefing.id, reason: { ja: `ブリーフィング ${b.briefing.id} はこちらにもあり、内容が違います（こちらを残します）`, en: `briefing ${b.briefing.id} exists here with other content (this workspace's briefing is kept)` } });
      }
    }
  }
  const templates: BundleData['templates'] = [];
  for (const t of data.templates) {
    if (TEMPLATE.snapshot(db, t.id)) report.templates.unchanged++;
    else {
      report.templates.added++;
      templates.push(t);
    }
  }
  return { report, documents, pillars, annotations, briefings, templates };
}

export function previewBundle(actor: Actor, data: BundleData): BundleReport {
  return plan(actor, data).report;
}

/**
 * Merges a checked bundle as one journaled change: the missing imported documents (read from
 * their originals first, outside the transaction), then pillars, annotations, briefings and
 * templates, so one undo takes the whole merge back and one redo brings it all again.
 */
export async function importBundle(actor: Actor, file: string, data: BundleData): Promise<BundleReport> {
  const first = plan(actor, data);
  const reads: ReadSource[] = [];
  for (const d of first.documents) {
    const bytes = data.originals.get(d.sha256)!;
    const read = await readSource(actor.db, { fileName: d.fileName, bytes, id: d.id, title: d.title, date: d.date, issuer: d.issuer, kind: d.kind });
    if (isReadSource(read)) reads.push(read);
  }
  const label = { ja: `バンドルを読み込み（${path.basename(file)}）`, en: `Import bundle (${path.basename(file)})` };
  return journaledImport<BundleReport>(actor, 'annotation.import', label, (change: Change, written) => {
    for (const read of reads) writeImport(change, read, written);
    // Planned again now that the documents are here (annotations on them re-anchor against them).
    const { report, pillars, annotations, briefings, templates } = plan(actor, data);
    report.documents = first.report.documents;
    report.dryRun = false;
    const { db } = actor;
    const now = change.at;
    // Parents first, so that a sub-pillar's parent exists when it is written.
    const pending = [...pillars];
    while (pending.length) {
      const i = pending.findIndex((p) => p.parentId === null || !pending.some((q) => q.id === p.parentId));
      const [p] = pending.splice(i < 0 ? 0 : i, 1);
      const before = change.touch(PILLAR, p.id);
      const position = (db.prepare('SELECT COUNT(*) AS n FROM pillars WHERE parent_id IS ? AND deleted_at IS NULL').get(p.parentId) as { n: number }).n;
      writePillar(db, before, { ...p, color: p.color.toLowerCase(), position, isDefault: before?.isDefault ?? false, deletedAt: null });
    }
    const known = new Set(listPillars(db, { includeArchived: true }).map((p) => p.id));
    const cache = new Map<string, AnchorStatement[]>();
    const recordBase = (id: string, revision: string) => {
      // Unchanged bases are not rewritten: a second import of the same bundle writes nothing at all.
      if (change.current(SYNC_BASE, id)?.revision === revision) return;
      change.touch(SYNC_BASE, id);
      SYNC_BASE.apply(db, id, null, { revision, recordedAt: now }, now);
    };
    for (const { incoming, decision } of annotations) {
      const a = { ...incoming.annotation, pillarIds: incoming.annotation.pillarIds.filter((p) => known.has(p)) } as AnnotationSnapshot;
      if (decision.kind === 'add' || decision.kind === 'update') {
        const local = change.touch(ANNOTATION, a.id);
        const placed = placeHere(actor, a, cache);
        writeAnnotation(db, local, { ...placed, deletedAt: null });
        recordBase(a.id, incoming.revision);
      } else if (decision.kind === 'unchanged') {
        recordBase(a.id, incoming.revision);
      } else if (decision.kind === 'conflict') {
        // Both versions stay: ours untouched, theirs beside it, tagged so the UI shows the pair.
        const id = conflictSiblingId(a.id, incoming.revision);
        change.touch(ANNOTATION, id);
        const tags = [...a.tags.slice(0, 49), conflictTag(a.id)].sort();
        writeAnnotation(db, null, { ...placeHere(actor, { ...a, id }, cache), tags, deletedAt: null });
      }
    }
    for (const b of briefings) {
      change.touch(BRIEFING_HEADER, b.briefing.id);
      const h = b.briefing;
      db.prepare(
        `INSERT INTO briefings (id, title, subtitle, author, date, marking, language, summary, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(h.id, h.title, h.subtitle, h.author, h.date, h.marking, h.language, h.summary, h.createdAt, h.updatedAt);
      b.sections.forEach((s, si) => {
        insertSectionRow(db, { id: s.id, briefingId: h.id, position: si, heading: s.heading, body: s.body });
        s.items.forEach((it, ii) => insertItemRow(db, { ...it, sectionId: s.id, position: ii }));
      });
    }
    for (const t of templates) {
      change.touch(TEMPLATE, t.id);
      TEMPLATE.apply(db, t.id, null, t satisfies TemplateSnapshot, now);
    }
    return report;
  });
}
