// PDF extraction for the import: checks the file's frame, runs pdfjs in a worker thread under a
// memory and time budget, and turns every way a PDF can be unusable into a typed, specific error.
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError, type LocalizedText } from '../../../shared/errors';
import { defaultResourcesDir } from '../../store/paths';
import type { ExtractedSource } from '../extracted';
import type { HeadingCues } from './layout';
import type { PdfWorkerInput, PdfWorkerMessage } from './protocol';

/** A PDF header may follow up to 1 KB of junk (PDF 32000-1, 7.5.2 note); readers accept that. */
const HEADER_WINDOW = 1024;
/** The end-of-file marker must sit in the last bytes; scanning a little more tolerates trailing junk. */
const EOF_WINDOW = 2048;
/** More pages than this is not a document an analyst reads whole: refused before any parsing. */
export const MAX_PDF_PAGES = 5000;
/** The worker's V8 heap; with pdfjs's buffers the process stays well under 1 GB (docs/benchmarks.md). */
const WORKER_HEAP_MB = 768;
/** Time allowed: a base for opening plus a generous per-page share (a 300-page PDF takes ~10 s). */
const BASE_BUDGET_MS = 60_000;
const PER_PAGE_BUDGET_MS = 1_000;

export interface ExtractPdfOptions {
  fileName: string;
  password?: string;
  signal?: AbortSignal;
  onPage?: (done: number, total: number) => void;
  /** Tests: a tighter time budget (ms) than the default. */
  timeBudgetMs?: number;
  /** The evaluation: headings by size alone (before weight was read) or by size and weight (default). */
  headingCues?: HeadingCues;
}

export function isPdf(bytes: Uint8Array): boolean {
  return headerOffset(bytes) >= 0;
}

function headerOffset(bytes: Uint8Array): number {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, HEADER_WINDOW + 5)).toString('latin1');
  return head.indexOf('%PDF-');
}

function refuse(fileName: string, msg: LocalizedText, hint?: LocalizedText): AppError {
  return new AppError('bad-input', { ja: `${fileName}: ${msg.ja}`, en: `${fileName}: ${msg.en}` }, { subject: fileName, hint });
}

/**
 * Frame checks before pdfjs sees the file: pdfjs repairs a damaged file silently where it can,
 * which would import a truncated document as if it were whole.
 */
function checkFrame(bytes: Uint8Array, fileName: string): void {
  const start = headerOffset(bytes);
  if (start < 0) {
    throw refuse(fileName, { ja: 'PDF ではありません（先頭に %PDF- がありません）。', en: 'this is not a PDF (it does not start with %PDF-).' });
  }
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
  const firstObject = text.search(/\d+\s+\d+\s+obj\b/);
  if (firstObject < 0) {
    throw refuse(fileName, {
      ja: `PDF のヘッダー（${JSON.stringify(text.slice(start, start + 9).trim())}）だけで、中身のオブジェクトが一つもありません（${bytes.length} バイト）。`,
      en: `only a PDF header (${JSON.stringify(text.slice(start, start + 9).trim())}) and no objects (${bytes.length} bytes).`,
    });
  }
  if (!text.slice(-EOF_WINDOW).includes('%%EOF')) {
    const lastEnd = text.lastIndexOf('endobj');
    const objects = text.match(/\bendobj\b/g)?.length ?? 0;
    const where = lastEnd < 0 ? { ja: '完結したオブジェクトはありません', en: 'no object is complete' } : {
      ja: `完結したオブジェクトは ${objects} 個、最後のものはバイト ${lastEnd + 6} で終わっています`,
      en: `${objects} objects are complete, the last ending at byte ${lastEnd + 6}`,
    };
    throw refuse(
      fileName,
      { ja: `ファイルが途中で切れています: バイト ${bytes.length} で終わり、終端の %%EOF がありません（${where.ja}）。`, en: `the file is truncated: it ends at byte ${bytes.length} without the closing %%EOF (${where.en}).` },
      { ja: 'ダウンロードやコピーをやり直してください。', en: 'Download or copy the file again.' },
    );
  }
}

function firstExisting(candidates: readonly string[]): string | null {
  for (const c of candidates) if (fs.existsSync(c)) return c;
  return null;
}

/** pdfjs's CMaps and standard fonts: the app's resources/pdfjs, or the package's own in a source tree. */
export function pdfAssetDirs(): { cMapDir: string; standardFontDir: string } {
  const shipped = path.join(defaultResourcesDir(), 'pdfjs');
  const pkg = path.dirname(require.resolve('pdfjs-dist/package.json'));
  const cMap = firstExisting([path.join(shipped, 'cmaps'), path.join(pkg, 'cmaps')]);
  const fonts = firstExisting([path.join(shipped, 'standard_fonts'), path.join(pkg, 'standard_fonts')]);
  if (!cMap || !fonts) {
    throw new AppError('unavailable', { ja: 'PDF 用の CMap・標準フォントが見つかりません（resources/pdfjs）。', en: 'The CMaps and standard fonts for PDF are missing (resources/pdfjs).' }, { subject: shipped });
  }
  // pdfjs appends file names to these: they must end with a separator.
  return { cMapDir: cMap + path.sep, standardFontDir: fonts + path.sep };
}

