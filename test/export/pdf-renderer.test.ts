// The PDF renderers without printing for real: the Electron adapter against a fake window, the
// renderer registry, the clear error when no Chromium can be found, and stopping on cancel.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { printJob } from '../../electron/export/html';
import { chromiumCandidates, chromiumMissing, chromiumPdfRenderer, electronPdfRenderer, electronPrintOptions, findChromium, pdfRenderer, renderPdfWithChromium, setPdfRenderer, type PrintingWindow } from '../../electron/export/pdf';
import type { ResolvedBriefing } from '../../shared/briefing';

const doc: ResolvedBriefing = { id: 'b', title: '題名', subtitle: '', author: 'a', date: '2026-01-01', marking: '取扱注意', language: 'ja', summary: '', dateStyle: 'seireki', addressee: '', sender: '', docNumber: '', toc: false, sections: [], sources: [], unresolved: 0 };

afterEach(() => setPdfRenderer(null));

describe('electronPdfRenderer', () => {
  it('loads the print HTML from a temporary file, prints with the job options and cleans up', async () => {
    const job = printJob(doc);
    let loaded = '';
    let html = '';
    let destroyed = false;
    const win: PrintingWindow = {
      loadURL: async (url) => {
        loaded = url;
        html = fs.readFileSync(new URL(url), 'utf8');
      },
      webContents: { printToPDF: async (o) => { expect(o).toEqual(electronPrintOptions(job)); return new TextEncoder().encode('%PDF-fake'); } },
      destroy: () => void (destroyed = true),
    };
    const pdf = await electronPdfRenderer(() => win)(job);
    expect(new TextDecoder().decode(pdf)).toBe('%PDF-fake');
    expect(loaded).toMatch(/^file:\/\//);
    expect(html).toBe(job.html);
    expect(destroyed).toBe(true);
    expect(fs.existsSync(new URL(loaded))).toBe(false);
  });

  it('converts the margins to inches and keeps the header and footer templates', () => {
    const job = printJob(doc);
    const o = electronPrintOptions(job);
    expect(o.margins.top).toBeCloseTo(job.marginsMm.top / 25.4);
    expect(o).toMatchObject({ pageSize: 'A4', displayHeaderFooter: true, printBackground: true });
    expect(o.headerTemplate).toContain('取扱注意');
    expect(o.footerTemplate).toContain('class="pageNumber"');
    expect(o.footerTemplate).toContain('class="totalPages"');
  });

  it('reports a failed print as a typed error and still closes the window', async () => {
    let destroyed = false;
    const win: PrintingWindow = { loadURL: async () => undefined, webContents: { printToPDF: async () => { throw new Error('printer gone'); } }, destroy: () => void (destroyed = true) };
    await expect(electronPdfRenderer(() => win)(printJob(doc))).rejects.toMatchObject({ code: 'internal', message: expect.stringContaining('printer gone') });
    expect(destroyed).toBe(true);
  });

  it('destroys the hidden window as soon as its export is cancelled, mid-print', async () => {
    let destroyed = 0;
    let printing: () => void = () => undefined;
    const started = new Promise<void>((r) => (printing = r));
    // Electron rejects a print whose window was destroyed; the fake does the same.
    let fail: (e: Error) => void = () => undefined;
    const win: PrintingWindow = {
      loadURL: async () => undefined,
      webContents: {
        printToPDF: () =>
          new Promise<Uint8Array>((_resolve, reject) => {
            fail = reject;
            printing();
          }),
      },
      destroy: () => {
        destroyed++;
        fail(new Error('Object has been destroyed'));
      },
    };
    const controller = new AbortController();
    const rendering = electronPdfRenderer(() => win)(printJob(doc), controller.signal);
    await started;
    expect(destroyed).toBe(0);
    controller.abort();
    await expect(rendering).rejects.toMatchObject({ code: 'internal' });
    expect(destroyed).toBe(1);
  });
});

describe('renderer registry and Chromium discovery', () => {
  it('defaults to headless Chromium and can be replaced and reset', () => {
    expect(pdfRenderer()).toBe(renderPdfWithChromium);
    const mine = async () => new Uint8Array();
    setPdfRenderer(mine);
    expect(pdfRenderer()).toBe(mine);
    setPdfRenderer(null);
    expect(pdfRenderer()).toBe(renderPdfWithChromium);
  });

  it('honours WORKBENCH_CHROMIUM and names what is missing', () => {
    expect(chromiumCandidates({ WORKBENCH_CHROMIUM: '/opt/x/chrome' }, 'linux')[0]).toBe('/opt/x/chrome');
    expect(findChromium({ WORKBENCH_CHROMIUM: '/nonexistent/chrome', PATH: '' })).toBe(findChromium({}));
    const e = chromiumMissing({ WORKBENCH_CHROMIUM: '/nonexistent/chrome' });
    expect(e.code).toBe('unavailable');
    expect(e.localized.en).toContain('/nonexistent/chrome');
    expect(e.localized.ja).toContain('Chromium');
    expect(e.hint?.en).toMatch(/apt-get install chromium/);
  });

  it('fails with the unavailable error naming where it looked when no browser is found', async () => {
    const render = chromiumPdfRenderer({ candidates: ['/nonexistent/chromium', '/nonexistent/chrome'] });
    const e = await render(printJob(doc)).then(() => null, (x: unknown) => x);
    expect(e).toMatchObject({ code: 'unavailable', subject: 'chromium' });
    expect((e as Error).message).toContain('/nonexistent/chromium, /nonexistent/chrome');
  });

  it('stops the browser when its export is cancelled, leaving no PDF and no profile behind', async () => {
    const chromium = findChromium();
    if (!chromium) throw new Error('Chromium is required for this test (.ci/run installs it)');
    // A private temp folder (os.tmpdir() follows TMPDIR), so other tests' profiles never count.
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-pdf-cancel-'));
    const savedTmp = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    try {
      const controller = new AbortController();
      const rendering = chromiumPdfRenderer({ candidates: [chromium] })(printJob(doc), controller.signal);
      // Abort once the browser's profile exists, i.e. while Chromium is starting or printing.
      await expect.poll(() => fs.readdirSync(tmp).some((f) => f.startsWith('wb-pdf-')), { timeout: 20_000, interval: 5 }).toBe(true);
      controller.abort();
      await expect(rendering).rejects.toMatchObject({ code: 'unavailable' });
      expect(fs.readdirSync(tmp)).toEqual([]);
    } finally {
      if (savedTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = savedTmp;
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
