// Importing a REFI-QDA project: a plan first (what will be added, matched and left alone, with
// reasons), then the import. Codes become pillars (matched by GUID, then by name under the same
// parent), codes under 「タグ / Tags」 become tags; text sources attach to the document with the same
// text (or the same GUID) and otherwise become imported documents with their .txt as the original;
// selections become annotations, placed by position when the text is the same, by quote (then
// fuzzily) when it differs, and kept as orphans when they cannot be placed. Documents, pillars and
// annotations are one journaled change in one transaction (one undo, one redo): a failed import
// leaves nothing behind, and a crash leaves either nothing or what the next start completes.
import crypto from 'node:crypto';
import path from 'node:path';
import { anchorAnnotation, describeRange, type AnchorStatement } from '../../../shared/anchor';
import type { AnchorMethod, AnnotationTarget } from '../../../shared/annotations';
import { AppError, type LocalizedText } from '../../../shared/errors';
import { PILLAR_ID_RE, type Pillar } from '../../../shared/pillars';
import type { Actor } from '../../journal/actor';
import type { Change } from '../../journal/change';
import { ANNOTATION, writeAnnotation, type AnnotationSnapshot } from '../../annotate/annotation-rows';
import { cleanTags } from '../../annotate/annotations';
import { findPillar, listPillars, PILLAR, writePillar, type PillarSnapshot } from '../../annotate/pillar-rows';
import { PALETTE } from '../../annotate/pillars';
import { isReadSource, journaledImport, readSource, writeImport, type ReadSource } from '../../import/import';
import { sha256Hex } from '../../import/originals';
import { APP_ORIGIN, EN_DESCRIPTION_MARK, ID_MARK, PILLARS_ROOT_NAME, pillarCodeName, TAGS_ROOT_NAME } from './export';
import { guidOf } from './guid';
import { codePointOffsets } from './positions';
import type { QdaCode, QdaProject, QdaSelection, QdaSource } from './read';

/** The API's own limits (shared/api/annotations.ts): an import holds nothing the API would refuse. */
const MAX_COMMENT = 20_000;
const MAX_LINKS = 50;
const MAX_PILLAR_NAME = 120;
const MAX_PILLAR_DESCRIPTION = 2000;

export interface PlanItem {
  guid: string;
  name: string;
  /** The pillar, tag or document it maps to, when it maps to one. */
  target: string | null;
  reason: LocalizedText;
}

export interface QdaPlanReport {
  fileName: string;
  format: 'qdpx' | 'qdc';
  origin: string;
  codes: { added: PlanItem[]; matched: PlanItem[]; tags: PlanItem[]; leftAlone: PlanItem[] };
  sources: { added: PlanItem[]; matched: PlanItem[]; leftAlone: PlanItem[] };
  selections: {
    total: number;
    /** New annotations (placed or orphaned). */
    added: number;
    /** Already here from an earlier import or export: left alone. */
    matched: number;
    /** Of the added, in sources matched to a known document: placed now, by method. */
    placed: number;
    orphaned: number;
    /** Of the added, in sources that become new documents: placed once the document exists. */
    inNewDocuments: number;
    /** Placed on the first statement they touch (a selection over several statements). */
    clipped: number;
    leftAlone: PlanItem[];
  };
}

export interface QdaImportReport extends QdaPlanReport {
  documentsCreated: string[];
  pillarsCreated: string[];
  annotationsCreated: number;
}

function refuse(fileName: string, ja: string, en: string): AppError {
  return new AppError('bad-input', { ja: `${fileName}: ${ja}`, en: `${fileName}: ${en}` }, { subject: fileName });
}

const r = (ja: string, en: string): LocalizedText => ({ ja, en });

/** The key two texts share when they are the same document: line ends, Unicode form and edges ignored. */
export function textKey(text: string): string {
  return crypto.createHash('sha256').update(text.replace(/\r\n?/g, '\n').normalize('NFC').trim()).digest('hex');
}

type CodeRole = { kind: 'pillars-root' } | { kind: 'tags-root' } | { kind: 'tag'; tag: string } | { kind: 'pillar'; pillarId: string; create: PillarSnapshot | null };

interface SourcePlan {
  source: QdaSource;
  action: 'match' | 'add' | 'leave';
  documentId: string | null;
}

