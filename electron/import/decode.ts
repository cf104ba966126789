// Turns the bytes of a user's text file into text: UTF-8 (with or without BOM), UTF-16 LE/BE
// (with a BOM, or recognised without one), ISO-2022-JP, and the legacy Japanese encodings
// government files still use (Shift_JIS/CP932, EUC-JP). A file no encoding reads cleanly is
// refused rather than imported as mojibake; stray control characters are removed and counted.
import { AppError } from '../../shared/errors';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'iso-2022-jp' | 'shift_jis' | 'euc-jp';

export interface Decoded {
  text: string;
  encoding: TextEncodingName;
  /** Control characters (NUL, BEL, ESC …) removed from the text: reported to the analyst. */
  removedControls: number;
}

/**
 * More control characters than this share of the text means a binary file, not a text file with
 * a few stray bytes (a NUL from a broken editor, a form feed): refused, never "cleaned" into prose.
 */
const MAX_CONTROL_SHARE = 0.01;
/** Without a BOM, UTF-16 is recognised by the zero high bytes of ASCII: this share of one parity. */
const UTF16_ZERO_SHARE = 0.2;
/** A no-BOM UTF-16 reading of Japanese must be mostly kana/kanji to beat a legacy reading. */
const UTF16_JAPANESE_SHARE = 0.5;
/** Share of characters that occur in Japanese or English prose a decoding needs to be believed. */
const MIN_PLAUSIBLE = 0.95;
/** A Shift_JIS or EUC-JP reading must have kana or kanji in it (pure ASCII is already UTF-8). */
const MIN_LEGACY_JAPANESE = 0.05;
/** How much of a large file the heuristics sample (they are statistics, not a parse). */
const SAMPLE_BYTES = 256 * 1024;

function tryDecode(bytes: Uint8Array, label: string): string | null {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** A control character that has no place in prose (tab, newline, CR and form feed do). */
function isControl(c: number): boolean {
  return (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f || (c >= 0x80 && c <= 0x9f) || c === 0xfffd;
}

/** Share of characters a reader of Japanese or English prose would expect. */
function plausibility(text: string): number {
  const n = Math.min(text.length, SAMPLE_BYTES);
  if (n === 0) return 0;
  let good = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (
      (c >= 0x20 && c < 0x7f) || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c ||
      (c >= 0xa0 && c <= 0x024f) || // Latin-1 and Latin Extended (names, accents)
      (c >= 0x2000 && c <= 0x27bf) || // punctuation, arrows, symbols, circled numbers
      (c >= 0x3000 && c <= 0x30ff) || // CJK punctuation, hiragana, katakana
      (c >= 0x3200 && c <= 0x33ff) || // enclosed CJK, ㈱ ㍻
      (c >= 0x4e00 && c <= 0x9fff) || // CJK unified ideographs
      (c >= 0xf900 && c <= 0xfaff) || // compatibility ideographs (CP932 NEC/IBM extensions)
      (c >= 0xff00 && c <= 0xffef) || // full-width and half-width forms
      c === 0xfeff
    ) good++;
  }
  return good / n;
}

/** Kana and kanji share: a wrong legacy decoding yields mostly half-width katakana or symbols. */
function japaneseScore(text: string): number {
  const sample = text.slice(0, SAMPLE_BYTES);
  const m = sample.match(/[\u3040-\u30ff\u4e00-\u9fff]/g);
  return m ? m.length / Math.max(1, sample.replace(/\s/g, '').length) : 0;
}

/** UTF-16 without a BOM, by the zero bytes ASCII characters leave at one parity. */
function utf16ByZeros(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return null;
  const n = Math.min(bytes.length, SAMPLE_BYTES);
  let even = 0;
  let odd = 0;
  for (let i = 0; i + 1 < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd / pairs >= UTF16_ZERO_SHARE && even / pairs < 0.02) return 'utf-16le';
  if (even / pairs >= UTF16_ZERO_SHARE && odd / pairs < 0.02) return 'utf-16be';
  return null;
}

/** ISO-2022-JP (JIS): 7-bit bytes with escape sequences switching into JIS X 0208. */
function looksIso2022jp(bytes: Uint8Array): boolean {
  let escapes = 0;
  const n = Math.min(bytes.length, SAMPLE_BYTES);
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b >= 0x80) return false;
    if (b === 0x1b && i + 2 < bytes.length) {
      const a = bytes[i + 1];
      const c = bytes[i + 2];
      if ((a === 0x24 && (c === 0x42 || c === 0x40 || c === 0x28)) || (a === 0x28 && (c === 0x42 || c === 0x4a || c === 0x49))) escapes++;
    }
  }
  return escapes > 0;
}

