// The one ISO-date helper and the one label helper that every form, schema and journal entry use.
import { describe, expect, it } from 'vitest';
import { briefingsApi } from '../../shared/api/briefings';
import { isIsoDate, todayIso } from '../../shared/date';
import { parseQuery } from '../../shared/query/parse';
import { LABEL_CHARS, shortLabel } from '../../shared/text/label';

describe('isIsoDate', () => {
  it.each([
    ['2021-11-19', true],
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2021-02-30', false],
    ['2021-13-01', false],
    ['2021-1-19', false],
    ['2021-11-19 ', false],
    ['令和3年11月19日', false],
    ['', false],
  ])('%j → %s', (v, ok) => expect(isIsoDate(v)).toBe(ok));

  it('is the rule of the briefing schema and of the search filters', () => {
    const create = briefingsApi['briefings.create'].request;
    expect(create.safeParse({ title: 'x', date: '2021-11-19' }).success).toBe(true);
    expect(create.safeParse({ title: 'x', date: '2021-02-30' }).success).toBe(false);
    expect(parseQuery('技術 after:2021-02-30').messages.map((m) => m.code)).toEqual(['bad-date']);
    expect(parseQuery('技術 after:2021-02-28').filters.after).toBe('2021-02-28');
  });
});

describe('todayIso', () => {
  it('reads the local calendar, not UTC', () => {
    const lateEvening = new Date(2026, 0, 31, 23, 59);
    expect(todayIso(lateEvening)).toBe('2026-01-31');
    expect(todayIso(new Date(2026, 11, 1, 0, 0))).toBe('2026-12-01');
    expect(isIsoDate(todayIso())).toBe(true);
  });
});

describe('shortLabel', () => {
  it('puts the text on one line and cuts it at LABEL_CHARS with an ellipsis', () => {
    expect(LABEL_CHARS).toBe(24);
    expect(shortLabel('  サプライチェーンの\n強靱化  ')).toBe('サプライチェーンの 強靱化');
    const long = '経済安全保障推進法に基づく特定重要物資の安定的な供給の確保に関する基本指針';
    expect(shortLabel(long)).toBe(`${long.slice(0, 24)}…`);
    expect(shortLabel(long.slice(0, 24))).toBe(long.slice(0, 24));
  });
});
