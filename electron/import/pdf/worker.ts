// The PDF extraction thread: pdfjs parses the file here, page by page, so the thread that holds
// the database is never blocked by a long PDF; extract.ts bounds its memory and time.
import { parentPort, workerData } from 'node:worker_threads';
import { layoutDocument, pageLines, type PageLine, type TextRun } from './layout';
import type { PdfWorkerInput, PdfWorkerMessage } from './protocol';

// pdfjs ships as ES modules; Node ≥ 20.19 (and Electron's Node) load them with require().
// Its worker module is loaded into this thread, so pdfjs runs here without a nested worker.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfjs = require('pdfjs-dist/legacy/build/pdf.mjs') as typeof import('pdfjs-dist/legacy/build/pdf.mjs');
// eslint-disable-next-line @typescript-eslint/no-require-imports
(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = require('pdfjs-dist/legacy/build/pdf.worker.mjs');

const input = workerData as PdfWorkerInput;

function post(msg: PdfWorkerMessage): void {
  parentPort!.postMessage(msg);
}

interface TextItemLike {
  str?: string;
  transform?: number[];
  width?: number;
  height?: number;
  fontName?: string;
}

async function run(): Promise<void> {
  const task = pdfjs.getDocument({
    data: input.bytes,
    password: input.password,
    // Offline: CMaps and the 14 standard fonts come from the app's own resources folder, read
    // from disk by pdfjs's Node factories; no font is fetched, no code is generated at run time.
    cMapUrl: input.cMapDir,
    cMapPacked: true,
    standardFontDataUrl: input.standardFontDir,
    isEvalSupported: false,
    isOffscreenCanvasSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    useWorkerFetch: false,
    stopAtErrors: true,
    verbosity: 0,
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (e) {
    const err = e as { name?: string; code?: number; message?: string };
    if (err.name === 'PasswordException') {
      post({ type: 'failed', reason: err.code === 2 ? 'wrong-password' : 'encrypted', detail: err.message ?? '' });
    } else {
      post({ type: 'failed', reason: 'corrupt', detail: err.message ?? String(e) });
    }
    return;
  }
  const total = doc.numPages;
  if (total > input.maxPages) {
    post({ type: 'failed', reason: 'too-many-pages', detail: String(total) });
    return;
  }
  const labels = ((await doc.getPageLabels().catch(() => null)) ?? []).map((l) => (l ? l : null));
  const pages: { height: number; lines: PageLine[] }[] = [];
  for (let n = 1; n <= total; n++) {
    let lines: PageLine[];
    let height: number;
    try {
      const page = await doc.getPage(n);
      height = page.view[3] - page.view[1];
      const content = await page.getTextContent();
      const runs: TextRun[] = [];
      for (const raw of content.items as TextItemLike[]) {
        if (typeof raw.str !== 'string' || !raw.transform) continue;
        const style = raw.fontName ? (content.styles[raw.fontName] as { vertical?: boolean } | undefined) : undefined;
        runs.push({ str: raw.str, transform: raw.transform, width: raw.width ?? 0, height: raw.height ?? 0, verticalFont: !!style?.vertical });
      }
      // Page y runs from the bottom of its crop box; move it to 0 so the edge zones line up.
      for (const r of runs) r.transform = [...r.transform.slice(0, 5), r.transform[5] - page.view[1]];
      lines = pageLines({ height, runs });
      page.cleanup();
    } catch (e) {
      post({ type: 'failed', reason: 'page', page: n, detail: (e as Error).message ?? String(e) });
      return;
    }
    pages.push({ height, lines });
    post({ type: 'progress', done: n, total });
  }
  const info = (await doc.getMetadata().catch(() => null))?.info as { Title?: unknown } | undefined;
  await doc.destroy();
  const laid = layoutDocument(pages);
  post({
    type: 'done',
    text: laid.text,
    characters: laid.characters,
    pages: { count: total, labels: Array.from({ length: total }, (_, i) => labels[i] ?? null), runningMatter: laid.runningMatter },
    title: typeof info?.Title === 'string' && info.Title.trim() ? info.Title.trim() : null,
  });
}

run().catch((e: unknown) => post({ type: 'failed', reason: 'corrupt', detail: e instanceof Error ? e.message : String(e) }));