interface Plan {
  report: QdaPlanReport;
  roles: Map<string, CodeRole>;
  newPillars: PillarSnapshot[];
  sources: SourcePlan[];
  existingAnnotationGuids: Set<string>;
}

function pillarNames(code: QdaCode, own: boolean): { nameJa: string; nameEn: string; descriptionJa: string; descriptionEn: string; id: string | null } {
  let nameJa = code.name;
  let nameEn = code.name;
  let descriptionJa = code.description;
  let descriptionEn = '';
  let id: string | null = null;
  // Our own export joins both names with " / ", marks the English description and ends with the
  // pillar's id; split them back.
  if (own) {
    const idAt = descriptionJa.lastIndexOf(ID_MARK.trim());
    if (idAt >= 0) {
      const found = descriptionJa.slice(idAt + ID_MARK.trim().length).trim();
      if (PILLAR_ID_RE.test(found)) id = found;
      descriptionJa = descriptionJa.slice(0, idAt).trim();
    }
    const cut = code.name.indexOf(' / ');
    if (cut > 0 && cut < code.name.length - 3) {
      nameJa = code.name.slice(0, cut);
      nameEn = code.name.slice(cut + 3);
    }
    const mark = descriptionJa.indexOf(EN_DESCRIPTION_MARK.trim());
    if (mark >= 0) {
      descriptionEn = descriptionJa.slice(mark + EN_DESCRIPTION_MARK.trim().length).trim();
      descriptionJa = descriptionJa.slice(0, mark).trim();
    }
  }
  const clip = (s: string, n: number) => Array.from(s).slice(0, n).join('').slice(0, n);
  return { id, nameJa: clip(nameJa, MAX_PILLAR_NAME), nameEn: clip(nameEn, MAX_PILLAR_NAME), descriptionJa: clip(descriptionJa, MAX_PILLAR_DESCRIPTION), descriptionEn: clip(descriptionEn, MAX_PILLAR_DESCRIPTION) };
}

function planCodes(actor: Actor, project: QdaProject, at: string, report: QdaPlanReport): { roles: Map<string, CodeRole>; newPillars: PillarSnapshot[] } {
  const own = project.origin === APP_ORIGIN;
  const live = listPillars(actor.db);
  const byGuid = new Map(live.map((p) => [guidOf.pillar(p.id), p]));
  const roles = new Map<string, CodeRole>();
  const newPillars: PillarSnapshot[] = [];
  const taken = new Set<string>();
  const nameKey = (s: string) => s.normalize('NFC').trim();
  const sameName = (p: Pick<Pillar, 'nameJa' | 'nameEn'>, name: string) => [pillarCodeName(p), p.nameJa, p.nameEn].some((n) => nameKey(n) === nameKey(name));
  const siblingCount = new Map<string | null, number>();
  for (const code of project.codes) {
    const parent = code.parentGuid ? roles.get(code.parentGuid) : undefined;
    if (code.depth === 0 && (code.guid === guidOf.pillarsRoot() || code.name === PILLARS_ROOT_NAME)) {
      roles.set(code.guid, { kind: 'pillars-root' });
      report.codes.leftAlone.push({ guid: code.guid, name: code.name, target: null, reason: r('政策の柱の親コード（柱はその下位）', 'the pillars parent code (its children are the pillars)') });
      continue;
    }
    if (code.depth === 0 && (code.guid === guidOf.tagsRoot() || code.name === TAGS_ROOT_NAME)) {
      roles.set(code.guid, { kind: 'tags-root' });
      report.codes.leftAlone.push({ guid: code.guid, name: code.name, target: null, reason: r('タグの親コード（下位のコードはタグ）', 'the tags parent code (its children are tags)') });
      continue;
    }
    if (parent && (parent.kind === 'tags-root' || parent.kind === 'tag')) {
      const tag = code.name.normalize('NFC').trim().replace(/\s+/g, ' ');
      roles.set(code.guid, { kind: 'tag', tag });
      report.codes.tags.push({ guid: code.guid, name: code.name, target: tag, reason: r('「タグ / Tags」の下のコード: タグになります', 'a code under 「タグ / Tags」: becomes a tag') });
      continue;
    }
    const parentPillarId = parent?.kind === 'pillar' ? parent.pillarId : null;
    const guidMatch = byGuid.get(code.guid);
    const nameMatch = guidMatch ? undefined : live.find((p) => p.parentId === parentPillarId && sameName(p, code.name));
    const match = guidMatch ?? nameMatch;
    if (match) {
      roles.set(code.guid, { kind: 'pillar', pillarId: match.id, create: null });
      report.codes.matched.push({ guid: code.guid, name: code.name, target: match.id, reason: guidMatch ? r('GUID が一致する柱', 'a pillar with the same GUID') : r('同じ名前の柱（同じ親の下）', 'a pillar with the same name (under the same parent)') });
      continue;
    }
    const { id: ownId, ...names } = pillarNames(code, own);
    const base =
      names.nameEn
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 40) || `qda-${code.guid.slice(0, 8)}`;
    // The workbench's own id comes back when it is free here; otherwise one is made from the name.
    // A slug without a word in it ("1-2" from 「供給網-1-2」) says nothing: the GUID's start does better.
    const readable = PILLAR_ID_RE.test(base) && /[a-z]{2}/.test(base);
    let id = ownId && !taken.has(ownId) && !findPillar(actor.db, ownId) ? ownId : readable ? base : `qda-${code.guid.slice(0, 8)}`;
    const stem = id;
    for (let n = 2; taken.has(id) || findPillar(actor.db, id); n++) id = `${stem.slice(0, 36)}-${n}`;
    taken.add(id);
    const position = siblingCount.get(parentPillarId) ?? (actor.db.prepare('SELECT COUNT(*) AS n FROM pillars WHERE parent_id IS ? AND deleted_at IS NULL').get(parentPillarId) as { n: number }).n;
    siblingCount.set(parentPillarId, position + 1);
    const snapshot: PillarSnapshot = {
      id,
      ...names,
      color: code.color ?? PALETTE[(live.length + newPillars.length) % PALETTE.length],
      position,
      parentId: parentPillarId,
      isDefault: false,
      archived: false,
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
    };
    newPillars.push(snapshot);
    roles.set(code.guid, { kind: 'pillar', pillarId: id, create: snapshot });
    report.codes.added.push({
      guid: code.guid,
      name: code.name,
      target: id,
      reason: code.isCodable ? r('新しい柱になります', 'becomes a new pillar') : r('新しい柱（まとめ用、コード付け不可）になります', 'becomes a new (grouping, non-codable) pillar'),
    });
  }
  return { roles, newPillars };
}

