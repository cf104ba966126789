// @vitest-environment jsdom
// The renderer's own defences: drops outside drop zones are refused, the Trusted Types default
// policy lets HTML through only to the preview frame's srcdoc, the dev host's token leaves the
// address bar once read, and invisible characters show as marked tokens whose offsets still map
// a selection back to the statement.
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { installDropGuard } from '../../renderer/src/lib/dropGuard';
import { allowHtml, installTrustedTypes, PREVIEW_SINK } from '../../renderer/src/lib/trustedTypes';
import { takeHostToken } from '../../renderer/src/api/transport';
import { Revealed } from '../../renderer/src/components/shell/Revealed';
import { StatementText } from '../../renderer/src/components/reader/StatementText';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
  window.sessionStorage.clear();
});

function drag(type: 'dragover' | 'drop', target: EventTarget): DragEvent {
  const e = new Event(type, { bubbles: true, cancelable: true }) as DragEvent;
  Object.defineProperty(e, 'dataTransfer', { value: { dropEffect: 'copy', types: ['Files'] } });
  target.dispatchEvent(e);
  return e;
}

describe('drop guard', () => {
  it('refuses a file dropped anywhere but a drop zone, and leaves a zone’s own drop alone', () => {
    const remove = installDropGuard(window);
    const page = document.createElement('div');
    const zone = document.createElement('div');
    zone.addEventListener('dragover', (e) => e.preventDefault());
    zone.addEventListener('drop', (e) => {
      e.preventDefault();
      (e as DragEvent).dataTransfer!.dropEffect = 'move';
    });
    document.body.append(page, zone);
    for (const type of ['dragover', 'drop'] as const) {
      const outside = drag(type, page);
      expect([type, outside.defaultPrevented, outside.dataTransfer!.dropEffect]).toEqual([type, true, 'none']);
      const inside = drag(type, zone);
      expect([type, inside.defaultPrevented, inside.dataTransfer!.dropEffect]).toEqual([type, true, type === 'drop' ? 'move' : 'copy']);
    }
    remove();
    expect(drag('drop', page).defaultPrevented).toBe(false);
    page.remove();
    zone.remove();
  });
});

describe('Trusted Types default policy', () => {
  it('passes HTML to the preview frame’s srcdoc only', () => {
    expect(allowHtml('<p>x</p>', PREVIEW_SINK)).toBe('<p>x</p>');
    for (const sink of ['Element innerHTML', 'Element outerHTML', 'Document write', 'DOMParser parseFromString', 'Element insertAdjacentHTML', undefined]) {
      expect([sink, allowHtml('<img src=x onerror=alert(1)>', sink)]).toEqual([sink, null]);
    }
  });

  it('installs one policy named default where the browser has Trusted Types', () => {
    const made: { name: string; rules: Record<string, (...a: string[]) => unknown> }[] = [];
    const win = { trustedTypes: { createPolicy: (name: string, rules: Record<string, (...a: string[]) => unknown>) => made.push({ name, rules }) } } as unknown as Window;
    expect(installTrustedTypes(win)).toBe(true);
    expect(made.map((p) => p.name)).toEqual(['default']);
    expect(made[0].rules.createHTML('<b>', 'TrustedHTML', PREVIEW_SINK)).toBe('<b>');
    expect(made[0].rules.createHTML('<b>', 'TrustedHTML', 'Element innerHTML')).toBeNull();
    expect(made[0].rules.createScript('alert(1)')).toBeNull();
    expect(made[0].rules.createScriptURL('https://evil.example/x.js')).toBeNull();
    expect(installTrustedTypes({} as Window)).toBe(false);
  });
});

describe('the dev host token', () => {
  it('is read from the address, removed from it, and kept for this tab so a reload still works', () => {
    window.history.replaceState(null, '', '/?token=abc123&lang=ja#reader');
    expect(takeHostToken(window)).toBe('abc123');
    expect(window.location.search).toBe('?lang=ja');
    expect(window.location.hash).toBe('#reader');
    expect(window.location.href).not.toContain('abc123');
    // A reload: the address has no token any more, the tab still knows it.
    expect(takeHostToken(window)).toBe('abc123');
    window.sessionStorage.clear();
    expect(takeHostToken(window)).toBe('');
  });
});

describe('invisible characters in the reader', () => {
  it('draws each as a marked token and keeps the original character in the page', () => {
    const { container } = render(<Revealed text={'額は\u202E0001\u202C円'} />);
    const tokens = [...container.querySelectorAll<HTMLElement>('.invisible-char')];
    expect(tokens.map((t) => t.dataset.codepoint)).toEqual(['U+202E', 'U+202C']);
    expect(tokens[0].title).toBe('U+202E RIGHT-TO-LEFT OVERRIDE');
    expect(container.textContent).toBe('額は\u202E0001\u202C円');
  });

  it('gives each piece of a statement its own offset, so a selection after a token maps back exactly', () => {
    const text = '第四段落: 契約額は \u202E0001\u202C 万円である。';
    const { container } = render(<StatementText text={text} marks={[]} />);
    const runs = [...container.querySelectorAll<HTMLElement>('[data-run-start]')].filter((r) => r.children.length === 0);
    // Every leaf run's text sits at its offset in the statement.
    for (const r of runs) expect(text.slice(Number(r.dataset.runStart), Number(r.dataset.runStart) + r.textContent!.length)).toBe(r.textContent);
    expect(runs.map((r) => r.textContent).join('')).toBe(text);
    expect(runs.find((r) => r.textContent === '0001')!.dataset.runStart).toBe(String(text.indexOf('0001')));
  });

  it('leaves text without invisible characters as it was (one run, one text node)', () => {
    const { container } = render(<StatementText text="サプライチェーンの強靱化" marks={[]} />);
    const runs = container.querySelectorAll('[data-run-start]');
    expect(runs).toHaveLength(1);
    expect(runs[0].childNodes).toHaveLength(1);
  });
});
