// Moving the analyst's work between machines without a network: a versioned JSON file of
// annotations and the pillars they use. Import is validated whole before anything is written,
// re-anchors, is one undoable change, and commits in batches so other writes interleave.
import path from 'node:path';
import { z } from 'zod';
import { anchorAnnotation, describeRange, type AnchorStatement } from '../../shared/anchor';
import { AnnotationFields, PillarFields } from '../../shared/api/annotations';
import { Id, IsoTimestamp, WellFormedText } from '../../shared/api/schemas';
import { ANNOTATIONS_FILE_FORMAT, ANNOTATIONS_FILE_VERSION, type Annotation } from '../../shared/annotations';
import { AppError } from '../../shared/errors';
import { PILLAR_ID_RE } from '../../shared/pillars';
import { nowOf, type Actor } from '../journal/actor';
import { journaledChange, type Change, type ChangeGroupRef } from '../journal/change';
import { announceLongWrite, whileBusy } from '../store/storage-errors';
import { ANNOTATION, writeAnnotation, type AnnotationSnapshot } from '../annotate/annotation-rows';
import { cleanTags, listAnnotations } from '../annotate/annotations';
import { writeFileAtomic } from '../export/write';
import { parseJsonText } from '../files/json';
import { readRegularFile } from '../files/read';
import { findPillar, listPillars, PILLAR, writePillar, type PillarSnapshot } from '../annotate/pillar-rows';

/** The largest annotations file read from disk (a whole corpus of annotations is a few MB). */
export const MAX_ANNOTATIONS_FILE_BYTES = 200 * 1024 * 1024;

// Every field has the API's own limits (shared/api/annotations.ts), so an imported file holds
// nothing the API would have refused: ids match the API's id pattern, times are ISO 8601.
const FilePillar = z.object({
  id: Id.regex(PILLAR_ID_RE, 'a pillar id: a-z, 0-9 and -'),
  nameJa: PillarFields.name.min(1),
  nameEn: PillarFields.name.min(1),
  descriptionJa: PillarFields.description.default(''),
  descriptionEn: PillarFields.description.default(''),
  color: PillarFields.color,
  parentId: PillarFields.parentId.default(null),
  archived: z.boolean().default(false),
});

/** Where an exchanged annotation sits: the same in the exchange file and in a workspace bundle. */
export const EXCHANGED_PLACE = {
  id: Id,
  documentId: Id,
  statementId: Id,
  target: z.object({
    scope: z.enum(['span', 'statement']),
    quote: z.object({ exact: AnnotationFields.quote.min(1), prefix: WellFormedText(1000), suffix: WellFormedText(1000) }),
    position: z.object({ start: AnnotationFields.offset, end: AnnotationFields.offset }),
    docStart: AnnotationFields.offset,
    docEnd: AnnotationFields.offset,
  }),
};

/** What an exchanged annotation says, with the API's own limits: the same in both files. */
export const EXCHANGED_CONTENT = {
  comment: AnnotationFields.comment,
  tags: AnnotationFields.tags,
  pillarIds: AnnotationFields.pillarIds,
  importance: AnnotationFields.importance,
  author: WellFormedText(200).min(1),
  createdAt: IsoTimestamp,
  updatedAt: IsoTimestamp,
};

const FileAnnotation = z.object({ ...EXCHANGED_PLACE, orphaned: z.boolean().default(false), ...EXCHANGED_CONTENT });

const AnnotationsFile = z.object({
  format: z.literal(ANNOTATIONS_FILE_FORMAT),
  version: z.literal(ANNOTATIONS_FILE_VERSION),
  exportedAt: IsoTimestamp,
  exportedBy: WellFormedText(200),
  pillars: z.array(FilePillar).max(10_000),
  annotations: z.array(FileAnnotation).max(1_000_000),
});
export type AnnotationsFileData = z.infer<typeof AnnotationsFile>;

function badFile(file: string, detail: { ja: string; en: string }, hint?: { ja: string; en: string }): AppError {
  return new AppError('bad-input', { ja: `注釈ファイル ${file} は読み込めません: ${detail.ja}`, en: `The annotations file ${file} cannot be imported: ${detail.en}` }, { subject: file, hint });
}

