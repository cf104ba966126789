// @vitest-environment jsdom
// The desktop window's first screen: the database worker's progress (opening, ingesting the
// bundled corpus document by document) until it is ready, then the workbench itself.
import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { StartupGate } from '../../renderer/src/components/shell/StartupGate';
import { resetStores } from './setup';

afterEach(() => {
  delete (window as unknown as { workbench?: unknown }).workbench;
});

function fakeBridge(initial: unknown) {
  const listeners = new Set<(p: unknown) => void>();
  (window as unknown as { workbench: unknown }).workbench = {
    invoke: async () => ({ ok: true, value: {} }),
    startupState: async () => initial,
    onStartup: (fn: (p: unknown) => void) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
  return { emit: (p: unknown) => act(() => listeners.forEach((fn) => fn(p))), listeners };
}

describe('start-up screen', () => {
  it('shows the workbench at once where there is no start-up to wait for (the loopback host)', () => {
    resetStores();
    render(
      <StartupGate>
        <p>workbench</p>
      </StartupGate>,
    );
    expect(screen.getByText('workbench')).toBeTruthy();
  });

  it('shows opening, then each document being ingested, then the workbench', async () => {
    resetStores();
    const bridge = fakeBridge({ phase: 'opening', done: 0, total: 0 });
    const { unmount } = render(
      <StartupGate>
        <p>workbench</p>
      </StartupGate>,
    );
    expect(await screen.findByText('データベースを開いて点検しています…')).toBeTruthy();
    const bar = screen.getByRole('progressbar', { name: '起動の進み具合' });
    expect(bar.getAttribute('aria-valuenow')).toBeNull();
    expect(screen.queryByText('workbench')).toBeNull();

    bridge.emit({ phase: 'ingesting', done: 2, total: 5, document: '第1回経済安全保障推進会議 議事要旨' });
    expect(screen.getByText('同梱の資料を取り込んでいます（2 / 5 件）')).toBeTruthy();
    expect(screen.getByText('取り込み中：『第1回経済安全保障推進会議 議事要旨』')).toBeTruthy();
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('40');

    // A stale report arriving late never moves the bar back; malformed ones are ignored.
    bridge.emit({ phase: 'opening', done: 0, total: 0 });
    bridge.emit({ phase: 'ingesting', done: 9, total: 5 });
    bridge.emit('ready');
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('40');

    bridge.emit({ phase: 'ready', done: 0, total: 0 });
    expect(screen.getByText('workbench')).toBeTruthy();
    expect(screen.queryByRole('progressbar')).toBeNull();
    unmount();
    expect(bridge.listeners.size).toBe(0);
  });

  it('opens straight into the workbench when the worker was ready before the page loaded', async () => {
    resetStores();
    fakeBridge({ phase: 'ready', done: 0, total: 0 });
    render(
      <StartupGate>
        <p>workbench</p>
      </StartupGate>,
    );
    expect(await screen.findByText('workbench')).toBeTruthy();
  });
});