function planSources(actor: Actor, project: QdaProject, report: QdaPlanReport): SourcePlan[] {
  const docs = actor.db.prepare('SELECT id, text FROM documents').all() as { id: string; text: string }[];
  const byGuid = new Map(docs.map((d) => [guidOf.document(d.id), d.id]));
  const byText = new Map<string, string>();
  for (const d of docs) if (!byText.has(textKey(d.text))) byText.set(textKey(d.text), d.id);
  const bySha = actor.db.prepare('SELECT r.document_id AS id FROM import_records r JOIN documents d ON d.id = r.document_id WHERE r.sha256 = ? ORDER BY r.version DESC LIMIT 1');
  const plans: SourcePlan[] = [];
  for (const source of project.sources) {
    const item = (target: string | null, reason: LocalizedText): PlanItem => ({ guid: source.guid, name: source.name, target, reason });
    if (source.text === null || source.original === null) {
      plans.push({ source, action: 'leave', documentId: null });
      report.sources.leftAlone.push(item(null, r(`テキスト以外の資料（${source.kind}）は取り込みません`, `not a text source (${source.kind}); not imported`)));
      continue;
    }
    if (!source.text.trim()) {
      plans.push({ source, action: 'leave', documentId: null });
      report.sources.leftAlone.push(item(null, r('本文が空です', 'its text is empty')));
      continue;
    }
    const guidDoc = byGuid.get(source.guid);
    const textDoc = byText.get(textKey(source.text));
    const shaDoc = (bySha.get(sha256Hex(source.original)) as { id: string } | undefined)?.id;
    const documentId = guidDoc ?? textDoc ?? shaDoc ?? null;
    if (documentId) {
      plans.push({ source, action: 'match', documentId });
      report.sources.matched.push(
        item(documentId, guidDoc ? r('GUID が一致する文書', 'the document with the same GUID') : textDoc ? r('本文が同じ文書', 'the document with the same text') : r('同じファイルから取り込み済みの文書', 'the document imported from the same file')),
      );
      continue;
    }
    plans.push({ source, action: 'add', documentId: null });
    report.sources.added.push(item(null, r('新しい取り込み文書になります（原本は .txt）', 'becomes a new imported document (its .txt kept as the original)')));
  }
  return plans;
}