export interface ExportOptions {
  documentId?: string;
  pillarId?: string;
}

export function buildExport(actor: Actor, opts: Pick<ExportOptions, 'documentId' | 'pillarId'> = {}): AnnotationsFileData {
  const annotations = listAnnotations(actor, { documentId: opts.documentId, pillarId: opts.pillarId });
  const used = new Set(annotations.flatMap((a) => a.pillarIds));
  const pillars = listPillars(actor.db);
  // A used sub-pillar needs its ancestors for the taxonomy to make sense on the other machine.
  for (const p of [...pillars].reverse()) if (used.has(p.id) && p.parentId) used.add(p.parentId);
  return {
    format: ANNOTATIONS_FILE_FORMAT,
    version: ANNOTATIONS_FILE_VERSION,
    exportedAt: nowOf(actor),
    exportedBy: actor.author,
    pillars: pillars
      .filter((p) => used.has(p.id) || opts.pillarId === undefined)
      .map((p) => ({ id: p.id, nameJa: p.nameJa, nameEn: p.nameEn, descriptionJa: p.descriptionJa, descriptionEn: p.descriptionEn, color: p.color, parentId: p.parentId, archived: p.archived })),
    annotations: annotations.map((a: Annotation) => ({
      id: a.id,
      documentId: a.documentId,
      statementId: a.statementId,
      target: a.target,
      orphaned: a.orphaned,
      comment: a.comment,
      tags: a.tags,
      pillarIds: a.pillarIds,
      importance: a.importance,
      author: a.author,
      createdAt: a.createdAt,
      updatedAt: a.updatedAt,
    })),
  };
}

/** The file's bytes: pretty-printed JSON, as written to disk or offered as a download. */
export function encodeExport(actor: Actor, opts: ExportOptions = {}): { bytes: Uint8Array; annotations: number } {
  const data = buildExport(actor, opts);
  return { bytes: new TextEncoder().encode(`${JSON.stringify(data, null, 2)}\n`), annotations: data.annotations.length };
}

export function exportAnnotations(actor: Actor, opts: ExportOptions & { path: string; overwrite?: boolean }): { path: string; annotations: number; bytes: number } {
  const { bytes, annotations } = encodeExport(actor, opts);
  // The same safe writer as briefing exports: temp file, fsync, no overwrite without asking, no debris.
  const written = writeFileAtomic(opts.path, bytes, { force: !!opts.overwrite });
  return { path: written.path, annotations, bytes: written.bytes };
}

// zod messages may quote the offending value ("received 'root:…'"): name the field and what
// was expected instead, never the value.
function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length ? issue.path.join('.') : '(file)';
  switch (issue.code) {
    case 'invalid_type':
      return `${where}: expected ${issue.expected}`;
    case 'too_big':
      return `${where}: too long or too large (at most ${String(issue.maximum)})`;
    case 'too_small':
      return `${where}: too short or too small (at least ${String(issue.minimum)})`;
    case 'custom':
      return `${where}: ${issue.message}`;
    case 'invalid_format':
      return `${where}: not in the expected format`;
    case 'invalid_value':
      return `${where}: not one of the allowed values`;
    case 'unrecognized_keys':
      return `${where}: unknown fields`;
    default:
      return `${where}: ${issue.message.includes('received') ? 'invalid value' : issue.message}`;
  }
}

