// Export-history paths shortened in the middle: the start and the whole file name stay, and a
// leading slash stays at the front (the old CSS right-to-left trick printed …/論点整理.pdf/).
import { describe, expect, it } from 'vitest';
import { middleEllipsis } from '../../renderer/src/lib/paths';

describe('middleEllipsis', () => {
  it.each([
    ['/home/analyst/論点整理.pdf', 56, '/home/analyst/論点整理.pdf'],
    ['/home/analyst/Documents/経済安全保障/2026年度/第3四半期/ブリーフィング/論点整理.pdf', 40, '/home/analyst/Documents/経済安全保障…/論点整理.pdf'],
    ['C:\\Users\\analyst\\Documents\\経済安全保障\\2026年度\\論点整理.docx', 30, 'C:\\Users\\analyst\\Do…\\論点整理.docx'],
    ['/a/' + 'と'.repeat(80) + '.pdf', 20, '…' + 'と'.repeat(15) + '.pdf'],
  ])('%s (max %i) → %s', (path, max, out) => {
    const got = middleEllipsis(path, max);
    expect(got).toBe(out);
    expect([...got].length).toBeLessThanOrEqual(max);
    expect(got.endsWith('/') || got.endsWith('\\')).toBe(false);
  });
});
