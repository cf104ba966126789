// The index tokens of many statements packed into one buffer with offsets: what the import's
// prepare worker sends back (one transferable ArrayBuffer per chunk instead of a structured clone
// of a Buffer per statement), and what ingest hands FTS5 statement by statement.
import { normalizeKey } from '../../shared/text/normalize';
import { indexTokensUtf8 } from './fts';

export interface PackedTokens {
  /** UTF-8 token streams, back to back. */
  bytes: Uint8Array;
  /** Statement i's tokens are bytes[offsets[i] … offsets[i + 1]); length = statements + 1. */
  offsets: Uint32Array;
}

/** Statements from … to-1, exactly as flushPending indexes each text: indexTokensUtf8(normalizeKey(text)). */
export function packIndexTokens(textOf: (i: number) => string, from: number, to: number): PackedTokens {
  const pieces: Buffer[] = new Array(to - from);
  const offsets = new Uint32Array(to - from + 1);
  let total = 0;
  for (let i = from; i < to; i++) {
    const t = indexTokensUtf8(normalizeKey(textOf(i)));
    pieces[i - from] = t;
    total += t.length;
    offsets[i - from + 1] = total;
  }
  // Its own ArrayBuffer (never Node's shared small-buffer pool): the chunk is transferred whole.
  const bytes = new Uint8Array(total);
  for (let k = 0; k < pieces.length; k++) bytes.set(pieces[k], offsets[k]);
  return { bytes, offsets };
}

/** Statement k of a packed chunk, as a Buffer view (no copy) that SQLite binds as text bytes. */
export function tokensAt(packed: PackedTokens, k: number): Buffer {
  const { bytes, offsets } = packed;
  return Buffer.from(bytes.buffer, bytes.byteOffset + offsets[k], offsets[k + 1] - offsets[k]);
}