/** Validates a file's bytes (`name` only for messages): every problem is reported before anything is written. */
export function parseAnnotationsFile(file: string, bytes: Uint8Array): AnnotationsFileData {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw badFile(file, { ja: 'UTF-8 のテキストではありません', en: 'not UTF-8 text' });
  }
  const data = parseJsonText(file, text, (detail) => badFile(file, detail));
  const head = data as { format?: unknown; version?: unknown } | null;
  if (typeof head !== 'object' || head === null || head.format !== ANNOTATIONS_FILE_FORMAT) {
    throw badFile(file, { ja: `ワークベンチの注釈ファイルではありません（format が "${ANNOTATIONS_FILE_FORMAT}" ではない）`, en: `not a workbench annotations file (format is not "${ANNOTATIONS_FILE_FORMAT}")` });
  }
  if (typeof head.version === 'number' && Number.isSafeInteger(head.version) && head.version > ANNOTATIONS_FILE_VERSION) {
    throw badFile(
      file,
      { ja: `新しい形式（バージョン ${head.version}）で書かれています。このアプリはバージョン ${ANNOTATIONS_FILE_VERSION} まで読めます`, en: `it was written in a newer format (version ${head.version}); this app reads up to version ${ANNOTATIONS_FILE_VERSION}` },
      { ja: 'ワークベンチを更新してから読み込んでください。', en: 'Update the workbench, then import again.' },
    );
  }
  const parsed = AnnotationsFile.safeParse(data);
  if (!parsed.success) {
    const detail = parsed.error.issues.slice(0, 3).map(describeIssue).join('; ');
    throw badFile(file, { ja: detail, en: detail });
  }
  const d = parsed.data;
  const ids = new Set<string>();
  for (const a of d.annotations) {
    if (ids.has(a.id)) throw badFile(file, { ja: `注釈 ID ${a.id} が重複しています`, en: `annotation id ${a.id} appears twice` });
    ids.add(a.id);
    const length = a.target.quote.exact.length;
    if (a.target.position.end - a.target.position.start !== length || a.target.docEnd - a.target.docStart !== length) {
      throw badFile(file, { ja: `注釈 ${a.id} の位置が引用と一致しません`, en: `annotation ${a.id} has a position that does not fit its quote` });
    }
  }
  return d;
}

/** Reads (a regular file under the size limit, never blocking) and validates a file on disk. */
export function readAnnotationsFile(file: string): AnnotationsFileData {
  return parseAnnotationsFile(file, readRegularFile(file, MAX_ANNOTATIONS_FILE_BYTES));
}

export interface ImportReport {
  annotations: number;
  created: number;
  updated: number;
  unchanged: number;
  orphaned: number;
  pillarsCreated: string[];
}

function statementsOf(actor: Actor, documentId: string, cache: Map<string, AnchorStatement[]>): AnchorStatement[] {
  let list = cache.get(documentId);
  if (!list) {
    list = actor.db.prepare('SELECT id, text, start_offset AS start FROM statements WHERE document_id = ? ORDER BY ordinal').all(documentId) as AnchorStatement[];
    cache.set(documentId, list);
  }
  return list;
}

/** Places an incoming annotation on this machine's statements (which may differ from the exporter's). */
function placed(actor: Actor, a: AnnotationsFileData['annotations'][number], cache: Map<string, AnchorStatement[]>): Pick<AnnotationSnapshot, 'statementId' | 'target' | 'orphaned' | 'anchoredBy'> {
  const statements = statementsOf(actor, a.documentId, cache);
  const found = anchorAnnotation({ statementId: a.statementId, target: a.target }, statements);
  if (!found) return { statementId: a.statementId, target: a.target, orphaned: true, anchoredBy: 'orphaned' };
  const s = statements.find((x) => x.id === found.statementId)!;
  const { quote, position } = describeRange(s.text, found.start, found.end);
  const whole = found.start === 0 && found.end === s.text.length && a.target.scope === 'statement';
  if (whole) {
    quote.prefix = '';
    quote.suffix = '';
  }
  return {
    statementId: s.id,
    target: { scope: whole ? 'statement' : 'span', quote, position, docStart: s.start + found.start, docEnd: s.start + found.end },
    orphaned: false,
    anchoredBy: found.method === 'position' ? 'created' : found.method,
  };
}

type FileAnnotationData = AnnotationsFileData['annotations'][number];
type IncomingContent = Pick<AnnotationSnapshot, 'comment' | 'tags' | 'pillarIds' | 'importance'>;

/**
 * What importing one annotation of a file does to this workspace's copy: the rule of the exchange
 * file, shared by the import and its dry run. The newer edit wins; an older copy changes nothing.
 */
