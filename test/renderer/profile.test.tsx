// @vitest-environment jsdom
// The profile screen: it loads the stored profile, saves through profile.set, and shows the
// service's own refusal (a control character, named by field) without closing or saving. The
// handlers run the real profile service on an in-memory database, so the message is the API's.
import { screen, waitFor, within } from '@testing-library/react';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { getProfile, setProfile } from '../../electron/briefing/profile';
import { m0009 } from '../../electron/store/migrations/0009-analyst-profile';
import { ApiError } from '../../shared/api/client';
import { AppError } from '../../shared/errors';
import { renderApp } from './setup';

function realProfile() {
  const db = new Database(':memory:');
  m0009.up(db);
  setProfile(db, { name: '経済 太郎', affiliation: '経済産業省' });
  return {
    db,
    handlers: {
      'profile.get': () => ({ profile: getProfile(db) }),
      'profile.set': (r: { name: string; affiliation?: string; section?: string; contact?: string }) => {
        try {
          return { profile: setProfile(db, r) };
        } catch (e) {
          if (e instanceof AppError) throw new ApiError({ code: e.code, message: e.localized, subject: e.subject });
          throw e;
        }
      },
    },
  };
}

describe('profile screen', () => {
  it('shows the stored profile and saves a changed section', async () => {
    const { db, handlers } = realProfile();
    const { api, user } = renderApp(handlers);
    await user.click(await screen.findByRole('button', { name: 'プロフィール…' }));
    const dialog = screen.getByRole('dialog', { name: 'プロフィール' });
    const name = within(dialog).getByRole('textbox', { name: '氏名' }) as HTMLInputElement;
    await waitFor(() => expect(name.value).toBe('経済 太郎'));
    expect((within(dialog).getByRole('textbox', { name: '所属' }) as HTMLInputElement).value).toBe('経済産業省');
    await user.type(within(dialog).getByRole('textbox', { name: '課室' }), '経済安全保障政策課');
    await user.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(api.callsOf('profile.set')).toEqual([{ name: '経済 太郎', affiliation: '経済産業省', section: '経済安全保障政策課', contact: '' }]));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'プロフィール' })).toBeNull());
    expect(getProfile(db)?.section).toBe('経済安全保障政策課');
  });

  it("refuses a control character with the API's message naming the field, and stores nothing", async () => {
    const { db, handlers } = realProfile();
    const { user } = renderApp(handlers);
    await user.click(await screen.findByRole('button', { name: 'プロフィール…' }));
    const dialog = screen.getByRole('dialog', { name: 'プロフィール' });
    const contact = within(dialog).getByRole('textbox', { name: '連絡先' });
    await waitFor(() => expect((within(dialog).getByRole('textbox', { name: '氏名' }) as HTMLInputElement).value).toBe('経済 太郎'));
    // A pasted escape sequence: typing cannot produce it, pasting can.
    await user.click(contact);
    await user.paste('03\u001b[31m');
    await user.click(within(dialog).getByRole('button', { name: '保存' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toBe('プロフィールの連絡先（contact）: 制御文字（改行・タブ等）は使えません');
    expect(contact.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('dialog', { name: 'プロフィール' })).toBeTruthy();
    expect(getProfile(db)?.contact).toBe('');
  });
});
