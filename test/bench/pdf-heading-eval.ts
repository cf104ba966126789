// `npm run eval:pdf-headings [-- --json] [--mistakes] [--set tuning|heldout]`: precision and recall of PDF heading
// detection on the two labelled sets of test/fixtures/pdf-headings (tuning, held-out), for headings
// by size alone (the rule before weight was read) and by size and weight. `--mistakes` lists the
// tuning set's misses and false headings only: reading the held-out set's mistakes is tuning on it.
import fs from 'node:fs';
import path from 'node:path';
import { extractPdf } from '../../electron/import/pdf';
import type { HeadingCues } from '../../electron/import/pdf/layout';
import { normalizeKey } from '../../shared/text/normalize';

export const HEADING_FIXTURES = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'pdf-headings');
/** From the source tree (vitest) the fixtures are two folders up, not three. */
const FIXTURE_DIRS = [HEADING_FIXTURES, path.resolve(__dirname, '..', 'fixtures', 'pdf-headings')];

export type HeadingSet = 'tuning' | 'heldout';
export const HEADING_CUES: readonly HeadingCues[] = ['size', 'size+weight'];

export interface HeadingLabels {
  set: HeadingSet;
  documents: { file: string; style: string; headings: string[]; distractors: { kind: string; text: string }[] }[];
}

export interface SetScore {
  documents: number;
  labelled: number;
  detected: number;
  truePositives: number;
  precision: number;
  recall: number;
  /** Wall time of the set's extractions (each PDF in a fresh worker, as an import runs it). */
  ms: number;
  /** Per document: headings labelled but not found, and lines found that are not labelled headings. */
  mistakes: { file: string; missed: string[]; falseHeadings: string[] }[];
}

function fixtureDir(): string {
  const dir = FIXTURE_DIRS.find((d) => fs.existsSync(path.join(d, 'tuning.json')));
  if (!dir) throw new Error(`the labelled PDF heading sets are missing (looked in ${FIXTURE_DIRS.join(', ')})`);
  return dir;
}

export function loadLabels(set: HeadingSet): HeadingLabels {
  return JSON.parse(fs.readFileSync(path.join(fixtureDir(), `${set}.json`), 'utf8')) as HeadingLabels;
}

/** Headings compare as search compares text (no spaces, １ = 1, variant kanji folded). */
export function headingKey(text: string): string {
  return normalizeKey(text);
}

/** The heading lines (`#`, `##` …) of the text the PDF extractor gives the segmenter. */
export function headingLines(extractedText: string): string[] {
  return extractedText.split('\n').flatMap((l) => {
    const m = /^#{1,6}[ \t]+(.*)$/.exec(l);
    return m ? [m[1]] : [];
  });
}

/** Matches found headings to labelled ones, each label at most once (a multiset). */
export function scoreDocument(labelled: readonly string[], found: readonly string[]): { tp: number; missed: string[]; falseHeadings: string[] } {
  const open = new Map<string, number>();
  for (const l of labelled) open.set(headingKey(l), (open.get(headingKey(l)) ?? 0) + 1);
  const falseHeadings: string[] = [];
  let tp = 0;
  for (const f of found) {
    const k = headingKey(f);
    const left = open.get(k) ?? 0;
    if (left > 0) {
      open.set(k, left - 1);
      tp++;
    } else falseHeadings.push(f);
  }
  const missed = labelled.filter((l) => {
    const k = headingKey(l);
    const left = open.get(k) ?? 0;
    if (left <= 0) return false;
    open.set(k, left - 1);
    return true;
  });
  return { tp, missed, falseHeadings };
}

/** Extracts every PDF of a set through the real extractor (worker, pdfjs, layout) and scores it. */
export async function evaluateHeadings(set: HeadingSet, cues: HeadingCues): Promise<SetScore> {
  const labels = loadLabels(set);
  const dir = fixtureDir();
  let labelled = 0;
  let detected = 0;
  let tp = 0;
  const mistakes: SetScore['mistakes'] = [];
  const started = performance.now();
  for (const doc of labels.documents) {
    const bytes = new Uint8Array(fs.readFileSync(path.join(dir, doc.file)));
    const extracted = await extractPdf(bytes, { fileName: path.basename(doc.file), headingCues: cues });
    const found = headingLines(extracted.text);
    const s = scoreDocument(doc.headings, found);
    labelled += doc.headings.length;
    detected += found.length;
    tp += s.tp;
    mistakes.push({ file: doc.file, missed: s.missed, falseHeadings: s.falseHeadings });
  }
  return {
    documents: labels.documents.length, labelled, detected, truePositives: tp,
    precision: detected ? tp / detected : 0, recall: labelled ? tp / labelled : 0, mistakes, ms: performance.now() - started,
  };
}

function row(set: HeadingSet, cues: HeadingCues, s: SetScore): string {
  return `| ${cues} | ${set} (${s.documents} PDFs, ${s.labelled} headings) | ${s.precision.toFixed(3)} | ${s.recall.toFixed(3)} | ${s.truePositives} / ${s.detected} / ${s.labelled} | ${(s.ms / 1000).toFixed(1)} s |`;
}

async function main(argv: string[]): Promise<void> {
  const json = argv.includes('--json');
  const results: { set: HeadingSet; cues: HeadingCues; score: SetScore }[] = [];
  // `--set tuning` while a rule is being tuned: the held-out figures are not even looked at then.
  const only = argv.indexOf('--set');
  const sets: HeadingSet[] = only >= 0 ? [argv[only + 1] as HeadingSet] : ['tuning', 'heldout'];
  for (const set of sets) for (const cues of HEADING_CUES) results.push({ set, cues, score: await evaluateHeadings(set, cues) });
  if (json) {
    // The held-out set's mistakes stay unread: only its figures are printed.
    const out = results.map((r) => ({ set: r.set, cues: r.cues, ...r.score, mistakes: r.set === 'tuning' ? r.score.mistakes : undefined }));
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }
  const lines = ['| cues | set | precision | recall | found right / found / labelled | extraction time |', '|---|---|---|---|---|---|', ...results.map((r) => row(r.set, r.cues, r.score))];
  if (argv.includes('--mistakes')) {
    for (const r of results.filter((x) => x.set === 'tuning')) {
      lines.push('', `tuning set, ${r.cues}:`);
      for (const m of r.score.mistakes) {
        if (m.missed.length) lines.push(`  ${m.file} missed: ${m.missed.join(' | ')}`);
        if (m.falseHeadings.length) lines.push(`  ${m.file} false: ${m.falseHeadings.join(' | ')}`);
      }
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exit(1);
  });
}
