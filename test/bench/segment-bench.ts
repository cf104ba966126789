// `npm run bench:segment [-- --runs N --mb M]` (N warm runs, 7 by default): the pure stages of importing the largest HTML page
// (issue 12's "any HTML of ≤ 20 MB"), each timed alone in this process: htmlToText of the page,
// segmentDocument of its text, and the index tokens of every statement (normalizeKey then
// indexTokensUtf8, what the indexer binds). The first run of each is reported as cold (lazy
// tables, JIT), then the median, min and max of the warm runs; CPU time beside wall time.
import os from 'node:os';
import { loadBundledCorpus } from '../../electron/corpus/manifest';
import { segmentDocument } from '../../electron/corpus/segment';
import { htmlToText } from '../../electron/import/html';
import { indexTokensUtf8 } from '../../electron/search/fts';
import { defaultResourcesDir } from '../../electron/store/paths';
import type { DocumentMeta } from '../../shared/model';
import { normalizeKey } from '../../shared/text/normalize';
import { bigProseHtml } from './import-set';

function parseArgs(argv: string[]): { runs: number; mb: number } {
  const a = { runs: 7, mb: 20 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--runs') a.runs = Number(argv[++i]);
    else if (argv[i] === '--mb') a.mb = Number(argv[++i]);
  }
  if (!Number.isInteger(a.runs) || a.runs < 1) throw new Error('--runs (warm runs after the cold one) must be an integer ≥ 1');
  if (!(a.mb > 0 && a.mb <= 20)) throw new Error('--mb must be in (0, 20]');
  return a;
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

interface Timing {
  wall: number;
  cpu: number;
}

function time(run: () => unknown): Timing {
  const t = performance.now();
  const c = cpuMs();
  run();
  return { wall: performance.now() - t, cpu: cpuMs() - c };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const corpus = loadBundledCorpus(defaultResourcesDir());
  const html = bigProseHtml(corpus, Math.floor(args.mb * 1024 * 1024) - 1024);
  const meta: DocumentMeta = { id: 'big', title: '大きな文書', date: null, issuer: null, kind: 'other', language: 'ja', source: 'big.html' };
  // The first call of each stage in this process is its cold run.
  let text = '';
  const coldHtml = time(() => (text = htmlToText(html).text));
  let seg = segmentDocument('', meta);
  const coldSeg = time(() => (seg = segmentDocument(text, meta)));
  const texts = seg.statements.map((s) => s.text);
  let tokenBytes = 0;
  const stages: [string, () => unknown][] = [
    ['htmlToText', () => htmlToText(html)],
    ['segmentDocument', () => segmentDocument(text, meta)],
    ['normalizeKey', () => { for (const t of texts) normalizeKey(t); }],
    ['normalizeKey + indexTokensUtf8', () => {
      tokenBytes = 0;
      for (const t of texts) tokenBytes += indexTokensUtf8(normalizeKey(t)).length;
    }],
  ];
  // The stages are interleaved by run so a background load spike does not land on one stage's runs only.
  const results = new Map<string, Timing[]>(stages.map(([n]) => [n, []]));
  results.get('htmlToText')!.push(coldHtml);
  results.get('segmentDocument')!.push(coldSeg);
  results.get('normalizeKey')!.push(time(stages[2][1]));
  results.get('normalizeKey + indexTokensUtf8')!.push(time(stages[3][1]));
  for (let r = 0; r < args.runs; r++) for (const [name, run] of stages) results.get(name)!.push(time(run));
  const mb = Buffer.byteLength(html) / 1024 / 1024;
  console.log(`input: ${mb.toFixed(1)} MB HTML, ${(text.length / 1e6).toFixed(2)} M UTF-16 units of text, ${seg.statements.length} statements, ${(tokenBytes / 1024 / 1024).toFixed(1)} MB of token bytes`);
  const json: Record<string, number | string> = { mb: +mb.toFixed(1), statements: seg.statements.length, runs: args.runs };
  for (const [name, ts] of results) {
    const warm = ts.slice(1);
    const w = warm.map((t) => t.wall);
    const line = `${name.padEnd(32)} cold ${ts[0].wall.toFixed(0).padStart(5)} ms | warm median ${median(w).toFixed(0).padStart(5)} ms (min ${Math.min(...w).toFixed(0)}, max ${Math.max(...w).toFixed(0)}), CPU median ${median(warm.map((t) => t.cpu)).toFixed(0)} ms`;
    console.log(line);
    const key = name.replace(/\W+/g, '_');
    json[`${key}_cold_ms`] = Math.round(ts[0].wall);
    json[`${key}_median_ms`] = Math.round(median(w));
  }
  json.loadAvg = +os.loadavg()[0].toFixed(2);
  json.node = process.version;
  console.log(JSON.stringify(json));
}

main();
