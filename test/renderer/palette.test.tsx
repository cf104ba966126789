// @vitest-environment jsdom
// The command palette: Enter runs the entry the analyst sees highlighted, even when quick-open
// results arrive late and are listed above the commands.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Palette, type PaletteEntry } from '../../renderer/src/components/shell/Palette';

afterEach(cleanup);

describe('palette', () => {
  it('keeps the highlighted command when late quick-open results push it down', async () => {
    const ran: string[] = [];
    const command = (id: string, label: string): PaletteEntry => ({ id, group: 'commands', label, run: () => ran.push(id) });
    let resolveLookup: (found: PaletteEntry[]) => void = () => undefined;
    const lookup = vi.fn(() => new Promise<PaletteEntry[]>((r) => (resolveLookup = r)));
    render(<Palette entries={[command('c-export', '注釈ファイルの書き出し'), command('c-backup', '注釈のバックアップ')]} lookup={lookup} onClose={() => undefined} />);
    const input = screen.getByRole('combobox');
    fireEvent.change(input, { target: { value: '注釈' } });
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(screen.getByRole('option', { selected: true }).textContent).toContain('注釈のバックアップ');
    await act(async () => resolveLookup([{ id: 'doc-1', group: 'documents', label: '注釈の多い文書', run: () => ran.push('doc-1') }]));
    expect(screen.getByRole('option', { selected: true }).textContent).toContain('注釈のバックアップ');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(ran).toEqual(['c-backup']);
  });
});