/** The compiled worker beside this file; from a source tree (tests), the built one in dist/. */
function workerScript(): string {
  const script = firstExisting([path.join(__dirname, 'worker.js'), path.resolve(__dirname, '../../../dist/electron/import/pdf/worker.js')]);
  if (!script) {
    throw new AppError('unavailable', { ja: 'PDF 抽出器がビルドされていません（npm run build）。', en: 'The PDF extractor is not built (run npm run build).' }, { subject: 'dist/electron/import/pdf/worker.js' });
  }
  return script;
}

function failureError(fileName: string, msg: Extract<PdfWorkerMessage, { type: 'failed' }>): AppError {
  switch (msg.reason) {
    case 'encrypted':
      return refuse(fileName, { ja: '暗号化されています。パスワードを指定してください。', en: 'encrypted; give its password.' }, { ja: 'CLI では --password、取り込みダイアログではパスワード欄に入力します。', en: 'Use --password in the CLI, or the password field of the import dialog.' });
    case 'wrong-password':
      return refuse(fileName, { ja: '暗号化されています。指定されたパスワードでは開けません。', en: 'encrypted, and the password given does not open it.' });
    case 'too-many-pages':
      return refuse(fileName, { ja: `ページ数が多すぎます（${msg.detail} ページ、上限 ${MAX_PDF_PAGES}）。分割して取り込んでください。`, en: `too many pages (${msg.detail}; the limit is ${MAX_PDF_PAGES}); split it first.` });
    case 'page':
      return refuse(fileName, { ja: `${msg.page} ページ目を読めません（壊れています）: ${msg.detail}`, en: `page ${msg.page} cannot be read (damaged): ${msg.detail}` });
    default:
      return refuse(fileName, { ja: `PDF の構造が壊れていて読めません: ${msg.detail}`, en: `the PDF structure is damaged: ${msg.detail}` });
  }
}

/**
 * Extracts a PDF's text for the segmenter: pages joined by '\f', running matter lifted out into
 * `pages.runningMatter`, page labels from /PageLabels. Refuses a scanned (image-only), encrypted,
 * truncated or damaged file with a specific error and never returns partial text.
 */
export function extractPdf(bytes: Uint8Array, opts: ExtractPdfOptions): Promise<ExtractedSource> {
  const { fileName } = opts;
  checkFrame(bytes, fileName);
  if (opts.signal?.aborted) return Promise.reject(cancelled(fileName));
  const input: PdfWorkerInput = { bytes: new Uint8Array(bytes), password: opts.password, ...pdfAssetDirs(), maxPages: MAX_PDF_PAGES, headingCues: opts.headingCues };
  const worker = new Worker(workerScript(), { workerData: input, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
  return new Promise<ExtractedSource>((resolve, reject) => {
    let settled = false;
    let budget = opts.timeBudgetMs ?? BASE_BUDGET_MS;
    const finish = (err: AppError | null, value?: ExtractedSource) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      if (err) reject(err);
      else resolve(value!);
    };
    const onTimeout = () => finish(refuse(fileName, { ja: `抽出が時間の上限（${Math.round(budget / 1000)} 秒）を超えました。`, en: `extraction took longer than its budget (${Math.round(budget / 1000)} s).` }));
    let timer = setTimeout(onTimeout, budget);
    const onAbort = () => finish(cancelled(fileName));
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (msg: PdfWorkerMessage) => {
      if (msg.type === 'progress') {
        if (msg.done === 1 && opts.timeBudgetMs === undefined) {
          // Now the page count is known: the budget grows with it.
          clearTimeout(timer);
          budget = BASE_BUDGET_MS + PER_PAGE_BUDGET_MS * msg.total;
          timer = setTimeout(onTimeout, budget);
        }
        opts.onPage?.(msg.done, msg.total);
        return;
      }
      if (msg.type === 'failed') return finish(failureError(fileName, msg));
      if (msg.characters === 0) {
        return finish(refuse(fileName, { ja: `文字情報（テキスト層）がありません（スキャン画像の PDF です。${msg.pages.count} ページ）。OCR には対応していません。`, en: `no text layer (a scanned PDF, ${msg.pages.count} pages); OCR is not available.` }));
      }
      finish(null, { format: 'pdf', text: msg.text, encoding: null, pages: msg.pages, meta: msg.title ? { title: msg.title } : {} });
    });
    worker.on('error', (e: Error & { code?: string }) => {
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        return finish(refuse(fileName, { ja: `抽出がメモリの上限（${WORKER_HEAP_MB} MB）を超えました。分割して取り込んでください。`, en: `extraction exceeded its memory budget (${WORKER_HEAP_MB} MB); split the file first.` }));
      }
      finish(refuse(fileName, { ja: `PDF を読めません: ${e.message}`, en: `the PDF cannot be read: ${e.message}` }));
    });
    worker.on('exit', (code) => {
      if (!settled) finish(refuse(fileName, { ja: `PDF 抽出が終了コード ${code} で止まりました。`, en: `the PDF extractor stopped (exit code ${code}).` }));
    });
  });
}

function cancelled(fileName: string): AppError {
  return new AppError('cancelled', { ja: `${fileName}: 取り込みを取り消しました。何も書き込まれていません。`, en: `${fileName}: the import was cancelled; nothing was written.` }, { subject: fileName });
}
