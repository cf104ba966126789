// Turns the bytes of a user's file into text: UTF-8 (with or without BOM), UTF-16 with BOM,
// or the legacy Japanese encodings government files still use (Shift_JIS, EUC-JP).
import { AppError } from '../../shared/errors';

export interface Decoded {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'shift_jis' | 'euc-jp';
}

function tryDecode(bytes: Uint8Array, label: string): string | null {
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Share of characters that would never appear in prose: binary files score high. */
function junkRatio(text: string): number {
  if (!text.length) return 0;
  let junk = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0xfffd) junk++;
  }
  return junk / text.length;
}

/** Kana and kanji share: a wrong legacy decoding yields mostly half-width katakana or symbols. */
function japaneseScore(text: string): number {
  const m = text.match(/[\u3040-\u30ff\u4e00-\u9fff]/g);
  return m ? m.length / Math.max(1, text.replace(/\s/g, '').length) : 0;
}

export function decodeText(bytes: Uint8Array, fileName: string): Decoded {
  const notText = () =>
    new AppError(
      'bad-input',
      {
        ja: `${fileName} はテキストとして読めません（バイナリファイルか、対応していない文字コードです）。UTF-8、Shift_JIS、EUC-JP のテキスト、Markdown、HTML を取り込めます。`,
        en: `${fileName} cannot be read as text (a binary file or an unsupported encoding). Plain text, Markdown and HTML in UTF-8, Shift_JIS or EUC-JP can be imported.`,
      },
      { subject: fileName },
    );
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return check({ text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' });
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return check({ text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' });
  const utf8 = tryDecode(bytes, 'utf-8');
  if (utf8 !== null) return check({ text: utf8.replace(/^\uFEFF/, ''), encoding: 'utf-8' });
  const candidates: Decoded[] = [];
  for (const encoding of ['shift_jis', 'euc-jp'] as const) {
    const text = tryDecode(bytes, encoding);
    if (text !== null) candidates.push({ encoding, text });
  }
  candidates
    .sort((a, b) => japaneseScore(b.text) - japaneseScore(a.text));
  if (candidates.length) return check(candidates[0]);
  throw notText();

  function check(d: Decoded): Decoded {
    if (junkRatio(d.text) > 0.01) throw notText();
    return d;
  }
}
