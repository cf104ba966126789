// Reads and validates resources/corpus/manifest.json and the files it lists, before anything
// is written: a missing or unreadable bundled file is an error naming that file.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { isIsoDate } from '../../shared/date';
import { AppError } from '../../shared/errors';
import type { DocumentMeta } from '../../shared/model';
import { DOCUMENT_KINDS } from '../../shared/model';
import { SEGMENTER_VERSION } from './segment/version';
import { sha256 } from './sha256';

const ManifestEntry = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase kebab id'),
  title: z.string().min(1),
  date: z.string().refine(isIsoDate, 'date: YYYY-MM-DD').nullable(),
  issuer: z.string().nullable(),
  kind: z.enum(DOCUMENT_KINDS),
  language: z.string().min(2),
  source: z.string().min(1),
}).passthrough();

const Manifest = z.object({ version: z.literal(1), documents: z.array(ManifestEntry).min(1) });

export interface BundledDocument {
  meta: DocumentMeta;
  raw: string;
  contentHash: string;
}

export interface BundledCorpus {
  documents: BundledDocument[];
  /** Hash over the manifest and every file: unchanged hash, nothing to ingest. */
  corpusHash: string;
}

export { sha256 };

function readText(file: string, what: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new AppError(
      'io',
      {
        ja: `同梱コーパスの${what} ${file} を読めません（${code}）。アプリを再インストールしてください。`,
        en: `Cannot read the bundled corpus ${what} ${file} (${code}). Reinstall the app.`,
      },
      { subject: file, cause: e },
    );
  }
}

export function loadBundledCorpus(resourcesDir: string): BundledCorpus {
  const dir = path.join(resourcesDir, 'corpus');
  const manifestPath = path.join(dir, 'manifest.json');
  const manifestText = readText(manifestPath, 'マニフェスト');
  let parsed: z.infer<typeof Manifest>;
  try {
    parsed = Manifest.parse(JSON.parse(manifestText));
  } catch (e) {
    const detail = e instanceof z.ZodError ? e.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : (e as Error).message;
    throw new AppError(
      'bad-input',
      { ja: `マニフェスト ${manifestPath} が不正です: ${detail}`, en: `The manifest ${manifestPath} is invalid: ${detail}` },
      { subject: manifestPath, cause: e },
    );
  }
  const hash = crypto.createHash('sha256').update(`segmenter ${SEGMENTER_VERSION}\u0000`).update(manifestText);
  const documents = parsed.documents.map((entry) => {
    const file = path.join(dir, path.basename(entry.source));
    const raw = readText(file, 'ファイル');
    hash.update(raw);
    const meta: DocumentMeta = {
      id: entry.id,
      title: entry.title,
      date: entry.date,
      issuer: entry.issuer,
      kind: entry.kind,
      language: entry.language,
      source: entry.source,
    };
    return { meta, raw, contentHash: sha256(raw) };
  });
  return { documents, corpusHash: hash.digest('hex') };
}
