// Moving the analyst's work between machines without a network: a versioned JSON file of
// annotations and the pillars they use. Import is all or nothing, undoable, and re-anchors.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { anchorAnnotation, describeRange, type AnchorStatement } from '../../shared/anchor';
import { ANNOTATIONS_FILE_FORMAT, ANNOTATIONS_FILE_VERSION, type Annotation } from '../../shared/annotations';
import { AppError } from '../../shared/errors';
import { PILLAR_COLOR_RE } from '../../shared/pillars';
import { nowOf, type Actor } from '../journal/actor';
import { journaledChange, type Change } from '../journal/change';
import { ANNOTATION, writeAnnotation, type AnnotationSnapshot } from '../annotate/annotation-rows';
import { cleanTags, listAnnotations } from '../annotate/annotations';
import { writeFileAtomic } from '../export/write';
import { findPillar, listPillars, PILLAR, writePillar, type PillarSnapshot } from '../annotate/pillar-rows';

const MAX_FILE_BYTES = 200 * 1024 * 1024;

const FilePillar = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/),
  nameJa: z.string().min(1).max(120),
  nameEn: z.string().min(1).max(120),
  descriptionJa: z.string().max(2000).default(''),
  descriptionEn: z.string().max(2000).default(''),
  color: z.string().regex(PILLAR_COLOR_RE),
  parentId: z.string().nullable().default(null),
  archived: z.boolean().default(false),
});

const FileAnnotation = z.object({
  id: z.string().regex(/^[\p{L}\p{N}_.:-]{1,200}$/u),
  documentId: z.string().min(1).max(200),
  statementId: z.string().min(1).max(200),
  target: z.object({
    scope: z.enum(['span', 'statement']),
    quote: z.object({ exact: z.string().min(1).max(100_000), prefix: z.string().max(1000), suffix: z.string().max(1000) }),
    position: z.object({ start: z.number().int().min(0), end: z.number().int().min(0) }),
    docStart: z.number().int().min(0),
    docEnd: z.number().int().min(0),
  }),
  orphaned: z.boolean().default(false),
  comment: z.string().max(20_000),
  tags: z.array(z.string().max(64)).max(50),
  pillarIds: z.array(z.string()).max(50),
  importance: z.number().int().min(1).max(3).nullable(),
  author: z.string().min(1).max(200),
  createdAt: z.string().min(1),
  updatedAt: z.string().min(1),
});

const AnnotationsFile = z.object({
  format: z.literal(ANNOTATIONS_FILE_FORMAT),
  version: z.literal(ANNOTATIONS_FILE_VERSION),
  exportedAt: z.string(),
  exportedBy: z.string(),
  pillars: z.array(FilePillar),
  annotations: z.array(FileAnnotation),
});
export type AnnotationsFileData = z.infer<typeof AnnotationsFile>;

function badFile(file: string, detail: { ja: string; en: string }, hint?: { ja: string; en: string }): AppError {
  return new AppError('bad-input', { ja: `注釈ファイル ${file} は読み込めません: ${detail.ja}`, en: `The annotations file ${file} cannot be imported: ${detail.en}` }, { subject: file, hint });
}