function isoOr(value: string | null, fallback: string): string {
  if (!value) return fallback;
  const t = Date.parse(value);
  return Number.isFinite(t) ? new Date(t).toISOString() : fallback;
}

/** What an incoming selection becomes, apart from where it is placed; refuses what the API would. */
function contentOf(project: QdaProject, sel: QdaSelection, roles: Map<string, CodeRole>): { comment: string; tags: string[]; pillarIds: string[] } {
  const comment = [sel.description, ...sel.notes].filter((t) => t.length > 0).join('\n\n').replace(/\r\n?/g, '\n');
  if (comment.length > MAX_COMMENT) {
    throw refuse(project.fileName, `選択範囲 ${sel.guid} のメモが長すぎます（${MAX_COMMENT} 文字まで）。`, `the memo of selection ${sel.guid} is too long (at most ${MAX_COMMENT} characters).`);
  }
  const pillarIds: string[] = [];
  const rawTags: string[] = [];
  for (const g of sel.codeGuids) {
    const role = roles.get(g);
    if (role?.kind === 'pillar' && !pillarIds.includes(role.pillarId)) pillarIds.push(role.pillarId);
    if (role?.kind === 'tag') rawTags.push(role.tag);
  }
  let tags: string[];
  try {
    tags = cleanTags(rawTags);
  } catch (e) {
    throw refuse(project.fileName, `選択範囲 ${sel.guid}: ${(e as AppError).localized?.ja ?? ''}`, `selection ${sel.guid}: ${(e as Error).message}`);
  }
  if (pillarIds.length > MAX_LINKS || tags.length > MAX_LINKS) {
    throw refuse(project.fileName, `選択範囲 ${sel.guid} のコードが多すぎます（柱・タグそれぞれ ${MAX_LINKS} 個まで）。`, `selection ${sel.guid} has too many codes (at most ${MAX_LINKS} pillars and ${MAX_LINKS} tags).`);
  }
  return { comment, tags, pillarIds: pillarIds.sort() };
}

function planReport(project: QdaProject): QdaPlanReport {
  return {
    fileName: path.basename(project.fileName),
    format: project.format,
    origin: project.origin,
    codes: { added: [], matched: [], tags: [], leftAlone: [] },
    sources: { added: [], matched: [], leftAlone: [] },
    selections: { total: 0, added: 0, matched: 0, placed: 0, orphaned: 0, inNewDocuments: 0, clipped: 0, leftAlone: [] },
  };
}

interface Placement {
  statementId: string;
  target: AnnotationTarget;
  orphaned: boolean;
  anchoredBy: AnchorMethod;
  clipped: boolean;
}

function statementsOf(actor: Actor, documentId: string): AnchorStatement[] {
  return actor.db.prepare('SELECT id, text, start_offset AS start FROM statements WHERE document_id = ? ORDER BY ordinal').all(documentId) as AnchorStatement[];
}

/**
 * Where a selection's text sits in a document: at the same offsets when the text is the same,
 * else at the occurrence of its quote nearest to where it was, else by fuzzy match on the
 * statements, else an orphan on the document's first statement (kept, shown, never dropped).
 */
