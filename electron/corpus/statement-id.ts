// Stable statement ids: derived from the document id and the statement's normalized text,
// never from its position, so re-ingesting or inserting a paragraph elsewhere keeps other ids.
import crypto from 'node:crypto';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** The first `chars` base32 characters of the bytes (5 bits each, most significant first). */
export function base32(bytes: Uint8Array, chars: number): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < bytes.length && out.length < chars; i++) {
    buffer = (buffer << 8) | bytes[i];
    bits += 8;
    while (bits >= 5 && out.length < chars) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  return out;
}

/** base64 digit → its 6 bits. */
const BASE64_VALUE = new Int8Array(128).fill(-1);
for (const [i, c] of [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].entries()) BASE64_VALUE[c.charCodeAt(0)] = i;

/**
 * base32(digest, 12) from the digest's base64 text: the first 10 base64 digits are its first 60
 * bits, the 12 base32 characters. crypto.hash returning a short string costs half of returning a
 * Buffer (one ArrayBuffer per statement to allocate and collect); the characters are the same.
 */
function base32FromBase64(b64: string): string {
  let out = '';
  for (let half = 0; half < 2; half++) {
    let v = 0; // 30 bits: five base64 digits, six base32 characters
    for (let k = 0; k < 5; k++) v = (v << 6) | BASE64_VALUE[b64.charCodeAt(half * 5 + k)];
    for (let k = 5; k >= 0; k--) out += BASE32[(v >>> (k * 5)) & 31];
  }
  return out;
}

/**
 * Any unit outside those NFKC leaves alone in any neighbourhood: printable ASCII, kana and CJK
 * punctuation, unified kanji, less the few there that NFKC changes or that are combining marks
 * (U+302A–302F, 3036, 3038–303A, 3099–309C, 309F, 30FF; U+3000 folds to a space). A text of
 * only those units is already NFKC (each is a starter that composes with nothing: Unicode's NFKC
 * quick check answers "yes"), and its only whitespace is U+0020. The test derives this set again
 * from normalize() for every BMP unit.
 */
export const NOT_NFKC_STABLE = /[^\x20-\x7e\u3001-\u3029\u3030-\u3035\u3037\u303b-\u3098\u309d\u309e\u30a0-\u30fe\u4e00-\u9fff]/;

/**
 * Whether identityText(text) is `text` itself: no unit NFKC could change, no space at either end,
 * no two spaces in a row. Two native scans and no copy; about three statements in four of a
 * Japanese import are such text, and NFKC plus the whitespace regex cost a copy each.
 */
function isIdentityForm(text: string): boolean {
  const n = text.length;
  if (n === 0) return true;
  if (text.charCodeAt(0) === 0x20 || text.charCodeAt(n - 1) === 0x20) return false;
  return !NOT_NFKC_STABLE.test(text) && !text.includes('  ');
}

/** The text as it is compared for identity: NFKC, whitespace collapsed, trimmed. */
export function identityText(text: string): string {
  if (isIdentityForm(text)) return text;
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

/** For tests: identityText without the shortcut, as it was always computed. */
export function identityTextByDefinition(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

/**
 * `<documentId>:<12 base32 chars>` (60 bits of sha256). `occurrence` counts earlier statements of
 * the same document with the same identity text, so repeated texts get distinct, stable ids.
 */
export function statementId(documentId: string, text: string, occurrence = 0): string {
  return idOfIdentity(documentId, identityText(text), occurrence);
}

/** The id from text already in identity form (crypto.hash: one call, no Hash object per statement). */
function idOfIdentity(documentId: string, identity: string, occurrence: number): string {
  const digest = crypto.hash('sha256', `${documentId}\u0000${identity}\u0000${occurrence}`, 'base64');
  return `${documentId}:${base32FromBase64(digest)}`;
}

/**
 * Ids in reading order, counting repeated texts per document, each made when asked for: the
 * repeat counts need every earlier text, so each text is put in identity form once, up front (it
 * is both the repeat counter's key and the hashed text: NFKC over a large import was a third of
 * segmenting when it ran twice); the hash, the costly half, waits until an id is wanted. The
 * segmenter hands statements over in chunks and hashes each chunk's ids as it goes.
 */
export function statementIdsOf(documentId: string, texts: readonly string[]): (i: number) => string {
  const seen = new Map<string, number>();
  const keys = new Array<string>(texts.length);
  const occurrences = new Uint32Array(texts.length);
  for (let i = 0; i < texts.length; i++) {
    const key = identityText(texts[i]);
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    keys[i] = key;
    occurrences[i] = n;
  }
  return (i) => idOfIdentity(documentId, keys[i], occurrences[i]);
}

/** Every id at once (statementIdsOf, all of them). */
export function assignStatementIds(documentId: string, texts: readonly string[]): string[] {
  const idAt = statementIdsOf(documentId, texts);
  const ids = new Array<string>(texts.length);
  for (let i = 0; i < texts.length; i++) ids[i] = idAt(i);
  return ids;
}
