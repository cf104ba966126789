// Heading detection measured on the labelled PDF sets (test/fixtures/pdf-headings): the figures
// docs/benchmarks.md reports ("PDF headings") are a floor. The rule's thresholds were chosen on the
// tuning set only; the held-out set's labels were committed before the rule (git log of
// heldout.json) and are frozen by hash here, so a floor cannot be met by changing the set.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateHeadings, headingLines, loadLabels, scoreDocument } from '../bench/pdf-heading-eval';
import { REPO_ROOT } from '../helpers/db';

const SETS = path.join(REPO_ROOT, 'test', 'fixtures', 'pdf-headings');
/** SHA-256 of heldout.json followed by its PDFs in label order, as first committed (before the rule). */
const HELD_OUT_SHA256 = '95d8d6b3340c5de073053d946551478a86624a1d40a75ad0d58e7fbbb819b7ef';

/** Recorded figures (size + weight), 2026-12-02: found right / found / labelled. */
const RECORDED = {
  tuning: { truePositives: 27, detected: 27, labelled: 27 },
  heldout: { truePositives: 25, detected: 25, labelled: 30 },
};

function heldOutHash(): string {
  const labels = loadLabels('heldout');
  const h = crypto.createHash('sha256').update(fs.readFileSync(path.join(SETS, 'heldout.json')));
  for (const d of labels.documents) h.update(fs.readFileSync(path.join(SETS, d.file)));
  return h.digest('hex');
}

describe('scoring', () => {
  it('reads heading lines and matches them to labels once each, as search compares text', () => {
    expect(headingLines('# 第1 総論\n本文。\n## 1. 目的\n\n#見出しでない')).toEqual(['第1 総論', '1. 目的']);
    expect(scoreDocument(['第１　総論', '1. 目的', '1. 目的'], ['第1 総論', '1. 目的', '区分 担当'])).toEqual({ tp: 2, missed: ['1. 目的'], falseHeadings: ['区分 担当'] });
  });
});

describe('heading detection on the labelled PDF sets', () => {
  it('keeps the held-out set as committed before the rule (labels and PDFs)', () => {
    expect(heldOutHash()).toBe(HELD_OUT_SHA256);
  });

  it.each(['tuning', 'heldout'] as const)('%s set: size + weight finds at least the recorded headings, with no more false ones', async (set) => {
    const s = await evaluateHeadings(set, 'size+weight');
    const r = RECORDED[set];
    console.log(`${set}: precision ${s.precision.toFixed(3)}, recall ${s.recall.toFixed(3)} (${s.truePositives} / ${s.detected} / ${s.labelled})`);
    expect(s.labelled).toBe(r.labelled);
    expect(s.truePositives).toBeGreaterThanOrEqual(r.truePositives);
    expect(s.detected - s.truePositives).toBeLessThanOrEqual(r.detected - r.truePositives);
  }, 120_000);
});
