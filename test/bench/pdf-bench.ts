// `npm run bench:pdf [-- --pages N]`: imports a generated Japanese PDF of N pages (default 300:
// 40 lines a page in a non-embedded Ryumin-Light CID font, a running header and page numbers)
// through the real path (frame checks, pdfjs in its worker, layout, segmenter, one transaction),
// twice: cold (a fresh process's first PDF: pdfjs, CMaps and fonts loaded) and warm. Prints
// seconds and peak RSS (the whole process, the extraction worker included); target < 30 s, < 1 GB.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeContext, openContext } from '../../electron/app/context';
import { importDocument } from '../../electron/import/import';
import { generateBenchPdf } from './pdf-set';

async function main(): Promise<void> {
  const i = process.argv.indexOf('--pages');
  const pages = i > 0 ? Number(process.argv[i + 1]) : 300;
  if (!Number.isInteger(pages) || pages < 1) throw new Error('--pages must be a positive integer');
  const bytes = generateBenchPdf(pages);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-pdf-bench-'));
  const ctx = openContext({ dbPath: path.join(dir, 'bench.db'), author: 'bench' });
  const runs: { run: string; seconds: number; statements: number }[] = [];
  try {
    for (const run of ['cold', 'warm']) {
      const t0 = process.hrtime.bigint();
      const r = await importDocument(ctx.db, { fileName: 'bench.pdf', bytes, id: `bench-${run}` });
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      runs.push({ run, seconds: Math.round(seconds * 100) / 100, statements: r.statements });
      console.log(`${run}: ${pages} pages, ${(bytes.length / 1024 / 1024).toFixed(1)} MB, ${r.statements} statements in ${seconds.toFixed(2)} s`);
    }
  } finally {
    closeContext(ctx);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  // maxRSS is in kilobytes and covers every thread of this process, the pdfjs worker included.
  const peakMb = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(`peak RSS: ${peakMb} MB (targets: < 30 s, < 1024 MB)`);
  console.log(JSON.stringify({ bench: 'pdf', pages, bytes: bytes.length, runs, peakRssMb: peakMb, cpus: os.cpus().length, node: process.version, date: new Date().toISOString() }));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
