// What a PDF font's name says about its weight and typeface, for headings set in the body size but
// bold (「第1 基本的な考え方」 in bold Gothic over Mincho body text). pdfjs's own `bold` flag only
// reads "bold" in a name it knows; Japanese PDFs name weights in their own ways (HiraKakuPro-W6,
// HGSGothicE, MS-Gothic,Bold from Word's synthetic bold, 見出ゴMB31) and often name the font in
// Shift_JIS bytes (ＭＳ ゴシック), so the name is read here. Pure: tested without a PDF.

/** A typeface class: Gothic (sans-serif) or Mincho (serif); null when the name does not say. */
export type Face = 'gothic' | 'mincho';

export interface FontTraits {
  bold: boolean;
  face: Face | null;
}

/**
 * Weights heavier than regular in a font name: Bold/Black/Heavy/Demi/Semibold/ExtraBold, Word's
 * `,Bold` suffix, Japanese weight codes W6–W9 (Hiragino, Morisawa), E/EB/B/DB/H/U/UB at the end of
 * a Japanese family name (HGSGothicE, HG創英角ゴシックUB, A-OTF-ShinGoPro-B), and families that
 * are bold by design (見出しゴ MB31, 太ゴ B101, 太ミン A101). Not a final -H or -V: a Type0 font's
 * name often ends with its CMap's (HeiseiMin-W3-UniJIS-UCS2-H), which is about direction.
 */
const BOLD_NAME =
  /bold|black|heavy|demi|semibd|semib|extrab|ultrab|,\s*b$|[-_ ]w(?:[6-9]|1[0-2])\b|(?:goth(?:ic)?|min(?:cho)?|kakugo|maru|go)[-_ ]?(?:e|eb|b|db|ub)$|[-_ ](?:eb|b|db|ub)$|midashi|mb31|futo|太|見出/i;

const GOTHIC_NAME = /goth|gosic|kakugo|kaku-?go|hirakaku|kozgo|sans|gbb|meiryo|heiseikaku|shingo|udkaku|futogo|midashigo|maru|arial|helvetica|ゴシック|ｺﾞｼｯｸ|ゴ[ＭＢ]|角ゴ|丸ゴ|メイリオ/i;
const MINCHO_NAME = /mincho|minchou|mincyo|ryumin|hiramin|kozmin|serif|heiseimin|shinmin|futomin|midashimin|times|century|明朝|ﾐﾝﾁｮｳ|ミン|教科書/i;

/** A PDF name whose bytes are Shift_JIS or UTF-8 (pdfjs hands them over as Latin-1 characters). */
export function decodeFontName(name: string): string {
  if (!/[\u0080-\u00ff]/.test(name) || /[^\u0000-\u00ff]/.test(name)) return name;
  const bytes = Uint8Array.from([...name].map((c) => c.charCodeAt(0)));
  for (const encoding of ['utf-8', 'shift_jis']) {
    try {
      return new TextDecoder(encoding, { fatal: true }).decode(bytes);
    } catch {
      // not this encoding: try the next
    }
  }
  return name;
}

/** Weight and typeface from a font's name (subset prefix `ABCDEF+` dropped) and pdfjs's own flags. */
export function fontTraits(rawName: string, flags: { bold?: boolean; black?: boolean } = {}): FontTraits {
  const name = decodeFontName(rawName).replace(/^[A-Z]{6}\+/, '');
  const bold = !!flags.bold || !!flags.black || BOLD_NAME.test(name);
  const face: Face | null = MINCHO_NAME.test(name) ? 'mincho' : GOTHIC_NAME.test(name) ? 'gothic' : null;
  return { bold, face };
}
