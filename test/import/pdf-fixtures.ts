// Builds the PDF fixtures the PDF import tests read: Japanese pages printed by Debian's Chromium
// (running header, page-number footer, vertical writing, two columns), so the inputs are what a
// real browser or office suite prints rather than what the extractor expects.
import { chromium } from 'playwright-core';
import { CHROMIUM } from '../e2e/harness';

export interface PrintJob {
  html: string;
  /** Chromium's own header/footer templates (running matter on every page). */
  header?: string;
  footer?: string;
  landscape?: boolean;
}

/** Prints each job with one browser; returns the PDFs in order. */
export async function printPdfs(jobs: readonly PrintJob[]): Promise<Uint8Array[]> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const out: Uint8Array[] = [];
    for (const job of jobs) {
      const page = await browser.newPage();
      await page.setContent(job.html, { waitUntil: 'load' });
      const pdf = await page.pdf({
        format: 'A4',
        landscape: job.landscape ?? false,
        printBackground: false,
        displayHeaderFooter: !!(job.header || job.footer),
        headerTemplate: job.header ?? '<span></span>',
        footerTemplate: job.footer ?? '<span></span>',
        margin: { top: '25mm', bottom: '25mm', left: '20mm', right: '20mm' },
      });
      out.push(new Uint8Array(pdf));
      await page.close();
    }
    return out;
  } finally {
    await browser.close();
  }
}

const FONT = "font-family: 'Noto Sans CJK JP', 'Noto Serif CJK JP', sans-serif;";

/** A page of HTML in Japanese with the CJK font installed on this machine (fonts-noto-cjk). */
export function htmlPage(body: string, css = ''): string {
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><style>body { ${FONT} font-size: 11pt; line-height: 1.7; } h1 { font-size: 20pt; } h2 { font-size: 15pt; } ${css}</style></head><body>${body}</body></html>`;
}

export const RUNNING_HEADER = `<div style="${FONT} font-size: 9pt; width: 100%; text-align: center;">経済安全保障政策資料（取扱注意）</div>`;
export const PAGE_FOOTER = `<div style="${FONT} font-size: 9pt; width: 100%; text-align: center;"><span class="pageNumber"></span></div>`;
