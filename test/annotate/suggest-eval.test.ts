// Evaluates the bundled pillar-suggestion rules on a labelled set of statements and prints
// precision and recall (overall and per pillar). Floors are in docs/annotations.md with the reasons.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileRules, suggestPillars } from '../../shared/suggest';
import { DEFAULT_PILLAR_IDS } from '../../shared/pillars';
import { loadBundledTerms } from '../../electron/annotate/terms';
import { REPO_ROOT, RESOURCES_DIR } from '../helpers/db';

interface Labelled {
  text: string;
  pillars: string[];
  source: string;
}

const FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'annotate', 'suggest-tuning.json');

/** Micro-averaged over every (statement, pillar) decision. */
export const PRECISION_FLOOR = 0.85;
export const RECALL_FLOOR = 0.75;

function evaluate(items: Labelled[]) {
  const bundled = loadBundledTerms(RESOURCES_DIR);
  const rules = compileRules(bundled);
  const per = new Map<string, { tp: number; fp: number; fn: number }>(DEFAULT_PILLAR_IDS.map((p) => [p, { tp: 0, fp: 0, fn: 0 }]));
  const mistakes: string[] = [];
  for (const item of items) {
    const got = new Set(suggestPillars(item.text, rules).map((s) => s.pillar));
    for (const p of DEFAULT_PILLAR_IDS) {
      const want = item.pillars.includes(p);
      const c = per.get(p)!;
      if (want && got.has(p)) c.tp++;
      else if (!want && got.has(p)) {
        c.fp++;
        mistakes.push(`FP ${p}: ${item.text.slice(0, 50)}`);
      } else if (want) {
        c.fn++;
        mistakes.push(`FN ${p}: ${item.text.slice(0, 50)}`);
      }
    }
  }
  const sum = [...per.values()].reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
  const pr = (c: { tp: number; fp: number; fn: number }) => ({ precision: c.tp / Math.max(1, c.tp + c.fp), recall: c.tp / Math.max(1, c.tp + c.fn), ...c });
  return { overall: pr(sum), perPillar: Object.fromEntries([...per].map(([p, c]) => [p, pr(c)])), mistakes };
}

describe('pillar suggestions on the labelled set', () => {
  const data = JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as { statements: Labelled[] };

  it('has a labelled set covering every pillar and plenty of negatives', () => {
    expect(data.statements.length).toBeGreaterThanOrEqual(100);
    for (const p of DEFAULT_PILLAR_IDS) expect(data.statements.filter((s) => s.pillars.includes(p)).length).toBeGreaterThanOrEqual(4);
    expect(data.statements.filter((s) => s.pillars.length === 0).length).toBeGreaterThanOrEqual(30);
  });

  it(`reaches precision ≥ ${PRECISION_FLOOR} and recall ≥ ${RECALL_FLOOR}`, () => {
    const r = evaluate(data.statements);
    const fmt = (x: { precision: number; recall: number; tp: number; fp: number; fn: number }) =>
      `precision ${x.precision.toFixed(3)} recall ${x.recall.toFixed(3)} (tp ${x.tp}, fp ${x.fp}, fn ${x.fn})`;
    const lines = [`pillar suggestions on ${data.statements.length} labelled statements: ${fmt(r.overall)}`, ...Object.entries(r.perPillar).map(([p, x]) => `  ${p.padEnd(16)} ${fmt(x)}`), ...r.mistakes.map((m) => `  ${m}`)];
    console.log(lines.join('\n'));
    expect(r.overall.precision).toBeGreaterThanOrEqual(PRECISION_FLOOR);
    expect(r.overall.recall).toBeGreaterThanOrEqual(RECALL_FLOOR);
    // No pillar may be carried by the others: each must work on its own.
    for (const x of Object.values(r.perPillar)) {
      expect(x.precision).toBeGreaterThanOrEqual(0.7);
      expect(x.recall).toBeGreaterThanOrEqual(0.6);
    }
  });
});
