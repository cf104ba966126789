// Every bundled document: the segmenter's invariants hold, no source text is lost, counts are plausible.
import { describe, expect, it } from 'vitest';
import { characterDiff, expectValid, loadDocument, manifest } from './segment-helpers';

// Reviewed by reading the full output per document (see docs in the segmenter's index.ts).
const EXPECTED_COUNTS: Record<string, [number, number]> = {
  'espc-2021-11-19-minutes': [35, 45],
  'subcommittee-2-diplomacy-security-proposal': [110, 135],
  'keidanren-atla-dialogue': [24, 30],
  'sti-plan-resilient-society-progress': [190, 220],
  'economic-security-commentary': [80, 100],
};

describe('segmenting the bundled corpus', () => {
  for (const d of manifest().documents) {
    describe(d.id, () => {
      const { meta, raw, seg } = loadDocument(d.id);

      it('satisfies every statement invariant', () => {
        expectValid(seg, meta);
      });

      it('keeps every visible character of the source (markup and rules aside)', () => {
        expect(characterDiff(raw, seg)).toEqual([]);
      });

      it('yields a plausible number of statements', () => {
        const counts = seg.statements.reduce<Record<string, number>>((acc, s) => ({ ...acc, [s.kind]: (acc[s.kind] ?? 0) + 1 }), {});
        console.log(`${d.id}: ${seg.statements.length} statements ${JSON.stringify(counts)}`);
        const [lo, hi] = EXPECTED_COUNTS[d.id];
        expect(seg.statements.length).toBeGreaterThanOrEqual(lo);
        expect(seg.statements.length).toBeLessThanOrEqual(hi);
      });

      it('is deterministic: segmenting again gives the same ids and text', () => {
        const again = loadDocument(d.id).seg;
        expect(again.text).toBe(seg.text);
        expect(again.statements.map((s) => s.id)).toEqual(seg.statements.map((s) => s.id));
      });
    });
  }
});
