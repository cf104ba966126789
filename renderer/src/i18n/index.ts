// Message lookup for the current language: every visible string goes through `t`, so the
// English switch covers the whole UI and no text is hard-coded in components.
import { useCallback, useSyncExternalStore } from 'react';
import type { LocalizedText } from '../../../shared/errors';
import { en } from './en';
import { ja, type MessageKey } from './ja';

export type Language = 'ja' | 'en';

/**
 * Where the current language comes from. The preferences store (a layer above i18n) binds itself
 * here when it loads, so i18n never imports a store; until then the language is Japanese.
 */
export interface LanguageSource {
  get(): Language;
  subscribe(onChange: () => void): () => void;
}

let languageSource: LanguageSource = { get: () => 'ja', subscribe: () => () => undefined };

export function bindLanguageSource(source: LanguageSource): void {
  languageSource = source;
}

function useLanguage(): Language {
  return useSyncExternalStore(languageSource.subscribe, languageSource.get);
}

export type { MessageKey };
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

const catalogs: Record<Language, Record<MessageKey, string>> = { ja, en };

export function translate(lang: Language, key: MessageKey, params?: Params): string {
  const template = catalogs[lang][key] ?? ja[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function useT(): Translate {
  const lang = useLanguage();
  return useCallback((key: MessageKey, params?: Params) => translate(lang, key, params), [lang]);
}

/** Text the back end sends in both languages (errors, pillar names), in the current one. */
export function useLocalized(): (text: LocalizedText) => string {
  const lang = useLanguage();
  return useCallback((text: LocalizedText) => text[lang], [lang]);
}

// Building an Intl.NumberFormat costs far more than formatting with one, and result counts
// are formatted on every keystroke: one formatter per language.
const numberFormats = new Map<Language, Intl.NumberFormat>();

export function formatNumber(lang: Language, n: number): string {
  let f = numberFormats.get(lang);
  if (!f) numberFormats.set(lang, (f = new Intl.NumberFormat(lang === 'ja' ? 'ja-JP' : 'en-US')));
  return f.format(n);
}

export function formatDate(lang: Language, iso: string | null): string | null {
  if (!iso) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return lang === 'ja' ? `${y}年${mo}月${d}日` : new Date(Date.UTC(y, mo - 1, d)).toLocaleDateString('en-GB', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
}
