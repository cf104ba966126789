// The PDF extraction thread: pdfjs parses the file here, page by page, so the thread that holds
// the database is never blocked by a long PDF; extract.ts bounds its memory and time.
import { parentPort, workerData } from 'node:worker_threads';
import { fontTraits, type FontTraits } from './fonts';
import { layoutDocument, pageLines, type PageLine, type TextRun } from './layout';
import type { PdfWorkerInput, PdfWorkerMessage } from './protocol';
import { citableTitle } from './title';

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

/** How long a font announced by the operator list may take to arrive (it is already parsed by then). */
const FONT_WAIT_MS = 2_000;

type PdfPage = Awaited<ReturnType<Awaited<ReturnType<typeof pdfjs.getDocument>['promise']>['getPage']>>;

/**
 * The weight and typeface of the fonts a page's text uses, by pdfjs's font id. Text content names
 * a font but says nothing of its weight; the font object (its name, pdfjs's bold/black flags)
 * reaches this side only when the page's operator list is built, so that is asked for only when
 * the page uses a font not met before: most documents pay for it on their first page alone.
 * A page whose operators cannot be read keeps its text; its new fonts count as regular.
 */
async function learnFonts(page: PdfPage, names: readonly string[], known: Map<string, FontTraits>): Promise<void> {
  const unknown = names.filter((n) => !known.has(n));
  if (!unknown.length) return;
  try {
    await page.getOperatorList();
  } catch {
    for (const n of unknown) known.set(n, { bold: false, face: null });
    return;
  }
  for (const n of unknown) {
    const font = await new Promise<unknown>((resolve) => {
      const timer = setTimeout(() => resolve(null), FONT_WAIT_MS);
      page.commonObjs.get(n, (value: unknown) => {
        clearTimeout(timer);
        resolve(value);
      });
    });
    // A font that failed to load resolves as its error message (a string).
    const f = font && typeof font === 'object' ? (font as { name?: unknown; bold?: unknown; black?: unknown }) : null;
    known.set(n, f && typeof f.name === 'string' ? fontTraits(f.name, { bold: f.bold === true, black: f.black === true }) : { bold: false, face: null });
  }
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
  const fonts = new Map<string, FontTraits>();
  for (let n = 1; n <= total; n++) {
    let lines: PageLine[];
    let height: number;
    try {
      const page = await doc.getPage(n);
      height = page.view[3] - page.view[1];
      const content = await page.getTextContent();
      const items = (content.items as TextItemLike[]).filter((raw) => typeof raw.str === 'string' && raw.transform);
      // Size-only headings (the evaluation's baseline) need no fonts: that run costs what it did before.
      if (input.headingCues !== 'size') await learnFonts(page, [...new Set(items.map((raw) => raw.fontName ?? '').filter(Boolean))], fonts);
      const runs: TextRun[] = [];
      for (const raw of items) {
        const style = raw.fontName ? (content.styles[raw.fontName] as { vertical?: boolean } | undefined) : undefined;
        const traits = raw.fontName ? fonts.get(raw.fontName) : undefined;
        runs.push({
          str: raw.str!, transform: raw.transform!, width: raw.width ?? 0, height: raw.height ?? 0, verticalFont: !!style?.vertical,
          bold: traits?.bold ?? false, face: traits?.face ?? null,
        });
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
  const laid = layoutDocument(pages, { headingCues: input.headingCues });
  post({
    type: 'done',
    text: laid.text,
    characters: laid.characters,
    pages: { count: total, labels: Array.from({ length: total }, (_, i) => labels[i] ?? null), runningMatter: laid.runningMatter },
    title: citableTitle(info?.Title),
  });
}

run().catch((e: unknown) => post({ type: 'failed', reason: 'corrupt', detail: e instanceof Error ? e.message : String(e) }));
