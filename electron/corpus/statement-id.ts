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
 * Units that NFKC leaves alone in any neighbourhood, whitespace excepted: printable ASCII, kana
 * and CJK punctuation, unified kanji; each also checked to be its own NFKC and not a combining
 * mark (U+3099, U+302A… are marks, U+3000 folds to a space, so they take the full path). A text
 * of only these is already NFKC: every unit is a starter that composes with nothing (Unicode's
 * NFKC quick check answers "yes" for it), so normalize() would return it unchanged.
 */
const NFKC_STABLE = new Uint8Array(0x10000);
const NFKC_UNKNOWN = 0;
const NFKC_YES = 1;
const NFKC_NO = 2;
const MARK = /\p{M}/u;

function isNfkcStable(c: number): boolean {
  const known = NFKC_STABLE[c];
  if (known !== NFKC_UNKNOWN) return known === NFKC_YES;
  const ch = String.fromCharCode(c);
  const inRange = (c >= 0x20 && c <= 0x7e) || (c >= 0x3001 && c <= 0x30ff) || (c >= 0x4e00 && c <= 0x9fff);
  const yes = inRange && !MARK.test(ch) && ch.normalize('NFKC') === ch;
  NFKC_STABLE[c] = yes ? NFKC_YES : NFKC_NO;
  return yes;
}

const SPACE = 0x20;

/**
 * Whether identityText(text) is `text` itself: only NFKC-stable units, no space at either end
 * and no two spaces in a row (the only whitespace among those units is U+0020). One pass, no
 * copy; most statements are such text, and NFKC plus the whitespace regex cost a copy each.
 */
function isIdentityForm(text: string): boolean {
  const n = text.length;
  if (n === 0) return true;
  if (text.charCodeAt(0) === SPACE || text.charCodeAt(n - 1) === SPACE) return false;
  let prevSpace = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === SPACE) {
      if (prevSpace) return false;
      prevSpace = true;
      continue;
    }
    prevSpace = false;
    if (!isNfkcStable(c)) return false;
  }
  return true;
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
 * Assigns ids in reading order, counting repeated texts per document. Each text is put in identity
 * form once (it is both the repeat counter's key and the hashed text): NFKC over a large import
 * was a third of segmenting when it ran twice.
 */
export function assignStatementIds(documentId: string, texts: readonly string[]): string[] {
  const seen = new Map<string, number>();
  const ids = new Array<string>(texts.length);
  for (let i = 0; i < texts.length; i++) {
    const key = identityText(texts[i]);
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    ids[i] = idOfIdentity(documentId, key, n);
  }
  return ids;
}