function notText(fileName: string, why: { ja: string; en: string }): AppError {
  return new AppError(
    'bad-input',
    {
      ja: `${fileName} はテキストとして読めません（${why.ja}）。UTF-8、UTF-16、Shift_JIS、EUC-JP、ISO-2022-JP のテキスト、Markdown、HTML、Word（.docx）、PDF を取り込めます。`,
      en: `${fileName} cannot be read as text (${why.en}). Text, Markdown and HTML in UTF-8, UTF-16, Shift_JIS, EUC-JP or ISO-2022-JP, Word (.docx) and PDF can be imported.`,
    },
    { subject: fileName },
  );
}

/** Removes stray control characters, or refuses the file when there are too many to be stray. */
function cleanControls(text: string, encoding: TextEncodingName, fileName: string): Decoded {
  let count = 0;
  let first = -1;
  for (let i = 0; i < text.length; i++) {
    if (isControl(text.charCodeAt(i))) {
      count++;
      if (first < 0) first = i;
    }
  }
  if (count === 0) return { text, encoding, removedControls: 0 };
  const code = `U+${text.charCodeAt(first).toString(16).toUpperCase().padStart(4, '0')}`;
  if (count / text.length > MAX_CONTROL_SHARE) {
    throw notText(fileName, {
      ja: `制御文字が ${count} 個あり（最初は ${first + 1} 文字目の ${code}）、バイナリファイルと判断しました`,
      en: `it holds ${count} control characters (the first, ${code}, at character ${first + 1}), so it looks like a binary file`,
    });
  }
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (isControl(text.charCodeAt(i))) {
      out += text.slice(from, i);
      from = i + 1;
    }
  }
  out += text.slice(from);
  return { text: out, encoding, removedControls: count };
}

export function decodeText(bytes: Uint8Array, fileName: string): Decoded {
  const accept = (text: string, encoding: TextEncodingName) => cleanControls(text.replace(/^\uFEFF/, ''), encoding, fileName);
  const strict = (label: TextEncodingName, body: Uint8Array): Decoded => {
    const text = tryDecode(body, label);
    if (text === null) throw notText(fileName, { ja: `${label} として壊れています`, en: `it is not valid ${label}` });
    return accept(text, label);
  };
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return strict('utf-8', bytes.subarray(3));
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return strict('utf-16le', bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return strict('utf-16be', bytes.subarray(2));
  const byZeros = utf16ByZeros(bytes);
  if (byZeros) return strict(byZeros, bytes);
  if (looksIso2022jp(bytes)) return strict('iso-2022-jp', bytes);

  // Valid UTF-8 that reads as prose is UTF-8; valid UTF-8 full of control characters may be
  // UTF-16 without a BOM (Japanese in UTF-16 is often 7-bit bytes), so the others are tried first.
  const utf8 = tryDecode(bytes, 'utf-8');
  if (utf8 !== null && plausibility(utf8) >= MIN_PLAUSIBLE) return accept(utf8, 'utf-8');

  const candidates: { encoding: TextEncodingName; text: string; japanese: number }[] = [];
  for (const encoding of ['shift_jis', 'euc-jp'] as const) {
    const text = tryDecode(bytes, encoding);
    if (text === null || plausibility(text) < MIN_PLAUSIBLE) continue;
    // Latin-1 bytes read as Shift_JIS become half-width katakana: a legacy reading must hold Japanese.
    const japanese = japaneseScore(text);
    if (japanese >= MIN_LEGACY_JAPANESE) candidates.push({ encoding, text, japanese });
  }
  if (bytes.length % 2 === 0) {
    for (const encoding of ['utf-16le', 'utf-16be'] as const) {
      const text = tryDecode(bytes, encoding);
      if (text === null || plausibility(text) < MIN_PLAUSIBLE) continue;
      const japanese = japaneseScore(text);
      if (japanese >= UTF16_JAPANESE_SHARE) candidates.push({ encoding, text, japanese });
    }
  }
  candidates.sort((a, b) => b.japanese - a.japanese);
  if (candidates.length) return accept(candidates[0].text, candidates[0].encoding);
  // Text with stray control characters: cleaned, or refused as binary, by cleanControls.
  if (utf8 !== null) return accept(utf8, 'utf-8');
  throw notText(fileName, { ja: 'どの文字コードでも正しく読めません。バイナリファイルか、対応していない文字コードです', en: 'no supported encoding reads it cleanly: a binary file or an unsupported encoding' });
}
