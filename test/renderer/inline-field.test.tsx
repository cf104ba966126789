// @vitest-environment jsdom
// The in-place text field of the briefing composer: an Enter saves, and the blur that usually
// follows it (Tab, a click elsewhere) before the save's answer has come back does not save the
// same value a second time; coming back to the field may send it again (after a failed save).
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { InlineField } from '../../renderer/src/components/briefing/InlineField';

afterEach(cleanup);

describe('InlineField', () => {
  it('one save for an Enter and the blur after it while the stored value is still the old one', () => {
    const saved: string[] = [];
    const { rerender } = render(<InlineField label="副題" value="" onSave={(v) => saved.push(v)} />);
    const input = screen.getByRole('textbox', { name: '副題' });
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: '第一報' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    fireEvent.blur(input);
    expect(saved).toEqual(['第一報']);
    // A failed save leaves the stored value as it was: focusing the field again and pressing Enter retries.
    fireEvent.focus(input);
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(saved).toEqual(['第一報', '第一報']);
    // Once the stored value is the saved one, nothing is left to save; a new edit saves once more.
    rerender(<InlineField label="副題" value="第一報" onSave={(v) => saved.push(v)} />);
    fireEvent.blur(input);
    fireEvent.change(input, { target: { value: '第二報' } });
    fireEvent.blur(input);
    expect(saved).toEqual(['第一報', '第一報', '第二報']);
  });
});