export interface ExportOptions {
  path: string;
  overwrite?: boolean;
  documentId?: string;
  pillarId?: string;
  appVersion?: string;
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

export function exportAnnotations(actor: Actor, opts: ExportOptions): { path: string; annotations: number; bytes: number } {
  const data = buildExport(actor, opts);
  // The same safe writer as briefing exports: temp file, fsync, no overwrite without asking, no debris.
  const written = writeFileAtomic(opts.path, new TextEncoder().encode(`${JSON.stringify(data, null, 2)}\n`), { force: !!opts.overwrite });
  return { path: written.path, annotations: data.annotations.length, bytes: written.bytes };
}

/** Reads and validates a file: every problem is reported before anything is written. */
export function readAnnotationsFile(file: string): AnnotationsFileData {
  let text: string;
  try {
    const stat = fs.statSync(file);
    if (stat.size > MAX_FILE_BYTES) throw badFile(file, { ja: `大きすぎます（${stat.size} バイト）`, en: `too large (${stat.size} bytes)` });
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof AppError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new AppError('io', { ja: `注釈ファイル ${file} を読めません（${code}）。`, en: `Cannot read the annotations file ${file} (${code}).` }, { subject: file, cause: e });
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw badFile(file, { ja: `JSON として不正です（${(e as Error).message}）`, en: `not valid JSON (${(e as Error).message})` });
  }
  const head = data as { format?: unknown; version?: unknown } | null;
  if (typeof head !== 'object' || head === null || head.format !== ANNOTATIONS_FILE_FORMAT) {
    throw badFile(file, { ja: `ワークベンチの注釈ファイルではありません（format が "${ANNOTATIONS_FILE_FORMAT}" ではない）`, en: `not a workbench annotations file (format is not "${ANNOTATIONS_FILE_FORMAT}")` });
  }
  if (typeof head.version === 'number' && head.version > ANNOTATIONS_FILE_VERSION) {
    throw badFile(
      file,
      { ja: `新しい形式（バージョン ${head.version}）で書かれています。このアプリはバージョン ${ANNOTATIONS_FILE_VERSION} まで読めます`, en: `it was written in a newer format (version ${head.version}); this app reads up to version ${ANNOTATIONS_FILE_VERSION}` },
      { ja: 'ワークベンチを更新してから読み込んでください。', en: 'Update the workbench, then import again.' },
    );
  }
  const parsed = AnnotationsFile.safeParse(data);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`)
      .join('; ');
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

export function importAnnotations(actor: Actor, file: string): ImportReport {
  const data = readAnnotationsFile(file);
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
  const label = (report: ImportReport) => ({
    ja: `注釈を読み込み（${path.basename(file)}、${report.created + report.updated} 件）`,
    en: `Import annotations (${path.basename(file)}, ${report.created + report.updated})`,
  });
  return journaledChange(actor, 'annotation.import', label, (change: Change) => {
      const now = change.at;
      const report: ImportReport = { annotations: data.annotations.length, created: 0, updated: 0, unchanged: 0, orphaned: 0, pillarsCreated: [] };
      // Parents first, so that a sub-pillar's parent exists when it is written.
      const pending = data.pillars.filter((p) => !findPillar(actor.db, p.id) || findPillar(actor.db, p.id)!.deletedAt !== null);
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
      const cache = new Map<string, AnchorStatement[]>();
      for (const a of data.annotations) {
        const local = change.current(ANNOTATION, a.id);
        const content = { comment: a.comment.replace(/\r\n?/g, '\n'), tags: cleanTags(a.tags), pillarIds: [...new Set(a.pillarIds)].sort(), importance: a.importance };
        if (local) {
          const same = local.deletedAt === null && JSON.stringify({ c: local.comment, t: local.tags, p: [...local.pillarIds].sort(), i: local.importance }) === JSON.stringify({ c: content.comment, t: content.tags, p: content.pillarIds, i: content.importance });
          // The newer edit wins; an older copy of the same annotation changes nothing here.
          if (same || local.updatedAt >= a.updatedAt) {
            report.unchanged++;
            continue;
          }
          const after: AnnotationSnapshot = { ...local, ...content, updatedAt: a.updatedAt, deletedAt: null };
          change.touch(ANNOTATION, a.id);
          writeAnnotation(actor.db, local, after);
          report.updated++;
          continue;
        }
        const where = placed(actor, a, cache);
        const after: AnnotationSnapshot = { id: a.id, documentId: a.documentId, ...where, ...content, author: a.author, createdAt: a.createdAt, updatedAt: a.updatedAt, deletedAt: null };
        change.touch(ANNOTATION, a.id);
        writeAnnotation(actor.db, null, after);
        report.created++;
        if (after.orphaned) report.orphaned++;
      }
      return report;
  });
}
