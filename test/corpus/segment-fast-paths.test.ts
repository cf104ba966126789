// The segmenter's fast paths against the definitions they replace: per-unit tables built from the
// regexes, index scans instead of trim/slice, the identity-text shortcut and the base32 of a
// base64 digest. Each is compared with the old expression on every BMP unit or on seeded strings
// (the golden check, test/bench/segment-golden.ts, compares whole documents).
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { codePointsIn, firstNonSpace, isSpaceUnit, lastNonSpace, unitClass } from '../../electron/corpus/segment/code-units';
import { hasMarkup, stripMarkup } from '../../electron/corpus/segment/html-fragments';
import {
  endsSentence, endsWithStop, endsWithUrl, fragmentJoiner, isBlank, isSeparatorLine, isUrlOnly, lineJoiner, normalizeInput,
  startsMidSentence, startsWithOpeningBracket, trimAll, visibleLength, visibleLengthAtMost,
} from '../../electron/corpus/segment/lines';
import { parseLineMarker } from '../../electron/corpus/segment/markers';
import { base32, identityText, identityTextByDefinition, NOT_NFKC_STABLE, statementId } from '../../electron/corpus/statement-id';
import { mulberry32 } from '../bench/prng';

const ALL_UNITS = Array.from({ length: 0x10000 }, (_, c) => c);

