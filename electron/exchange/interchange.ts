// Reading any interchange file this app writes, the format found from the content (not the name):
// a zip with a bundle manifest, the JSON exchange file, or W3C Web Annotation JSON-LD. Every one
// is checked whole before anything is written, and reported in the same counts.
import type { InterchangeReport } from '../../shared/api/interchange';
import { ANNOTATIONS_FILE_FORMAT } from '../../shared/annotations';
import { AppError } from '../../shared/errors';
import type { Actor } from '../journal/actor';
import { parseJsonText } from '../files/json';
import { importAnnotationsData, parseAnnotationsFile, previewAnnotationsData, type ImportReport } from './annotations-file';
import { importBundle, previewBundle, readBundle, type BundleReport } from './bundle';
import { mapWebAnnotations } from './webanno';

export type InterchangeFormat = 'json' | 'webanno' | 'bundle' | 'qdpx';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

function unreadable(file: string, en: string, ja: string): AppError {
  return new AppError('bad-input', { ja: `注釈ファイル ${file} は読み込めません: ${ja}`, en: `The annotations file ${file} cannot be imported: ${en}` }, { subject: file });
}

function isZip(bytes: Uint8Array): boolean {
  return ZIP_MAGIC.every((b, i) => bytes[i] === b);
}

/** The JSON value of a text file, or a clear refusal (not UTF-8, not JSON). */
function jsonOf(file: string, bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw unreadable(file, 'it is neither a zip archive nor UTF-8 text', 'zip でも UTF-8 のテキストでもありません');
  }
  return parseJsonText(file, text, (detail) => unreadable(file, detail.en, detail.ja));
}

export function detectFormat(file: string, bytes: Uint8Array): { format: InterchangeFormat; json: unknown } {
  if (isZip(bytes)) {
    // A REFI-QDA project holds project.qde; a bundle, manifest.json. Names only: the reader checks the rest.
    const text = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 4096)));
    if (text.includes('project.qde')) return { format: 'qdpx', json: null };
    return { format: 'bundle', json: null };
  }
  const json = jsonOf(file, bytes);
  const head = json as { format?: unknown; '@context'?: unknown; type?: unknown } | null;
  if (typeof head === 'object' && head !== null && !Array.isArray(head)) {
    if (head.format === ANNOTATIONS_FILE_FORMAT) return { format: 'json', json };
    if (head['@context'] !== undefined || head.type !== undefined) return { format: 'webanno', json };
  }
  throw unreadable(
    file,
    `the format is not recognised (expected the workbench's exchange file with "format": "${ANNOTATIONS_FILE_FORMAT}", Web Annotation JSON-LD, or a workspace bundle)`,
    `形式が分かりません（ワークベンチの注釈ファイル、Web Annotation JSON-LD、ワークスペースのバンドルのいずれか）`,
  );
}

function fromAnnotations(format: 'json' | 'webanno', dryRun: boolean, r: ImportReport, skipped: InterchangeReport['skipped']): InterchangeReport {
  return { format, dryRun, annotations: r.annotations + skipped.length, added: r.created, updated: r.updated, unchanged: r.unchanged, conflicts: 0, orphaned: r.orphaned, pillarsAdded: r.pillarsCreated, skipped, bundle: null };
}

export function fromBundle(r: BundleReport): InterchangeReport {
  const a = r.annotations;
  return { format: 'bundle', dryRun: r.dryRun, annotations: r.manifest.counts.annotations, added: a.added, updated: a.updated, unchanged: a.unchanged, conflicts: a.conflicts, orphaned: 0, pillarsAdded: [], skipped: r.skipped, bundle: r };
}

/** Reads, checks and (unless dryRun) imports one file; `file` names it in messages and the undo label. */
export async function importInterchange(actor: Actor, file: string, bytes: Uint8Array, opts: { dryRun?: boolean } = {}): Promise<InterchangeReport> {
  const dryRun = !!opts.dryRun;
  const { format, json } = detectFormat(file, bytes);
  if (format === 'qdpx') {
    throw unreadable(file, 'it is a REFI-QDA project (.qdpx): import it as a REFI-QDA project (its own preview maps codes to pillars)', 'REFI-QDA プロジェクト（.qdpx）です。REFI-QDA の読み込み（コードと柱の対応を確認するプレビュー付き）で読み込んでください');
  }
  if (format === 'bundle') {
    const data = readBundle(file, bytes);
    return fromBundle(dryRun ? previewBundle(actor, data) : await importBundle(actor, file, data));
  }
  if (format === 'json') {
    const data = parseAnnotationsFile(file, bytes);
    return fromAnnotations('json', dryRun, dryRun ? previewAnnotationsData(actor, file, data) : await importAnnotationsData(actor, file, data), []);
  }
  const { data, skipped } = mapWebAnnotations(actor, file, json);
  return fromAnnotations('webanno', dryRun, dryRun ? previewAnnotationsData(actor, file, data) : await importAnnotationsData(actor, file, data), skipped);
}
