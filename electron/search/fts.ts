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
 *
 * Encoded straight from the UTF-16 text in one pass (no UTF-8 copy of the text first, no closure
 * per character): each character's bytes, punctuation already shifted, are written twice (as the
 * second half of one bigram and the first half of the next). A lone surrogate is U+FFFD, as
 * `Buffer.from(text, 'utf8')` encodes it.
 *
 * Every token is written. (An earlier version sized its buffer at 4 × the UTF-8 length + 8 and
 * silently dropped what did not fit: a statement that is mostly ASCII punctuation, whose 1-byte
 * characters become 7 bytes each, such as `(1)(2)(3)`, lost its last tokens and was not found by
 * its own end. Such statements indexed before are reported by the library check as not found by
 * their own text, and a library rebuild indexes them again.)
 */
export function indexTokensUtf8(norm: string): Buffer {
  const n = norm.length;
  // Per UTF-16 unit at most 3 bytes (a pair: 4 bytes for 2 units), each written twice, plus a space.
  const out = Buffer.allocUnsafe(n * 7 + 8);
  let o = 0;
  // The previous character's bytes (b0 first), packed; prevLen 0 before the first character.
  let prevLen = 0;
  let p0 = 0;
  let p1 = 0;
  let p2 = 0;
  let p3 = 0;
  for (let i = 0; i < n; i++) {
    const c = norm.charCodeAt(i);
    let len: number;
    let b0: number;
    let b1 = 0;
    let b2 = 0;
    let b3 = 0;
    if (c < 0x80) {
      if (c >= 0x21 && c <= 0x7e && !((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a))) {
        // ASCII punctuation → its full-width form (see shiftPunct).
        const cp = c + 0xfee0;
        len = 3;
        b0 = 0xef;
        b1 = 0x80 | ((cp >> 6) & 0x3f);
        b2 = 0x80 | (cp & 0x3f);
      } else {
        len = 1;
        b0 = c;
      }
    } else if (c < 0x800) {
      len = 2;
      b0 = 0xc0 | (c >> 6);
      b1 = 0x80 | (c & 0x3f);
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const d = i + 1 < n ? norm.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
        len = 4;
        b0 = 0xf0 | (cp >> 18);
        b1 = 0x80 | ((cp >> 12) & 0x3f);
        b2 = 0x80 | ((cp >> 6) & 0x3f);
        b3 = 0x80 | (cp & 0x3f);
      } else {
        len = 3; // U+FFFD
        b0 = 0xef;
        b1 = 0xbf;
        b2 = 0xbd;
      }
    } else {
      len = 3;
      b0 = 0xe0 | (c >> 12);
      b1 = 0x80 | ((c >> 6) & 0x3f);
      b2 = 0x80 | (c & 0x3f);
    }
    if (prevLen > 0) {
      out[o++] = p0;
      if (prevLen > 1) {
        out[o++] = p1;
        if (prevLen > 2) {
          out[o++] = p2;
          if (prevLen > 3) out[o++] = p3;
        }
      }
      out[o++] = b0;
      if (len > 1) {
        out[o++] = b1;
        if (len > 2) {
          out[o++] = b2;
          if (len > 3) out[o++] = b3;
        }
      }
      out[o++] = 0x20;
    }
    prevLen = len;
    p0 = b0;
    p1 = b1;
    p2 = b2;
    p3 = b3;
  }
  if (prevLen > 0) {
    out[o++] = p0;
    if (prevLen > 1) out[o++] = p1;
    if (prevLen > 2) out[o++] = p2;
    if (prevLen > 3) out[o++] = p3;
  }
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
