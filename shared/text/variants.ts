// The variant-kanji (異体字) folding table used by search normalization: each variant folds to
// the form most Japanese government text uses, so 強靭 and 強靱 are one search term.
// Sources (also in docs/search.md):
//  - 表外漢字字体表 (国語審議会答申, 2000): the 22 pairs of 印刷標準字体 and 簡易慣用字体; we fold
//    the printing-standard form to the simplified form that JIS X 0208 text (most PDFs) carries.
//  - 靭 → 靱: 国土強靱化基本法 (平成25年法律第95号) and the Cabinet's 国土強靱化 documents write 靱;
//    靭 is the JIS X 0208 glyph many word processors produce (the issue's own example).
//  - IBM/NEC extended kanji common in names of officials and places: 髙 → 高, 﨑 → 崎, 邉/邊 → 辺.
// Fold, never expand: every entry maps one code point to one code point, so offsets stay simple.

export const VARIANT_KANJI: Readonly<Record<string, string>> = {
  // 表外漢字字体表 簡易慣用字体 (printing-standard → simplified)
  鷗: '鴎',
  瀆: '涜',
  醱: '醗',
  潑: '溌',
  屛: '屏',
  摑: '掴',
  塡: '填',
  頰: '頬',
  剝: '剥',
  '𠮟': '叱',
  繫: '繋',
  蠟: '蝋',
  軀: '躯',
  嚙: '噛',
  蟬: '蝉',
  驒: '騨',
  瘦: '痩',
  麴: '麹',
  攢: '攅',
  禱: '祷',
  蔣: '蒋',
  焰: '焔',
  // 国土強靱化: the statute's form
  靭: '靱',
  // IBM/NEC extended kanji
  髙: '高',
  '﨑': '崎',
  邉: '辺',
  邊: '辺',
};