export function decideIncoming(local: AnnotationSnapshot | null, a: FileAnnotationData): { kind: 'add' | 'update'; content: IncomingContent } | { kind: 'unchanged' } {
  const content = { comment: a.comment.replace(/\r\n?/g, '\n'), tags: cleanTags(a.tags), pillarIds: [...new Set(a.pillarIds)].sort(), importance: a.importance };
  if (!local) return { kind: 'add', content };
  const same = local.deletedAt === null && JSON.stringify({ c: local.comment, t: local.tags, p: [...local.pillarIds].sort(), i: local.importance }) === JSON.stringify({ c: content.comment, t: content.tags, p: content.pillarIds, i: content.importance });
  if (same || local.updatedAt >= a.updatedAt) return { kind: 'unchanged' };
  return { kind: 'update', content };
}

/** Pillars of the file this workspace lacks (or holds only deleted), the ones an import would create. */
function missingPillars(actor: Actor, data: AnnotationsFileData): AnnotationsFileData['pillars'] {
  return data.pillars.filter((p) => !findPillar(actor.db, p.id) || findPillar(actor.db, p.id)!.deletedAt !== null);
}

/** Every pillar an annotation or a sub-pillar names exists in the file or in this workspace. */
function checkReferences(actor: Actor, file: string, data: AnnotationsFileData): void {
  const filePillars = new Map(data.pillars.map((p) => [p.id, p]));
  for (const a of data.annotations) {
    for (const p of a.pillarIds) {
      if (!filePillars.has(p) && !findPillar(actor.db, p)) {
        throw badFile(file, { ja: `注釈 ${a.id} の柱 ${p} がファイルにもこのデータベースにもありません`, en: `annotation ${a.id} uses pillar ${p}, which is neither in the file nor in this database` });
      }
    }
  }
  for (const p of data.pillars) {
    if (p.parentId !== null && !filePillars.has(p.parentId) && !findPillar(actor.db, p.parentId)) {
      throw badFile(file, { ja: `柱 ${p.id} の親 ${p.parentId} がありません`, en: `pillar ${p.id} has an unknown parent ${p.parentId}` });
    }
  }
}

/** The dry run of an import: the same checks and decisions, and nothing written. */
export function previewAnnotationsData(actor: Actor, file: string, data: AnnotationsFileData): ImportReport {
  checkReferences(actor, file, data);
  const report: ImportReport = { annotations: data.annotations.length, created: 0, updated: 0, unchanged: 0, orphaned: 0, pillarsCreated: missingPillars(actor, data).map((p) => p.id) };
  const cache = new Map<string, AnchorStatement[]>();
  for (const a of data.annotations) {
    const local = ANNOTATION.snapshot(actor.db, a.id);
    const decision = decideIncoming(local, a);
    if (decision.kind === 'unchanged') report.unchanged++;
    else if (decision.kind === 'update') report.updated++;
    else {
      report.created++;
      if (placed(actor, a, cache).orphaned) report.orphaned++;
    }
  }
  return report;
}

/** Imports a file on disk (the CLI's argument, or the file a desktop handle stands for). */
export function importAnnotations(actor: Actor, file: string, opts: ImportOptions = {}): Promise<ImportReport> {
  return importAnnotationsData(actor, file, readAnnotationsFile(file), opts);
}

/**
 * Annotations written per transaction. A batch of 2,000 commits in well under a second here, so
 * a small write from the window (or another process, which waits up to 1 s inside SQLite before
 * its own bounded retry) gets its turn between batches instead of failing behind a 100,000-row
 * transaction (issue 11, defect 3).
 */
export const IMPORT_BATCH_SIZE = 2_000;

export interface ImportOptions {
  batchSize?: number;
  /** After each committed batch: annotations done so far, of the file's total. */
  onBatch?: (done: number, total: number) => void;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Imports a file's validated contents; `file` (a path or an uploaded file's name) is for messages
 * and the undo label. Everything is validated before the first write, so a bad file changes
 * nothing. The writes then commit in batches, yielding between them, all in ONE change group: one
 * undo takes the whole import back, however many batches it took. If a later batch fails (disk
 * full, a lock held past the bounded wait), the batches already committed stay, as that one
 * undoable change labelled with what was imported, and the error is reported; importing the same
 * file again completes it (an annotation already here is left unchanged).
 */
