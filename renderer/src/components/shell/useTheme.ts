// Applies the theme choice to <html data-theme>; "system" follows the OS live through
// prefers-color-scheme, so the window changes with the desktop's dark mode.
import { useEffect } from 'react';
import { usePreferences } from '../../stores/preferences';

export function useTheme(): void {
  const theme = usePreferences((s) => s.theme);
  const language = usePreferences((s) => s.language);
  useEffect(() => {
    const root = document.documentElement;
    const media = window.matchMedia?.('(prefers-color-scheme: dark)');
    const apply = () => {
      const dark = theme === 'dark' || (theme === 'system' && !!media?.matches);
      root.dataset.theme = dark ? 'dark' : 'light';
    };
    apply();
    media?.addEventListener?.('change', apply);
    return () => media?.removeEventListener?.('change', apply);
  }, [theme]);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
}
