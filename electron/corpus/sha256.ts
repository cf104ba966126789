// SHA-256 of a text's UTF-8 bytes, in hex: content hashes of documents and of extracted text.
// A module of its own so that a thread which only hashes (the import's prepare worker) does not
// load the manifest's schema library with it.
import crypto from 'node:crypto';

export function sha256(text: string): string {
  return crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}
