// `npm run bench:import [-- --files N --big-mb M --pdf-pages P --keep]`: import at scale. Generates a set of
// text (UTF-8 and Shift_JIS), HTML and Word files from the bundled corpus's own sentences, then
// measures (1) extraction alone (decode, clean, mammoth), cold and warm, (2) the whole import
// into a fresh database (segment, index, record, keep the original), files/s, MB/s and peak RSS,
// and (3) one large HTML file and the adversarial shapes (nested and unclosed tags) up to the
// 20 MB limit, and (4) the 300-page Japanese PDF, cold and warm. Prints a table and ends with one
// JSON line (the figures docs/benchmarks.md records).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import { closeContext, openContext } from '../../electron/app/context';
import { loadBundledCorpus } from '../../electron/corpus/manifest';
import { importBatch } from '../../electron/import/batch';
import { extractSource } from '../../electron/import/extract';
import { htmlToText } from '../../electron/import/html';
import { actorOf, importDocument, isReadSource, journaledImport, readSource, writeImport } from '../../electron/import/import';
import { INLINE_BELOW_BYTES, prepareSource } from '../../electron/import/prepare';
import { defaultResourcesDir } from '../../electron/store/paths';
import { generateBenchPdf } from './pdf-set';
import { adversarialHtml, bigProseHtml, escapeHtml } from './import-set';
import { mulberry32 } from './prng';
import { storeCeiling } from './store-ceiling';
import { libraryPathFor } from '../../electron/store/library-file';

interface Args {
  files: number;
  bigMb: number;
  pdfPages: number;
  keep: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { files: 300, bigMb: 20, pdfPages: 300, keep: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--files') a.files = Number(argv[++i]);
    else if (argv[i] === '--big-mb') a.bigMb = Number(argv[++i]);
    else if (argv[i] === '--pdf-pages') a.pdfPages = Number(argv[++i]);
    else if (argv[i] === '--keep') a.keep = true;
  }
  if (!Number.isInteger(a.files) || a.files < 3) throw new Error('--files must be an integer ≥ 3');
  if (!(a.bigMb > 0 && a.bigMb <= 20)) throw new Error('--big-mb must be in (0, 20]');
  return a;
}


const esc = escapeHtml;
const mb = (bytes: number) => bytes / 1024 / 1024;
const rssMb = () => process.resourceUsage().maxRSS / 1024;

interface Generated {
  file: string;
  format: 'text' | 'html' | 'docx';
  bytes: number;
}