/** The old definitions, as they were written before the fast paths. */
const old = {
  isBlank: (l: string) => l.trim() === '',
  isSeparatorLine: (line: string) => {
    const t = line.trim();
    return t.length >= 2 && /^[-=_|:+\t *─━]+$/.test(t) && /[-=_─━]{2,}|\*{3,}/.test(t);
  },
  isUrlOnly: (l: string) => /^(?:貼り付け元\s*)?<?https?:\/\/[^\s<>]+>?$/.test(l.trim()),
  endsWithUrl: (text: string) => {
    const t = text.trimEnd();
    const lastSpace = Math.max(t.lastIndexOf(' '), t.lastIndexOf('\n'), t.lastIndexOf('\u3000'), t.lastIndexOf('\t'));
    return /https?:\/\/[^\s<>]+>?$/.test(t.slice(lastSpace + 1));
  },
  endsSentence: (t: string) => /[。．.!?！？:：」』)）】\]〕〉》>"'”’…⁰¹²³⁴⁵⁶⁷⁸⁹]$/.test(t.trimEnd().slice(-1)),
  endsWithStop: (t: string) => /[。．！？!?]/.test(t.trimEnd().slice(-1)),
  startsMidSentence: (t: string) => /^[のをにがはでとへもやより、。，．）」』】〕・ー]/.test(t.trimStart().slice(0, 1)),
  startsWithOpeningBracket: (t: string) => /^[(（「『【〔［\[<〈《"“]/.test(t.trimStart().slice(0, 1)),
  visibleLength: (t: string) => [...t.trim()].length,
  fragmentJoiner: (before: string, after: string) => {
    const a = before.trimEnd().slice(-2);
    const b = after.trimStart().slice(0, 2);
    if (a.endsWith('-')) return '';
    return /[A-Za-z0-9,;]$/.test(a) && /^[A-Za-z0-9(]/.test(b) ? ' ' : '';
  },
  lineJoiner: (before: string, after: string): string => {
    const a = before.trimEnd();
    if (a.endsWith('、') || a.endsWith('，') || old.startsMidSentence(after)) return old.fragmentJoiner(a, after);
    return '\n';
  },
  trimAll: (s: string) => s.replace(/^[\s\u3000]+|[\s\u3000]+$/g, ''),
  normalizeInput: (raw: string) => raw.replace(/^\uFEFF/, '').replace(/\r\n?|[\u2028\u2029\f\v]/g, '\n').replace(/[\u0000-\u0008\u000E-\u001F\u007F\uFEFF]/g, ''),
};

/** Seeded strings made of the characters these helpers care about, spaces and surrogates. */
function samples(n: number): string[] {
  const random = mulberry32(4242);
  const pieces = [' ', '\u3000', '\t', '\n', '\u00a0', '\u2028', '\ufeff', '\r', '\f', '\v', '\u0000', 'a', 'Z', '9', ',', ';', '(', '-', '、', '，', '。', '」', 'の', 'を',
    '「', '【', '<', '>', 'http', 'https://x.jp/a', '<https://x.jp>', '貼り付け元 ', '--', '==', '***', '|', ':', '─', '①', '②4 ', '・', '○', '(1) ', '（１）', '1. ',
    '１ ', 'Ⅳ ', 'IV. ', '# ', '- ', '* ', '+ ', '&amp;', '&lt;p&gt;', '<p>', '<br>', '**', '⁶', '😀', '\ud800', '\udc00', 'あ', '経済', 'ﾃｷｽﾄ', 'Ａ', 'e\u0301'];
  const out: string[] = ['', ' ', '\u3000\u3000'];
  for (let i = 0; i < n; i++) {
    let s = '';
    const len = Math.floor(random() * 12);
    for (let k = 0; k < len; k++) s += pieces[Math.floor(random() * pieces.length)];
    out.push(s);
  }
  return out;
}

describe('per-unit tables built from the regexes', () => {
  it('match the regex on every BMP unit', () => {
    const re = /[。．！？!?]/;
    const test = unitClass(re);
    expect(ALL_UNITS.filter((c) => test(c) !== re.test(String.fromCharCode(c)))).toEqual([]);
    expect(test(0x3002)).toBe(true);
  });

  it('whitespace is exactly what trim() and [\\s\\u3000] remove, on every BMP unit', () => {
    const mismatches = ALL_UNITS.filter((c) => {
      const ch = String.fromCharCode(c);
      return isSpaceUnit(c) !== (ch.trim() === '') || isSpaceUnit(c) !== /[\s\u3000]/.test(ch);
    });
    expect(mismatches).toEqual([]);
  });

  it('refuses a global regex (its lastIndex would make answers depend on order)', () => {
    expect(() => unitClass(/a/g)).toThrow(/stateless/);
  });
});

describe('line helpers give what the old definitions gave', () => {
  const texts = samples(20_000);
  const now = { isBlank, isSeparatorLine, isUrlOnly, endsWithUrl, endsSentence, endsWithStop, startsMidSentence, startsWithOpeningBracket, visibleLength, trimAll, normalizeInput };

  it('for single strings', () => {
    const differ: string[] = [];
    const answers = new Set<string>();
    for (const t of texts) {
      for (const name of Object.keys(now) as (keyof typeof now)[]) {
        const answer = now[name](t);
        answers.add(`${name}=${String(answer)}`);
        if (answer !== old[name](t)) differ.push(`${name}(${JSON.stringify(t)})`);
      }
      for (const max of [0, 1, 3, 20, 39, 40]) if (visibleLengthAtMost(t, max) !== old.visibleLength(t) <= max) differ.push(`≤${max} ${JSON.stringify(t)}`);
    }
    expect(differ).toEqual([]);
    // The samples reach both answers of every predicate.
    for (const name of ['isBlank', 'isSeparatorLine', 'isUrlOnly', 'endsWithUrl', 'endsSentence', 'endsWithStop', 'startsMidSentence', 'startsWithOpeningBracket']) {
      expect(answers.has(`${name}=true`) && answers.has(`${name}=false`), name).toBe(true);
    }
  });

  it('for pairs of strings', () => {
    const differ: string[] = [];
    const joiners = new Set<string>();
    for (let i = 0; i + 1 < texts.length; i++) {
      const [a, b] = [texts[i], texts[i + 1]];
      const fragment = fragmentJoiner(a, b);
      joiners.add(`fragment ${JSON.stringify(fragment)}`);
      if (fragment !== old.fragmentJoiner(a, b)) differ.push(`fragment ${JSON.stringify([a, b])}`);
      const line = lineJoiner(a, b);
      joiners.add(`line ${JSON.stringify(line)}`);
      if (line !== old.lineJoiner(a, b)) differ.push(`line ${JSON.stringify([a, b])}`);
    }
    expect(differ).toEqual([]);
    // (A line joiner is never a space: a line ending in 、 or followed by a particle is Japanese.)
    expect([...joiners].sort()).toEqual(['fragment ""', 'fragment " "', 'line ""', 'line "\\n"'].sort());
  });

  it('scans count and find what trim and the string iterator do', () => {
    const differ = texts.filter((t) => firstNonSpace(t) !== t.length - t.trimStart().length || lastNonSpace(t) !== t.trimEnd().length - 1 || codePointsIn(t, 0, t.length) !== [...t].length);
    expect(differ).toEqual([]);
  });

  it('markup stripping and marker parsing keep their answers for text that skips the slow path', () => {
    for (const t of texts) {
      const marker = parseLineMarker(t);
      if (!/^\s*[#*+\-\u2460-\u2473\u3251-\u325f\u32b1-\u32bf・•●◆◇■□▽▼▲△◎◦▪▸►○◯(（ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫIVX0-9０-９]/.test(t)) expect(marker).toBeNull();
      if (!t.includes('<') && !t.includes('&')) {
        expect(stripMarkup(t)).toBe(t);
        expect(hasMarkup(t)).toBe(false);
      }
    }
    expect(parseLineMarker('\u3000① 本文')).toMatchObject({ style: 'circled', marker: '①', lead: '\u3000① ', body: '本文' });
    expect(stripMarkup('<p>本文&amp;</p>')).toBe(' 本文& ');
  });
});

describe('statement identity shortcuts', () => {
  it('the NFKC-stable units are exactly those in range, no mark, no whitespace but U+0020, their own NFKC', () => {
    const differ = ALL_UNITS.filter((c) => {
      const ch = String.fromCharCode(c);
      const inRange = (c >= 0x20 && c <= 0x7e) || (c >= 0x3001 && c <= 0x30ff) || (c >= 0x4e00 && c <= 0x9fff);
      // U+0020 is the one whitespace allowed (identity text keeps single spaces).
      const stable = inRange && !/\p{M}/u.test(ch) && (c === 0x20 || !/\s/.test(ch)) && ch.normalize('NFKC') === ch;
      return stable === NOT_NFKC_STABLE.test(ch);
    });
    expect(differ).toEqual([]);
  });

  it('identity text equals the definition for every BMP unit alone, after a kana and before a mark', () => {
    const bad: number[] = [];
    for (const c of ALL_UNITS) {
      const ch = String.fromCharCode(c);
      for (const t of [ch, `か${ch}`, `${ch}\u3099`, `a ${ch}`, `${ch}  x`]) if (identityText(t) !== identityTextByDefinition(t)) bad.push(c);
    }
    expect(bad).toEqual([]);
  });

  it('identity text equals the definition on seeded strings', () => {
    expect(samples(20_000).filter((t) => identityText(t) !== identityTextByDefinition(t))).toEqual([]);
  });

  it('ids are the first 60 bits of sha256 in base32, as before', () => {
    for (const t of samples(2_000)) {
      const digest = crypto.hash('sha256', `doc\u0000${identityTextByDefinition(t)}\u00003`, 'buffer');
      expect(statementId('doc', t, 3)).toBe(`doc:${base32(digest, 12)}`);
    }
    // Pinned before the change (so the expression above cannot drift with it).
    expect(statementId('doc-a', '経済安全保障の推進')).toBe('doc-a:t5dpesahseyb');
  });
});