export function placeSelection(docText: string, statements: readonly AnchorStatement[], sourceText: string, table: Uint32Array, sel: QdaSelection): Placement | null {
  let us = table[sel.start];
  let ue = table[sel.end];
  while (us < ue && /\s/.test(sourceText[us])) us++;
  while (ue > us && /\s/.test(sourceText[ue - 1])) ue--;
  if (us === ue) return null;
  const exact = sourceText.slice(us, ue);
  let docStart = -1;
  let method: AnchorMethod = 'created';
  if (docText.slice(us, ue) === exact) docStart = us;
  else {
    const expected = sourceText.length ? (us * docText.length) / sourceText.length : 0;
    let best = -1;
    for (let i = docText.indexOf(exact); i !== -1; i = docText.indexOf(exact, i + 1)) if (best < 0 || Math.abs(i - expected) < Math.abs(best - expected)) best = i;
    if (best >= 0) {
      docStart = best;
      method = 'quote';
    }
  }
  const orphanOn = statements[0];
  if (docStart < 0) {
    const context = 32;
    const found = anchorAnnotation(
      {
        statementId: '',
        target: { scope: 'span', quote: { exact, prefix: sourceText.slice(Math.max(0, us - context), us), suffix: sourceText.slice(ue, ue + context) }, position: { start: 0, end: 0 }, docStart: us, docEnd: ue },
      },
      statements,
    );
    if (found) {
      const s = statements.find((x) => x.id === found.statementId)!;
      docStart = s.start + found.start;
      ue = docStart + (found.end - found.start);
      us = docStart;
      method = found.method === 'position' ? 'created' : found.method;
    } else {
      if (!orphanOn) return null;
      const quote = exact.slice(0, 100_000);
      return {
        statementId: orphanOn.id,
        target: { scope: 'span', quote: { exact: quote, prefix: '', suffix: '' }, position: { start: 0, end: quote.length }, docStart: 0, docEnd: quote.length },
        orphaned: true,
        anchoredBy: 'orphaned',
        clipped: false,
      };
    }
  } else {
    ue = docStart + exact.length;
  }
  // The statement the selection starts in (or the next one, when it starts between statements).
  const s = statements.find((x) => x.start + x.text.length > docStart);
  if (!s) return null;
  const start = Math.max(0, docStart - s.start);
  const end = Math.min(s.text.length, ue - s.start);
  if (end <= start) return null;
  const { quote, position } = describeRange(s.text, start, end);
  const whole = start === 0 && end === s.text.length;
  if (whole) {
    quote.prefix = '';
    quote.suffix = '';
  }
  return {
    statementId: s.id,
    target: { scope: whole ? 'statement' : 'span', quote, position, docStart: s.start + start, docEnd: s.start + end },
    orphaned: false,
    anchoredBy: method,
    clipped: ue - s.start > s.text.length,
  };
}

function buildPlan(actor: Actor, project: QdaProject, at: string): Plan {
  const report = planReport(project);
  const { roles, newPillars } = planCodes(actor, project, at, report);
  const sources = planSources(actor, project, report);
  const ids = actor.db.prepare('SELECT id FROM annotations WHERE deleted_at IS NULL').all() as { id: string }[];
  const existingAnnotationGuids = new Set(ids.flatMap((a) => [guidOf.annotation(a.id), a.id]));
  for (const sp of sources) {
    report.selections.total += sp.source.selections.length;
    if (sp.action === 'leave') {
      for (const sel of sp.source.selections) report.selections.leftAlone.push({ guid: sel.guid, name: sel.name ?? '', target: null, reason: r('資料を取り込まないため', 'its source is not imported') });
      continue;
    }
    const statements = sp.documentId ? statementsOf(actor, sp.documentId) : [];
    const docText = sp.documentId ? (actor.db.prepare('SELECT text FROM documents WHERE id = ?').get(sp.documentId) as { text: string }).text : '';
    const table = codePointOffsets(sp.source.text!);
    for (const sel of sp.source.selections) {
      // Checked for every selection, so a refusal comes before anything is written.
      contentOf(project, sel, roles);
      if (existingAnnotationGuids.has(sel.guid) || existingAnnotationGuids.has(`qda-${sel.guid}`)) {
        report.selections.matched++;
        continue;
      }
      if (sel.start === sel.end) {
        report.selections.leftAlone.push({ guid: sel.guid, name: sel.name ?? '', target: null, reason: r('空の選択範囲（開始＝終了）', 'an empty selection (start = end)') });
        continue;
      }
      if (!sp.documentId) {
        report.selections.added++;
        report.selections.inNewDocuments++;
        continue;
      }
      const placed = placeSelection(docText, statements, sp.source.text!, table, sel);
      if (!placed) {
        report.selections.leftAlone.push({ guid: sel.guid, name: sel.name ?? '', target: null, reason: r('空白だけの選択範囲', 'the selection holds only white space') });
        continue;
      }
      report.selections.added++;
      if (placed.orphaned) report.selections.orphaned++;
      else report.selections.placed++;
      if (placed.clipped) report.selections.clipped++;
    }
  }
  return { report, roles, newPillars, sources, existingAnnotationGuids };
}