async function generate(dir: string, n: number): Promise<Generated[]> {
  const corpus = loadBundledCorpus(defaultResourcesDir());
  const sentences = corpus.documents.flatMap((d) => d.raw.split(/\n+/).map((l) => l.trim()).filter((l) => l.length >= 12 && !l.includes('\t')));
  const random = mulberry32(20261201);
  const pick = () => sentences[Math.floor(random() * sentences.length)];
  const out: Generated[] = [];
  for (let i = 0; i < n; i++) {
    const paragraphs = Array.from({ length: 40 + Math.floor(random() * 160) }, pick);
    const title = `取込ベンチ文書 ${i}`;
    const kind = i % 5;
    let file: string;
    let bytes: Buffer;
    if (kind <= 1) {
      // Text: mostly UTF-8, every other one Shift_JIS (what older ministry files are).
      const text = `${title}\n\n令和6年3月29日\n\n${paragraphs.map((p, j) => (j % 12 === 0 ? `${j / 12 + 1} ${p.slice(0, 20)}` : p)).join('\n\n')}\n`;
      file = path.join(dir, `text-${i}.txt`);
      bytes = kind === 0 ? Buffer.from(text) : Buffer.from(new TextEncoderShiftJis().encode(text));
    } else if (kind <= 3) {
      const body = paragraphs.map((p, j) => (j % 15 === 0 ? `<h2>${esc(p.slice(0, 20))}</h2>` : j % 7 === 0 ? `<ul><li>${esc(p)}</li></ul>` : `<p>${esc(p)}</p>`)).join('\n');
      file = path.join(dir, `page-${i}.html`);
      bytes = Buffer.from(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title><style>p{margin:0}</style></head><body><div class="main">${body}</div><script>var x=1;</script></body></html>`);
    } else {
      const children = paragraphs.map((p, j) => (j % 15 === 0 ? new Paragraph({ text: p.slice(0, 20), heading: HeadingLevel.HEADING_2 }) : new Paragraph(p)));
      const table = new Table({ rows: [0, 1, 2].map((r) => new TableRow({ children: [0, 1].map((c) => new TableCell({ children: [new Paragraph(r === 0 ? `列${c}` : pick())] })) })) });
      file = path.join(dir, `word-${i}.docx`);
      bytes = await Packer.toBuffer(new Document({ title, sections: [{ children: [...children, table] }] }));
    }
    fs.writeFileSync(file, bytes);
    out.push({ file, format: kind <= 1 ? 'text' : kind <= 3 ? 'html' : 'docx', bytes: bytes.length });
  }
  return out;
}

/**
 * Shift_JIS for the generated files. TextEncoder only writes UTF-8, so the table is built by
 * decoding every two-byte code with the platform's own Shift_JIS decoder and inverting it.
 */
class TextEncoderShiftJis {
  private static table: Map<string, number[]> | null = null;

  encode(text: string): Uint8Array {
    const table = (TextEncoderShiftJis.table ??= TextEncoderShiftJis.build());
    const out: number[] = [];
    for (const ch of text) {
      const code = ch.charCodeAt(0);
      if (code < 0x80) out.push(code);
      else out.push(...(table.get(ch) ?? [0x81, 0x48])); // ？ for the rare character Shift_JIS lacks
    }
    return Uint8Array.from(out);
  }

  private static build(): Map<string, number[]> {
    const decoder = new TextDecoder('shift_jis');
    const table = new Map<string, number[]>();
    for (let lead = 0x81; lead <= 0xfc; lead++) {
      if (lead > 0x9f && lead < 0xe0) continue;
      for (let trail = 0x40; trail <= 0xfc; trail++) {
        if (trail === 0x7f) continue;
        const ch = decoder.decode(Uint8Array.from([lead, trail]));
        if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [lead, trail]);
      }
    }
    return table;
  }
}

/** CPU milliseconds of this process (user + system): what the work costs, whatever the load. */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function extractAll(files: Generated[]): Promise<Record<string, { ms: number; cpu: number; bytes: number }>> {
  const by: Record<string, { ms: number; cpu: number; bytes: number }> = {};
  for (const g of files) {
    const bytes = fs.readFileSync(g.file);
    const t = performance.now();
    const c = cpuMs();
    await extractSource(bytes, path.basename(g.file));
    const f = (by[g.format] ??= { ms: 0, cpu: 0, bytes: 0 });
    f.ms += performance.now() - t;
    f.cpu += cpuMs() - c;
    f.bytes += bytes.length;
  }
  return by;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-import-bench-'));
  const srcDir = path.join(dir, 'sources');
  fs.mkdirSync(srcDir);
  console.log(`generating ${args.files} files in ${srcDir} …`);
  const files = await generate(srcDir, args.files);
  const totalBytes = files.reduce((n, f) => n + f.bytes, 0);
  const rows: [string, string][] = [];
  const result: Record<string, number | string> = { files: files.length, totalMB: +mb(totalBytes).toFixed(2) };

  // 1. Extraction alone, cold (first pass in this process) then warm.
  for (const pass of ['cold', 'warm'] as const) {
    const by = await extractAll(files);
    for (const [format, f] of Object.entries(by)) {
      const rate = mb(f.bytes) / (f.ms / 1000);
      const cpuRate = mb(f.bytes) / (f.cpu / 1000);
      rows.push([`extract ${format} (${pass})`, `${rate.toFixed(1)} MB/s wall, ${cpuRate.toFixed(1)} MB/s CPU  (${mb(f.bytes).toFixed(1)} MB in ${(f.ms / 1000).toFixed(2)} s)`]);
      result[`extract_${format}_${pass}_MBps`] = +rate.toFixed(1);
      result[`extract_${format}_${pass}_cpuMBps`] = +cpuRate.toFixed(1);
    }
  }

  // 2. The whole import into a fresh database: batched (importBatch), then one by one (one
  // documents.import call per file, which is what `workbench import FOLDER` and the dialog do today).
  const ctx = openContext({ dbPath: path.join(dir, 'workbench.db'), author: 'bench' });
  try {
    const t = performance.now();
    const c = cpuMs();
    const summary = await importBatch(ctx.db, files.map((g) => ({ path: g.file, read: () => fs.readFileSync(g.file) })));
    const s = (performance.now() - t) / 1000;
    const cs = (cpuMs() - c) / 1000;
    if (summary.failed.length) throw new Error(`bench files failed: ${JSON.stringify(summary.failed.slice(0, 3))}`);
    const statements = summary.imported.reduce((n, r) => n + r.statements, 0);
    rows.push(['import, all formats, batched (end to end)', `${(files.length / s).toFixed(1)} files/s, ${(mb(totalBytes) / s).toFixed(2)} MB/s  (${files.length} files, ${mb(totalBytes).toFixed(1)} MB, ${statements} statements in ${s.toFixed(1)} s)`]);
    rows.push(['  … CPU time of that import', `${cs.toFixed(1)} s (${(mb(totalBytes) / cs).toFixed(2)} MB/s CPU; the rest is waiting for fsync and the scheduler)`]);
    result.importCpuS = +cs.toFixed(1);
    result.importFilesPerS = +(files.length / s).toFixed(1);
    result.importMBps = +(mb(totalBytes) / s).toFixed(2);
    result.statements = statements;
    // What SQLite alone takes of the same statements (rows, then their FTS5 entries), nothing else:
    // the ceiling any import into this store stays under.
    const ceiling = storeCeiling(libraryPathFor(path.join(dir, 'workbench.db')), path.join(dir, 'scratch'), mb(totalBytes));
    if (ceiling.statements !== statements) throw new Error(`the ceiling copied ${ceiling.statements} statements, the import wrote ${statements}`);
    rows.push(['  … store ceiling: SQLite alone, one transaction, JS done before', `rows ${ceiling.rowsMBps} MB/s, FTS5 entries ${ceiling.ftsMBps} MB/s, both ${ceiling.bothMBps} MB/s (median of 3; the import reaches ${Math.round((100 * mb(totalBytes)) / s / ceiling.bothMBps)} % of it)`]);
    result.ceilingRowsMBps = ceiling.rowsMBps;
    result.ceilingFtsMBps = ceiling.ftsMBps;
    result.ceilingBothMBps = ceiling.bothMBps;
    // The same files one by one, a transaction (and two commits and the original's fsyncs) per
    // file: what one documents.import call per file costs (the CLI and the app's dialog today).
    const single = openContext({ dbPath: path.join(dir, 'one-by-one.db'), author: 'bench' });
    const t1 = performance.now();
    const c1 = cpuMs();
    for (const g of files) await importDocument(single.db, { fileName: path.basename(g.file), bytes: fs.readFileSync(g.file) });
    const s1 = (performance.now() - t1) / 1000;
    const cs1 = (cpuMs() - c1) / 1000;
    closeContext(single);
    rows.push(['import, all formats, one by one (end to end)', `${(files.length / s1).toFixed(1)} files/s, ${(mb(totalBytes) / s1).toFixed(2)} MB/s wall; ${cs1.toFixed(1)} s CPU (${(mb(totalBytes) / cs1).toFixed(2)} MB/s CPU)`]);
    result.importOneByOneS = +s1.toFixed(1);
    result.importOneByOneCpuS = +cs1.toFixed(1);
    result.importOneByOneMBps = +(mb(totalBytes) / s1).toFixed(2);
    result.importS = +s.toFixed(1);
    for (const format of ['text', 'html', 'docx'] as const) {
      const subset = files.filter((f) => f.format === format);
      const bytes = subset.reduce((n, f) => n + f.bytes, 0);
      const db2 = openContext({ dbPath: path.join(dir, `only-${format}.db`), author: 'bench' });
      const t2 = performance.now();
      const c2 = cpuMs();
      await importBatch(db2.db, subset.map((g) => ({ path: g.file, read: () => fs.readFileSync(g.file) })));
      const s2 = (performance.now() - t2) / 1000;
      const cs2 = (cpuMs() - c2) / 1000;
      closeContext(db2);
      rows.push([`import ${format} only, batched (end to end)`, `${(subset.length / s2).toFixed(1)} files/s, ${(mb(bytes) / s2).toFixed(2)} MB/s wall, ${(mb(bytes) / cs2).toFixed(2)} MB/s CPU`]);
      result[`import_${format}_MBps`] = +(mb(bytes) / s2).toFixed(2);
      result[`import_${format}_cpuMBps`] = +(mb(bytes) / cs2).toFixed(2);
    }

    // 3. One large HTML page up to the limit, and the adversarial shapes at the same size.
    const target = Math.floor(args.bigMb * 1024 * 1024) - 1024;
    const big = bigProseHtml(loadBundledCorpus(defaultResourcesDir()), target);
    const shapes: [string, string][] = [['html prose', big], ...adversarialHtml(target)];
    // Its paragraphs, one per line (the first piece also holds the page's head).
    const parts = big.split(/(?<=\n)/);
    for (const [name, html] of shapes) {
      const t3 = performance.now();
      const c3 = cpuMs();
      htmlToText(html);
      const s3 = (performance.now() - t3) / 1000;
      const cs3 = (cpuMs() - c3) / 1000;
      rows.push([`clean ${name}, ${mb(Buffer.byteLength(html)).toFixed(1)} MB`, `${s3.toFixed(2)} s wall, ${cs3.toFixed(2)} s CPU`]);
      result[`clean_${name.replace(/\W+/g, '_')}_s`] = +s3.toFixed(2);
      result[`clean_${name.replace(/\W+/g, '_')}_cpuS`] = +cs3.toFixed(2);
    }
    const t4 = performance.now();
    const c4 = cpuMs();
    const r = await importDocument(ctx.db, { fileName: 'big.html', bytes: Buffer.from(big) });
    const s4 = (performance.now() - t4) / 1000;
    const cs4 = (cpuMs() - c4) / 1000;
    rows.push([`import big.html ${mb(Buffer.byteLength(big)).toFixed(1)} MB (end to end)`, `${s4.toFixed(1)} s wall, ${cs4.toFixed(1)} s CPU, ${r.statements} statements`]);
    result.bigHtmlImportCpuS = +cs4.toFixed(1);
    result.bigHtmlImportS = +s4.toFixed(1);
    result.bigHtmlMB = +mb(Buffer.byteLength(big)).toFixed(1);
    // The same import again (as another document), split: preparing (the prepare worker: extract,
    // segment, then the statements' transfer to the API thread) and the write on the API thread
    // (rows, then the FTS rows from the worker's tokens, then commit), which the worker's token
    // computation overlaps.
    const t6 = performance.now();
    const read = await readSource(ctx.db, { fileName: 'big-split.html', bytes: Buffer.from(big), id: 'big-split', reextract: true });
    const s6 = performance.now() - t6;
    if (!isReadSource(read)) throw new Error('the split run was a duplicate');
    const t7 = performance.now();
    journaledImport(actorOf(ctx.db), 'document.import', { ja: '取り込み', en: 'import' }, (change, written) => writeImport(change, read, written));
    const s7 = performance.now() - t7;
    const tm = read.prepared.timing;
    rows.push([
      '  … split: prepare (worker) / write (API thread)',
      `${(s6 / 1000).toFixed(2)} s (extract ${(tm.extract / 1000).toFixed(2)}, segment ${(tm.segment / 1000).toFixed(2)}, transfer ${(tm.transfer / 1000).toFixed(2)}) / ${(s7 / 1000).toFixed(2)} s; tokens ${(read.prepared.tokens.workerMs / 1000).toFixed(2)} s on the worker beside the write, ${read.prepared.tokens.madeHere} chunks made on the API thread; total ${((s6 + s7) / 1000).toFixed(1)} s`,
    ]);
    result.bigHtmlPrepareS = +(s6 / 1000).toFixed(2);
    result.bigHtmlExtractS = +(tm.extract / 1000).toFixed(2);
    result.bigHtmlSegmentS = +(tm.segment / 1000).toFixed(2);
    result.bigHtmlTransferS = +(tm.transfer / 1000).toFixed(2);
    result.bigHtmlWriteS = +(s7 / 1000).toFixed(2);
    result.bigHtmlTokensWorkerS = +(read.prepared.tokens.workerMs / 1000).toFixed(2);
    result.bigHtmlChunksMadeOnApiThread = read.prepared.tokens.madeHere;
    result.bigHtmlSplitTotalS = +((s6 + s7) / 1000).toFixed(1);

    // Where a small file is better prepared inline: the API thread's wall time to have a file
    // prepared and all its tokens in hand, inline vs a round trip to the (running) worker, by size.
    for (const kb of [4, 16, 32, 64, 128, 512]) {
      const take: string[] = [];
      for (let n = 0, k = 1; n < kb * 1024; k++) {
        take.push(parts[k]);
        n += Buffer.byteLength(parts[k]);
      }
      const page = Buffer.from(`<html><body>${take.join('')}</body></html>`);
      const median = async (where: 'worker' | 'inline') => {
        const times: number[] = [];
        for (let k = 0; k < 9; k++) {
          const t8 = performance.now();
          const p = await prepareSource(page, 'threshold.html', { documentId: { id: 'threshold' }, where });
          for (let i = 0; i < p.document.statements.count; i++) p.tokens.take(i);
          p.tokens.release();
          times.push(performance.now() - t8);
        }
        return times.sort((a, b) => a - b)[4];
      };
      const inline = await median('inline');
      const worker = await median('worker');
      rows.push([`prepare ${(page.length / 1024).toFixed(0)} KB HTML: inline / worker round trip (median of 9)`, `${inline.toFixed(1)} / ${worker.toFixed(1)} ms${page.length < INLINE_BELOW_BYTES ? '  (inline below the threshold)' : ''}`]);
      result[`prepare_${kb}kb_inline_ms`] = +inline.toFixed(1);
      result[`prepare_${kb}kb_worker_ms`] = +worker.toFixed(1);
    }
  } finally {
    closeContext(ctx);
  }
  // 4. The 300-page Japanese PDF (bench:pdf's), through the real path (pdfjs in its worker,
  // layout, segmenter, one transaction), cold (the process's first PDF) then warm. CPU time and
  // peak RSS cover every thread of this process, the extraction worker included; the RSS read
  // here is the whole run's peak so far (the HTML shapes above are larger than the PDF's needs).
  const pdf = generateBenchPdf(args.pdfPages);
  const pdfCtx = openContext({ dbPath: path.join(dir, 'pdf.db'), author: 'bench' });
  try {
    for (const pass of ['cold', 'warm'] as const) {
      const t5 = performance.now();
      const c5 = cpuMs();
      // The warm pass reads the same bytes again as a re-extraction (else they are a duplicate: nothing read).
      const r5 = await importDocument(pdfCtx.db, { fileName: 'bench.pdf', bytes: pdf, id: `bench-pdf-${pass}`, reextract: pass === 'warm' });
      const s5 = (performance.now() - t5) / 1000;
      const cs5 = (cpuMs() - c5) / 1000;
      rows.push([`PDF ${args.pdfPages} pages, ${mb(pdf.length).toFixed(1)} MB (${pass})`, `${s5.toFixed(1)} s wall, ${cs5.toFixed(1)} s CPU, ${r5.statements} statements; peak RSS so far ${rssMb().toFixed(0)} MB`]);
      result[`pdf_${pass}_s`] = +s5.toFixed(1);
      result[`pdf_${pass}_cpuS`] = +cs5.toFixed(1);
    }
    result.pdfPages = args.pdfPages;
  } finally {
    closeContext(pdfCtx);
  }

  result.peakRssMB = +rssMb().toFixed(0);
  result.loadAvg = +os.loadavg()[0].toFixed(1);
  rows.push(['peak RSS (whole run)', `${rssMb().toFixed(0)} MB`]);
  const width = Math.max(...rows.map((r) => r[0].length));
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
  if (!args.keep) fs.rmSync(dir, { recursive: true, force: true });
  else console.log(`kept ${dir}`);
  console.log(JSON.stringify(result));
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
