// Stable statement ids: derived from the document id and the statement's normalized text,
// never from its position, so re-ingesting or inserting a paragraph elsewhere keeps other ids.
import crypto from 'node:crypto';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

function base32(bytes: Uint8Array, chars: number): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const b of bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5 && out.length < chars) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
    if (out.length >= chars) break;
  }
  return out;
}

/** The text as it is compared for identity: NFKC, whitespace collapsed, trimmed. */
export function identityText(text: string): string {
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
  const hash = crypto.hash('sha256', `${documentId}\u0000${identity}\u0000${occurrence}`, 'buffer');
  return `${documentId}:${base32(hash, 12)}`;
}

/**
 * Assigns ids in reading order, counting repeated texts per document. Each text is put in identity
 * form once (it is both the repeat counter's key and the hashed text): NFKC over a large import
 * was a third of segmenting when it ran twice.
 */
export function assignStatementIds(documentId: string, texts: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return texts.map((t) => {
    const key = identityText(t);
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return idOfIdentity(documentId, key, n);
  });
}
