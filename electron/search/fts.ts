// How folded text becomes FTS5 tokens and a folded term becomes an FTS5 MATCH expression.
// One tokenization for index and query: overlapping code-point bigrams plus the last character.
//
// Why bigrams: a phrase of consecutive bigrams matches exactly the folded substring (no false
// positives against the definition), a 2-character query is one token lookup, and a 1-character
// query is a prefix lookup; trigram would need a second index for the short queries analysts type most.
// ASCII punctuation is shifted to its full-width form in tokens only (NFKC already folded full-width
// to ASCII in the text, so nothing collides): the `ascii` tokenizer then keeps every character, and
// no quote, star, colon or parenthesis can ever reach FTS5 syntax from user text.

/** Longest term (in code points) matched by the index alone; longer terms are verified on text. */
export const MAX_INDEXED_TERM = 64;

function shiftPunct(cp: string): string {
  const c = cp.charCodeAt(0);
  if (cp.length === 1 && c >= 0x21 && c <= 0x7e && !((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a))) {
    return String.fromCharCode(c + 0xfee0);
  }
  if (c <= 0x20 || c === 0x7f) return String.fromCharCode(0x2400 + (c & 0x1f)); // unreachable after folding; kept total
  return cp;
}

function codePoints(norm: string): string[] {
  const cps = Array.from(norm);
  for (let i = 0; i < cps.length; i++) cps[i] = shiftPunct(cps[i]);
  return cps;
}

/** The token stream indexed for one statement's folded text. */
export function indexTokens(norm: string): string {
  // Hot at ingest: BMP text (the usual case) is cut by UTF-16 index without building arrays.
  if (!/[\ud800-\udfff!-/:-@[-`{-~]/.test(norm)) {
    const n = norm.length;
    if (n === 0) return '';
    const parts: string[] = new Array(n);
    for (let i = 0; i + 1 < n; i++) parts[i] = norm.substr(i, 2);
    parts[n - 1] = norm[n - 1];
    return parts.join(' ');
  }
  const cps = codePoints(norm);
  if (cps.length === 0) return '';
  const out: string[] = new Array(cps.length);
  for (let i = 0; i + 1 < cps.length; i++) out[i] = cps[i] + cps[i + 1];
  out[cps.length - 1] = cps[cps.length - 1];
  return out.join(' ');
}

/**
 * indexTokens() as UTF-8 bytes, built without intermediate strings: ingest binds this buffer
 * directly (FTS5 reads the column's bytes as text), which roughly halves the JS cost of indexing.
 */
export function indexTokensUtf8(norm: string): Buffer {
  const src = Buffer.from(norm, 'utf8');
  const n = src.length;
  if (n === 0) return src;
  // Character starts (UTF-8 lead bytes) and each character's byte length after the punctuation shift.
  const out = Buffer.allocUnsafe(n * 2 + n * 2 + 8);
  let o = 0;
  let prevStart = -1;
  let prevEnd = -1;
  const put = (start: number, end: number) => {
    const c = src[start];
    if (end - start === 1 && c >= 0x21 && c <= 0x7e && !((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a))) {
      const cp = c + 0xfee0;
      out[o++] = 0xef;
      out[o++] = 0x80 | ((cp >> 6) & 0x3f);
      out[o++] = 0x80 | (cp & 0x3f);
    } else {
      for (let k = start; k < end; k++) out[o++] = src[k];
    }
  };
  let i = 0;
  while (i < n) {
    const c = src[i];
    const len = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
    if (prevStart >= 0) {
      put(prevStart, prevEnd);
      put(i, i + len);
      out[o++] = 0x20;
    }
    prevStart = i;
    prevEnd = i + len;
    i += len;
  }
  put(prevStart, prevEnd);
  return out.subarray(0, o);
}

/** FTS5 expression for one folded term, and whether the index alone decides it. */
export function termExpression(norm: string): { expr: string; exact: boolean } {
  const all = codePoints(norm);
  const exact = all.length <= MAX_INDEXED_TERM;
  const cps = exact ? all : all.slice(0, MAX_INDEXED_TERM);
  if (cps.length === 1) return { expr: `"${cps[0]}"*`, exact };
  const grams: string[] = [];
  for (let i = 0; i + 1 < cps.length; i++) grams.push(cps[i] + cps[i + 1]);
  return { expr: `"${grams.join(' ')}"`, exact };
}
