// Reading a REFI-QDA `.qdpx` project or `.qdc` code book as other tools write them (MAXQDA,
// ATLAS.ti, NVivo, QualCoder): `Sources/` or `sources/`, `internal://` or relative paths, inline
// PlainTextContent, deep code trees, CRLF counted as one or two. Everything is checked here, before
// any plan or write: a bad project is refused whole with a reason naming the part, GUID or position.
import { AppError } from '../../../shared/errors';
import { readZip, type ZipEntries } from '../../files/zip';
import { canonicalGuid } from './guid';
import { codePointOffsets, countedText, detectCrlfCounting, type CrlfCounting } from './positions';
import { childElement, childElements, parseXml, textOf, xmlBytesToText } from './xml';

/** Limits well above real projects (hundreds of codes, dozens of sources) and below an attack. */
export const QDA_LIMITS = { codes: 20_000, sources: 5_000, selections: 500_000, depth: 64, sourceBytes: 20 * 1024 * 1024 };

export interface QdaCode {
  guid: string;
  name: string;
  isCodable: boolean;
  /** `#rrggbb` (a `#rgb` colour is widened), or null. */
  color: string | null;
  description: string;
  parentGuid: string | null;
  depth: number;
}

export interface QdaSelection {
  guid: string;
  name: string | null;
  /** Code points into `QdaSource.text` (after the CRLF rule was applied). */
  start: number;
  end: number;
  description: string;
  notes: string[];
  codeGuids: string[];
  userName: string | null;
  createdAt: string | null;
  modifiedAt: string | null;
}

export interface QdaSource {
  guid: string;
  name: string;
  /** `TextSource`, or another kind (PDF, picture, audio, video) that is left alone. */
  kind: string;
  /** The text positions count in (a CRLF rule of 'one' means CRLF became LF); null for other kinds. */
  text: string | null;
  /** The source's own bytes (its .txt file, or the inline text as UTF-8): kept as the original. */
  original: Uint8Array | null;
  crlf: CrlfCounting;
  selections: QdaSelection[];
}

export interface QdaProject {
  fileName: string;
  format: 'qdpx' | 'qdc';
  name: string;
  origin: string;
  codes: QdaCode[];
  sources: QdaSource[];
}

function refuse(fileName: string, ja: string, en: string): AppError {
  return new AppError('bad-input', { ja: `${fileName}: ${ja}`, en: `${fileName}: ${en}` }, { subject: fileName });
}

const shown = (s: string) => s.slice(0, 80);

/** True when the bytes look like a REFI-QDA project (a zip holding project.qde) or code book / project XML. */
export function isQda(bytes: Uint8Array): boolean {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    try {
      return [...readZip(bytes, 'probe').keys()].some((n) => n.toLowerCase() === 'project.qde');
    } catch {
      return false;
    }
  }
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 4096)).replace(/^\uFEFF/, '');
  return /^\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*<(?:\w+:)?(CodeBook|Project)\b[^>]*urn:QDA-XML:/.test(head);
}

function attr(e: Element, name: string): string | null {
  return e.hasAttribute(name) ? e.getAttribute(name) : null;
}

