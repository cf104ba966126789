// The HTML cleaner's whitespace collapse and tag-name reading, now index scans, against their former
// forms (regex replace, slice + toLowerCase) on seeded input (the golden check compares whole pages).
import { describe, expect, it } from 'vitest';
import { collapseForTest, tagNameAt } from '../../electron/import/html';
import { mulberry32 } from '../bench/prng';

const CJK = /[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;

function former(s: string): string {
  if (s.length === 1) return /[ \t\n\r\f]/.test(s) ? ' ' : s;
  if (!/[ \t\n\r\f]/.test(s)) return s;
  return s.replace(/[ \t\n\r\f]+/g, (run: string, at: number) => {
    if (run.includes('\n') && at > 0 && at + run.length < s.length && CJK.test(s[at - 1]) && CJK.test(s[at + run.length])) return '';
    return ' ';
  });
}

describe('HTML whitespace collapse', () => {
  it('gives what the regex form gave', () => {
    const random = mulberry32(99);
    const pieces = [' ', '\t', '\n', '\r', '\f', '\r\n', '  \n ', '\u3000', '\u00a0', 'a', 'Z', 'あ', '経', 'ｶ', '\uff01', '\uffef', '\ufff0', '\u2fff', '\u3400', '😀', '。'];
    const differ: string[] = [];
    let joined = 0;
    for (let i = 0; i < 30_000; i++) {
      let s = '';
      const len = Math.floor(random() * 12);
      for (let k = 0; k < len; k++) s += pieces[Math.floor(random() * pieces.length)];
      const now = collapseForTest(s);
      if (now !== former(s)) differ.push(JSON.stringify(s));
      if (now.length < s.length && !/[ \t\n\r\f]{2}/.test(s)) joined++;
    }
    expect(differ).toEqual([]);
    expect(joined).toBeGreaterThan(100); // line breaks between Japanese characters were met and dropped
    expect(collapseForTest('経済\n安全 保障\t\ta')).toBe('経済安全 保障 a');
  });
});

describe('HTML tag names', () => {
  it('are read as the lower-cased slice, known or not, whatever the case', () => {
    const random = mulberry32(7);
    const letters = ['a', 'b', 'd', 'i', 'p', 't', 'r', 'h', 'l', 's', 'D', 'T', 'P', '1', '6', '-', ':', 'é'];
    const names = ['td', 'TD', 'Td', 'table', 'TABLE', 'blockquote', 'h1', 'H6', 'p', 'li', 'x', 'figcaption', 'my-element', 'svg:rect', ''];
    for (let i = 0; i < 5000; i++) names.push(Array.from({ length: 1 + Math.floor(random() * 12) }, () => letters[Math.floor(random() * letters.length)]).join(''));
    const differ = names.filter((name) => {
      const html = `<${name} x>`;
      return tagNameAt(html, 1, 1 + name.length) !== name.toLowerCase();
    });
    expect(differ).toEqual([]);
    // Known names come back as the one shared string.
    expect(tagNameAt('<TD>', 1, 3)).toBe('td');
  });
});