/** The dry run: everything the import would do, nothing written. */
export function previewQdaImport(actor: Actor, project: QdaProject): QdaPlanReport {
  return buildPlan(actor, project, new Date(0).toISOString()).report;
}

export interface QdaImportOptions {
  /** Where imported documents' originals are kept (default: beside the database). */
  originalsDir?: string;
}

/**
 * The import, as one journaled change: the new documents (read and extracted first, outside the
 * transaction), the pillars and the annotations, so one undo takes all of it back and one redo
 * brings all of it again.
 */
export async function importQdaProject(actor: Actor, project: QdaProject, opts: QdaImportOptions = {}): Promise<QdaImportReport> {
  // Planned (and every refusal raised) before anything is written.
  const plan = buildPlan(actor, project, new Date(0).toISOString());
  const reads = new Map<SourcePlan, ReadSource>();
  for (const sp of plan.sources) {
    if (sp.action !== 'add') continue;
    const stem = sp.source.name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').replace(/\.txt$/i, '').slice(0, 80) || sp.source.guid;
    const read = await readSource(actor.db, { fileName: `${stem}.txt`, bytes: sp.source.original!, title: sp.source.name.slice(0, 300), separate: true, originalsDir: opts.originalsDir });
    if (isReadSource(read)) reads.set(sp, read);
    else sp.documentId = read.documentId;
  }
  const documentsCreated: string[] = [];
  const label = (n: number): LocalizedText => ({ ja: `REFI-QDA を読み込み（${path.basename(project.fileName)}、注釈 ${n} 件）`, en: `Import REFI-QDA (${path.basename(project.fileName)}, ${n} annotations)` });
  const created = journaledImport<{ annotations: number }>(
    actor,
    'annotation.import',
    (n: { annotations: number }) => label(n.annotations),
    (change: Change, written) => {
      // Documents first (the library's rows and the workspace's records), then what points into them.
      for (const [sp, read] of reads) {
        const result = writeImport(change, read, written);
        if (result.status !== 'duplicate') documentsCreated.push(result.documentId);
        sp.documentId = result.documentId;
      }
      for (const p of plan.newPillars) {
        change.touch(PILLAR, p.id);
        writePillar(actor.db, null, { ...p, createdAt: change.at, updatedAt: change.at });
      }
      let annotations = 0;
      for (const sp of plan.sources) {
        if (sp.action === 'leave' || !sp.documentId) continue;
        const statements = statementsOf(actor, sp.documentId);
        const docText = (actor.db.prepare('SELECT text FROM documents WHERE id = ?').get(sp.documentId) as { text: string }).text;
        const table = codePointOffsets(sp.source.text!);
        for (const sel of sp.source.selections) {
          if (sel.start === sel.end || plan.existingAnnotationGuids.has(sel.guid) || plan.existingAnnotationGuids.has(`qda-${sel.guid}`)) continue;
          const placed = placeSelection(docText, statements, sp.source.text!, table, sel);
          if (!placed) continue;
          if (sp.action === 'add') {
            // Placed only now that the document exists: the plan counted these as "in new documents".
            if (placed.orphaned) plan.report.selections.orphaned++;
            else plan.report.selections.placed++;
            if (placed.clipped) plan.report.selections.clipped++;
          }
          const id = `qda-${sel.guid}`;
          const createdAt = isoOr(sel.createdAt, change.at);
          const after: AnnotationSnapshot = {
            id,
            documentId: sp.documentId,
            statementId: placed.statementId,
            target: placed.target,
            orphaned: placed.orphaned,
            anchoredBy: placed.anchoredBy,
            ...contentOf(project, sel, plan.roles),
            importance: null,
            author: (sel.userName?.trim() || actor.author).slice(0, 200),
            createdAt,
            updatedAt: isoOr(sel.modifiedAt, createdAt),
            deletedAt: null,
          };
          change.touch(ANNOTATION, id);
          writeAnnotation(actor.db, null, after);
          annotations++;
        }
      }
      return { annotations };
    },
    opts.originalsDir,
  );
  for (const item of plan.report.sources.added) item.target = plan.sources.find((sp) => sp.source.guid === item.guid)?.documentId ?? null;
  return {
    ...plan.report,
    documentsCreated,
    pillarsCreated: plan.newPillars.map((p) => p.id),
    annotationsCreated: created.annotations,
  };
}