function colorOf(value: string | null): string | null {
  if (!value) return null;
  const v = value.trim();
  if (/^#[0-9a-fA-F]{6}$/.test(v)) return v.toLowerCase();
  const m = /^#([0-9a-fA-F])([0-9a-fA-F])([0-9a-fA-F])$/.exec(v);
  return m ? `#${m[1]}${m[1]}${m[2]}${m[2]}${m[3]}${m[3]}`.toLowerCase() : null;
}

/** Every GUID in the project is unique (codes, sources, selections, codings, users, notes). */
class GuidRegistry {
  private readonly seen = new Map<string, string>();
  constructor(private readonly fileName: string) {}
  claim(raw: string | null, what: string): string {
    const guid = canonicalGuid(raw);
    if (!guid) throw refuse(this.fileName, `${what} の GUID「${shown(raw ?? '')}」が不正です。`, `${what} has an invalid GUID "${shown(raw ?? '')}".`);
    const earlier = this.seen.get(guid);
    if (earlier) throw refuse(this.fileName, `GUID ${guid} が重複しています（${earlier} と ${what}）。`, `GUID ${guid} is used twice (${earlier} and ${what}).`);
    this.seen.set(guid, what);
    return guid;
  }
}

function readCodes(fileName: string, codesEl: Element | undefined, guids: GuidRegistry): QdaCode[] {
  const out: QdaCode[] = [];
  const walk = (parent: Element, parentGuid: string | null, depth: number) => {
    if (depth > QDA_LIMITS.depth) throw refuse(fileName, `コードの入れ子が深すぎます（${QDA_LIMITS.depth} 段まで）。`, `codes are nested too deep (at most ${QDA_LIMITS.depth} levels).`);
    for (const c of childElements(parent, 'Code')) {
      const name = attr(c, 'name');
      if (!name?.trim()) throw refuse(fileName, 'コードに名前（name）がありません。', 'a code has no name.');
      const guid = guids.claim(attr(c, 'guid'), `code "${shown(name)}"`);
      out.push({
        guid,
        name: name.trim(),
        isCodable: attr(c, 'isCodable') !== 'false' && attr(c, 'isCodable') !== '0',
        color: colorOf(attr(c, 'color')),
        description: textOf(childElement(c, 'Description'))?.trim() ?? '',
        parentGuid,
        depth,
      });
      if (out.length > QDA_LIMITS.codes) throw refuse(fileName, `コードが多すぎます（${QDA_LIMITS.codes} 個まで）。`, `too many codes (at most ${QDA_LIMITS.codes}).`);
      walk(c, guid, depth + 1);
    }
  };
  if (codesEl) walk(codesEl, null, 0);
  return out;
}

/** Finds the file a source path names inside the package: `internal://x.txt`, `Sources/x.txt`, `sources/x.txt`, `x.txt`. */
function entryFor(fileName: string, entries: ZipEntries, lowerNames: Map<string, string>, sourcePath: string, sourceName: string): Uint8Array {
  const missing = () =>
    refuse(fileName, `資料「${shown(sourceName)}」のファイル「${shown(sourcePath)}」がパッケージにありません。`, `source "${shown(sourceName)}" points at "${shown(sourcePath)}", which is not in the package.`);
  let p = sourcePath.trim();
  if (/^(absolute|relative):\/\//i.test(p) || /^[a-zA-Z]:[\\/]/.test(p) || p.startsWith('/')) throw missing();
  p = p.replace(/^internal:\/\//i, '').replace(/^\.\//, '');
  if (p.includes('\\') || p.split('/').some((s) => s === '..')) {
    throw refuse(fileName, `資料「${shown(sourceName)}」のパス「${shown(sourcePath)}」はパッケージの外を指します。`, `source "${shown(sourceName)}" has a path outside the package ("${shown(sourcePath)}").`);
  }
  const tried = [p, `Sources/${p}`, `sources/${p}`];
  for (const t of tried) {
    const name = entries.has(t) ? t : lowerNames.get(t.toLowerCase());
    if (name && entries.has(name)) return entries.get(name)!();
  }
  throw missing();
}

function decodeSourceText(fileName: string, bytes: Uint8Array, sourceName: string): string {
  try {
    if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2));
    if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw refuse(fileName, `資料「${shown(sourceName)}」の本文が UTF-8 ではありません（REFI-QDA の本文は UTF-8 です）。`, `the text of source "${shown(sourceName)}" is not UTF-8 (REFI-QDA plain text is UTF-8).`);
  }
}

function integer(fileName: string, value: string | null, what: string): number {
  if (value === null || !/^\s*[+-]?\d{1,15}\s*$/.test(value)) throw refuse(fileName, `${what} が整数ではありません（「${shown(value ?? '')}」）。`, `${what} is not an integer ("${shown(value ?? '')}").`);
  return Number(value);
}

function readNotes(fileName: string, root: Element, entries: ZipEntries | null, lowerNames: Map<string, string>, guids: GuidRegistry): Map<string, string> {
  const notes = new Map<string, string>();
  const notesEl = childElement(root, 'Notes');
  if (!notesEl) return notes;
  for (const n of childElements(notesEl, 'Note')) {
    const name = attr(n, 'name') ?? '';
    const guid = guids.claim(attr(n, 'guid'), `note "${shown(name)}"`);
    let text = textOf(childElement(n, 'PlainTextContent'));
    const p = attr(n, 'plainTextPath');
    if (text === undefined && p && entries) text = decodeSourceText(fileName, entryFor(fileName, entries, lowerNames, p, name), name);
    notes.set(guid, (text ?? textOf(childElement(n, 'Description')) ?? '').trim());
  }
  return notes;
}

/** Parses and checks a `.qdpx` or `.qdc`; throws a bad-input refusal naming what is wrong. */
export function readQdaProject(bytes: Uint8Array, fileName: string): QdaProject {
  const zipped = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b;
  let entries: ZipEntries | null = null;
  let xmlBytes: Uint8Array;
  let part: string;
  const lowerNames = new Map<string, string>();
  if (zipped) {
    entries = readZip(bytes, fileName);
    for (const name of entries.keys()) lowerNames.set(name.toLowerCase(), name);
    const qde = lowerNames.get('project.qde');
    if (!qde) throw refuse(fileName, 'zip ファイルですが REFI-QDA プロジェクト（project.qde）がありません。', 'it is a zip archive but holds no REFI-QDA project (project.qde).');
    part = qde;
    xmlBytes = entries.get(qde)!();
  } else {
    part = fileName.replace(/^.*[\\/]/, '');
    xmlBytes = bytes;
  }
  const doc = parseXml(xmlBytesToText(xmlBytes, fileName, part), fileName, part);
  const root = doc.documentElement as Element;
  const guids = new GuidRegistry(fileName);
  if (root.localName === 'CodeBook') {
    return { fileName, format: 'qdc', name: fileName, origin: attr(root, 'origin') ?? '', codes: readCodes(fileName, childElement(root, 'Codes'), guids), sources: [] };
  }
  if (root.localName !== 'Project') {
    throw refuse(fileName, `REFI-QDA のプロジェクト／コードブックではありません（ルート要素 <${shown(root.localName ?? '')}>）。`, `not a REFI-QDA project or code book (root element <${shown(root.localName ?? '')}>).`);
  }
  const origin = attr(root, 'origin') ?? '';
  const users = new Map<string, string>();
  for (const u of childElements(childElement(root, 'Users') ?? root, 'User')) {
    const guid = guids.claim(attr(u, 'guid'), `user "${shown(attr(u, 'name') ?? '')}"`);
    users.set(guid, attr(u, 'name') ?? '');
  }
  const codes = readCodes(fileName, childElement(childElement(root, 'CodeBook') ?? root, 'Codes'), guids);
  const codeGuids = new Set(codes.map((c) => c.guid));
  const notes = readNotes(fileName, root, entries, lowerNames, guids);
  const sources: QdaSource[] = [];
  let selectionCount = 0;
  const sourcesEl = childElement(root, 'Sources');
  for (const s of sourcesEl ? childElements(sourcesEl) : []) {
    const name = (attr(s, 'name') ?? '').trim() || (attr(s, 'guid') ?? '');
    const guid = guids.claim(attr(s, 'guid'), `source "${shown(name)}"`);
    if (sources.length >= QDA_LIMITS.sources) throw refuse(fileName, `資料が多すぎます（${QDA_LIMITS.sources} 件まで）。`, `too many sources (at most ${QDA_LIMITS.sources}).`);
    if (s.localName !== 'TextSource') {
      sources.push({ guid, name, kind: s.localName ?? 'unknown', text: null, original: null, crlf: 'two', selections: [] });
      continue;
    }
    let raw: string;
    let original: Uint8Array;
    const inline = childElement(s, 'PlainTextContent');
    const plainPath = attr(s, 'plainTextPath');
    const richPath = attr(s, 'richTextPath');
    if (inline) {
      raw = textOf(inline) ?? '';
      original = new TextEncoder().encode(raw);
    } else if (plainPath || (richPath && /\.txt$/i.test(richPath))) {
      if (!entries) throw refuse(fileName, `資料「${shown(name)}」の本文ファイルを読めません（コードブックのみのファイル）。`, `source "${shown(name)}" names a text file, but this is not a package.`);
      original = entryFor(fileName, entries, lowerNames, (plainPath ?? richPath)!, name);
      if (original.length > QDA_LIMITS.sourceBytes) throw refuse(fileName, `資料「${shown(name)}」が大きすぎます。`, `source "${shown(name)}" is too large.`);
      raw = decodeSourceText(fileName, original, name);
    } else {
      throw refuse(fileName, `資料「${shown(name)}」にプレーンテキスト（plainTextPath／PlainTextContent）がありません。`, `source "${shown(name)}" has no plain text (no plainTextPath and no PlainTextContent).`);
    }
    const selEls = childElements(s, 'PlainTextSelection');
    selectionCount += selEls.length;
    if (selectionCount > QDA_LIMITS.selections) throw refuse(fileName, `選択範囲が多すぎます（${QDA_LIMITS.selections} 件まで）。`, `too many selections (at most ${QDA_LIMITS.selections}).`);
    const probes = selEls.map((e) => ({
      start: integer(fileName, attr(e, 'startPosition'), `startPosition of selection ${shown(attr(e, 'guid') ?? '')}`),
      end: integer(fileName, attr(e, 'endPosition'), `endPosition of selection ${shown(attr(e, 'guid') ?? '')}`),
      name: attr(e, 'name') ?? undefined,
    }));
    const crlf = detectCrlfCounting(raw, probes, origin);
    const text = countedText(raw, crlf);
    const length = codePointOffsets(text).length - 1;
    const selections: QdaSelection[] = selEls.map((e, i) => {
      const sguid = guids.claim(attr(e, 'guid'), `selection in source "${shown(name)}"`);
      const { start, end } = probes[i];
      if (start > end) {
        throw refuse(fileName, `資料「${shown(name)}」の選択範囲 ${sguid} の位置が逆転しています（${start} > ${end}）。`, `selection ${sguid} in source "${shown(name)}" is reversed (start ${start} > end ${end}).`);
      }
      if (start < 0 || end > length) {
        throw refuse(fileName, `資料「${shown(name)}」の選択範囲 ${sguid} が本文の外を指しています（${start}〜${end}、本文は ${length} 文字）。`, `selection ${sguid} in source "${shown(name)}" lies outside the text (${start}–${end}; the text has ${length} code points).`);
      }
      const codeRefs: string[] = [];
      for (const coding of childElements(e, 'Coding')) {
        guids.claim(attr(coding, 'guid'), `coding of selection ${sguid}`);
        for (const ref of childElements(coding, 'CodeRef')) {
          const target = canonicalGuid(attr(ref, 'targetGUID'));
          if (!target || !codeGuids.has(target)) {
            throw refuse(fileName, `選択範囲 ${sguid} が存在しないコード ${shown(attr(ref, 'targetGUID') ?? '')} を参照しています。`, `selection ${sguid} refers to a code that does not exist (${shown(attr(ref, 'targetGUID') ?? '')}).`);
          }
          if (!codeRefs.includes(target)) codeRefs.push(target);
        }
      }
      const noteTexts = childElements(e, 'NoteRef')
        .map((r) => notes.get(canonicalGuid(attr(r, 'targetGUID')) ?? '') ?? '')
        .filter((t) => t.length > 0);
      const user = canonicalGuid(attr(e, 'creatingUser'));
      return {
        guid: sguid,
        name: attr(e, 'name'),
        start,
        end,
        description: textOf(childElement(e, 'Description'))?.trim() ?? '',
        notes: noteTexts,
        codeGuids: codeRefs,
        userName: user ? (users.get(user) ?? null) : null,
        createdAt: attr(e, 'creationDateTime'),
        modifiedAt: attr(e, 'modifiedDateTime'),
      };
    });
    // Codings on the whole source (no selection) are kept as whole-text selections would be
    // invented data; they are left alone.
    sources.push({ guid, name, kind: 'TextSource', text, original, crlf, selections });
  }
  return { fileName, format: 'qdpx', name: attr(root, 'name') ?? fileName, origin, codes, sources };
}
