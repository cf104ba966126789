// Renders the whole workbench (or one panel) against a fake API with every store reset, so
// each test starts from a fresh window with empty preferences.
import { cleanup, render, type RenderResult } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { afterEach } from 'vitest';
import { setApi } from '../../renderer/src/api/client';
import { App } from '../../renderer/src/App';
import { useLibrary } from '../../renderer/src/stores/library';
import { usePreferences } from '../../renderer/src/stores/preferences';
import { useReader } from '../../renderer/src/stores/reader';
import { useUi } from '../../renderer/src/stores/ui';
import { fakeApi, type FakeApi, type FakeHandlers } from './fakeApi';
import { DOCUMENTS, PILLARS, STATEMENTS } from './fixtures';
import { useAnnotations } from '../../renderer/src/stores/annotations';
import { useBriefing } from '../../renderer/src/stores/briefing';
import { useSearch } from '../../renderer/src/stores/search';
import { useStorage } from '../../renderer/src/stores/storage';

const stores: { setState(s: unknown, replace: true): void; getInitialState(): unknown }[] = [useLibrary, usePreferences, useReader, useUi, useAnnotations, useBriefing, useSearch, useStorage] as never;
const extraStores: typeof stores = [];

/** Panels register their stores here so every test starts from their initial state. */
export function resetAlso(...more: unknown[]): void {
  extraStores.push(...(more as typeof stores));
}

export function resetStores(): void {
  localStorage.clear();
  for (const s of [...stores, ...extraStores]) s.setState(s.getInitialState(), true);
}

afterEach(() => {
  cleanup();
  setApi(null);
});

export function baseHandlers(): FakeHandlers {
  return {
    'documents.list': () => ({ documents: DOCUMENTS }),
    'documents.get': ({ id }) => {
      const document = DOCUMENTS.find((d) => d.id === id);
      if (!document) throw new Error(`no ${id}`);
      return { document, text: STATEMENTS[id].map((s) => s.text).join('\n') };
    },
    'statements.list': ({ documentId }) => ({ statements: STATEMENTS[documentId] ?? [] }),
    'statements.get': ({ id }) => {
      const statement = Object.values(STATEMENTS).flat().find((s) => s.id === id)!;
      return { statement, document: DOCUMENTS.find((d) => d.id === statement.documentId)! };
    },
    'pillars.list': () => ({ pillars: PILLARS }),
    'annotations.list': () => ({ annotations: [] }),
    'suggestions.forStatement': () => ({ suggestions: [] }),
    'suggestions.forText': () => ({ suggestions: [] }),
    'history.forStatement': () => ({ activity: [] }),
    'history.state': () => ({ undo: null, redo: null }),
    'briefings.list': () => ({ briefings: [] }),
    'search.suggest': () => ({ suggestions: [] }),
    'search.quickOpen': () => ({ items: [] }),
    'app.info': () => ({ dbPath: '/home/analyst/.config/workbench/workbench.db', schemaVersion: 4, documents: 3, statements: 10, author: 'analyst', version: '0.1.0' }),
  };
}

export interface Rendered extends RenderResult {
  api: FakeApi;
  user: ReturnType<typeof userEvent.setup>;
}

export function renderWith(ui: ReactElement, handlers: FakeHandlers = {}): Rendered {
  resetStores();
  const api = fakeApi({ ...baseHandlers(), ...handlers });
  setApi(api);
  const user = userEvent.setup();
  return { ...render(ui), api, user };
}

export function renderApp(handlers: FakeHandlers = {}): Rendered {
  return renderWith(<App />, handlers);
}