export async function importAnnotationsData(actor: Actor, file: string, data: AnnotationsFileData, opts: ImportOptions = {}): Promise<ImportReport> {
  checkReferences(actor, file, data);
  const report: ImportReport = { annotations: data.annotations.length, created: 0, updated: 0, unchanged: 0, orphaned: 0, pillarsCreated: [] };
  // The running total: each batch relabels the one change group (journal/journal.ts appendToChange).
  const label = (batch: Counts) => {
    const n = report.created + report.updated + batch.created + batch.updated;
    return { ja: `注釈を読み込み（${path.basename(file)}、${n} 件）`, en: `Import annotations (${path.basename(file)}, ${n})` };
  };
  const size = Math.max(1, opts.batchSize ?? IMPORT_BATCH_SIZE);
  const group: ChangeGroupRef = { id: null };
  const cache = new Map<string, AnchorStatement[]>();
  const done = announceLongWrite(actor.db, { ja: `注釈の取り込み（${path.basename(file)}）`, en: `the annotations import of ${path.basename(file)}` });
  try {
    for (let from = 0; from === 0 || from < data.annotations.length; from += size) {
      const batch = data.annotations.slice(from, from + size);
      // A batch that meets another process's write waits for it (bounded) and is then run whole.
      const counts = await whileBusy(actor.db, actor.db.name, () =>
        journaledChange(actor, 'annotation.import', label, (change: Change) => writeBatch(actor, change, from === 0 ? missingPillars(actor, data) : [], batch, cache), { partOf: group }),
      );
      report.created += counts.created;
      report.updated += counts.updated;
      report.unchanged += counts.unchanged;
      report.orphaned += counts.orphaned;
      report.pillarsCreated.push(...counts.pillarsCreated);
      opts.onBatch?.(Math.min(from + size, data.annotations.length), data.annotations.length);
      await nextTurn();
    }
  } finally {
    done();
  }
  return report;
}

type Counts = Omit<ImportReport, 'annotations'>;

/** One batch's writes, inside its journaledChange: the missing pillars (first batch), then annotations. */
function writeBatch(actor: Actor, change: Change, pillars: AnnotationsFileData['pillars'], annotations: AnnotationsFileData['annotations'], cache: Map<string, AnchorStatement[]>): Counts {
  const now = change.at;
  const report: Counts = { created: 0, updated: 0, unchanged: 0, orphaned: 0, pillarsCreated: [] };
  // Parents first, so that a sub-pillar's parent exists when it is written.
  const pending = [...pillars];
  const order: typeof pending = [];
  while (pending.length) {
    const i = pending.findIndex((p) => p.parentId === null || !pending.some((q) => q.id === p.parentId));
    order.push(...pending.splice(i < 0 ? 0 : i, 1));
  }
  for (const p of order) {
    const before = change.touch(PILLAR, p.id);
    const position = (actor.db.prepare('SELECT COUNT(*) AS n FROM pillars WHERE parent_id IS ? AND deleted_at IS NULL').get(p.parentId) as { n: number }).n;
    const after: PillarSnapshot = { ...p, color: p.color.toLowerCase(), position, isDefault: before?.isDefault ?? false, createdAt: before?.createdAt ?? now, updatedAt: now, deletedAt: null };
    writePillar(actor.db, before, after);
    report.pillarsCreated.push(p.id);
  }
  for (const a of annotations) {
    const local = change.current(ANNOTATION, a.id);
    const decision = decideIncoming(local, a);
    if (decision.kind === 'unchanged') {
      report.unchanged++;
      continue;
    }
    change.touch(ANNOTATION, a.id);
    if (decision.kind === 'update') {
      writeAnnotation(actor.db, local, { ...local!, ...decision.content, updatedAt: a.updatedAt, deletedAt: null });
      report.updated++;
      continue;
    }
    const where = placed(actor, a, cache);
    const after: AnnotationSnapshot = { id: a.id, documentId: a.documentId, ...where, ...decision.content, author: a.author, createdAt: a.createdAt, updatedAt: a.updatedAt, deletedAt: null };
    writeAnnotation(actor.db, null, after);
    report.created++;
    if (after.orphaned) report.orphaned++;
  }
  return report;
}
