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
import { buildPdf, textAt } from '../import/pdf-handmade';

const LINE = '経済安全保障推進法に基づき特定重要物資の安定的な供給を確保する施策を講ずる。';

function generate(pages: number): Uint8Array {
  return buildPdf({
    pages: Array.from({ length: pages }, (_, p) => {
      let content = textAt('F1', 9, 220, 810, '経済安全保障政策資料（取扱注意）');
      if (p % 10 === 0) content += textAt('F1', 16, 56, 770, `第${p / 10 + 1}章　重要物資の供給確保`);
      for (let l = 0; l < 40; l++) content += textAt('F1', 10.5, 56, 740 - l * 17, `${l % 8 === 0 ? '　' : ''}${LINE.slice(0, 38)}`);
      return { content: content + textAt('F4', 9, 290, 30, `- ${p + 1} -`) };
    }),
  });
}

async function main(): Promise<void> {
  const i = process.argv.indexOf('--pages');
  const pages = i > 0 ? Number(process.argv[i + 1]) : 300;
  if (!Number.isInteger(pages) || pages < 1) throw new Error('--pages must be a positive integer');
  const bytes = generate(pages);
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
