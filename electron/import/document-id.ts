// An imported document's default id, from its file name (or its text when the name has no Latin
// letters): shared by the write, which decides the id, and the prepare worker, which predicts it.
import path from 'node:path';
import { sha256 } from '../corpus/sha256';

function slugOf(fileName: string): string {
  const stem = path.basename(fileName).replace(/\.[^.]+$/, '');
  return stem.normalize('NFKC').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
}

/** Whether the id needs the text's hash: a file name with fewer than three Latin letters or digits. */
export function idNeedsText(fileName: string): boolean {
  return slugOf(fileName).length < 3;
}

/** The extracted text's SHA-256 (hex), as every content hash here is made. */
export const textSha256 = sha256;

/** idFromFileName with the text's SHA-256 computed beforehand (null only where idNeedsText is false). */
export function idFromFileNameAndHash(fileName: string, textSha: string | null): string {
  const slug = slugOf(fileName);
  if (slug.length >= 3) return `import-${slug}`;
  if (textSha === null) throw new Error(`the id of ${fileName} needs the text's hash`);
  return `import-${textSha.slice(0, 10)}`;
}

/** A readable id from the file name, or a content hash when the name has no Latin letters. */
export function idFromFileName(fileName: string, text: string): string {
  return idFromFileNameAndHash(fileName, idNeedsText(fileName) ? textSha256(text) : null);
}
