// A fake briefing back end for component tests: one briefing held in memory, the write methods
// the composer uses, and its resolved form with citations shaped like the real service's.
import type { Briefing, ResolvedBriefing, ResolvedItem } from '../../shared/briefing';
import type { FakeHandlers } from './fakeApi';
import { MINUTES_STATEMENTS } from './fixtures';

const [, REMARK1, REMARK2] = MINUTES_STATEMENTS;

/** The fake's state, shared with a test that needs to change it behind the window's back. */
export interface BriefingBackend {
  current: Briefing | null;
  removed: Briefing | null;
  /** Resolved items to show instead of the default "ok" ones, by item id. */
  resolvedOverride: Map<string, Partial<ResolvedItem>>;
}

export function briefingFixture(): Briefing {
  return {
    id: 'b1',
    title: '供給網に関する所見',
    subtitle: '',
    author: 'analyst',
    date: '2026-01-10',
    marking: '',
    language: 'ja',
    summary: '',
    dateStyle: 'seireki',
    addressee: '',
    sender: '',
    docNumber: '',
    toc: false,
    createdAt: '2026-01-10T00:00:00Z',
    updatedAt: '2026-01-10T00:00:00Z',
    sections: [
      {
        id: 'sec1',
        heading: 'サプライチェーン',
        body: '',
        items: [
          { id: 'i1', annotationId: null, statementId: REMARK1.id, comment: '', quoteAtAdd: REMARK1.text },
          { id: 'i2', annotationId: null, statementId: REMARK2.id, comment: '', quoteAtAdd: REMARK2.text },
        ],
      },
    ],
  };
}

export function resolvedOf(b: Briefing, override: Map<string, Partial<ResolvedItem>> = new Map()): ResolvedBriefing {
  return {
    id: b.id,
    title: b.title,
    subtitle: b.subtitle,
    author: b.author,
    date: b.date,
    marking: b.marking,
    dateStyle: b.dateStyle,
    addressee: b.addressee,
    sender: b.sender,
    docNumber: b.docNumber,
    toc: b.toc,
    language: 'ja',
    summary: b.summary,
    unresolved: 0,
    sources: [],
    sections: b.sections.map((s) => ({
      id: s.id,
      heading: s.heading,
      body: s.body,
      items: s.items.map((i) => ({
        id: i.id,
        kind: 'statement' as const,
        refId: i.statementId!,
        status: 'ok' as const,
        quote: i.quoteAtAdd,
        comment: i.comment,
        annotationComment: null,
        citation: { documentId: 'minutes', documentTitle: '第1回経済安全保障推進会議 議事要旨', issuer: '経済安全保障推進会議', date: '2021-11-19', statementId: i.statementId!, locator: 2, speaker: '官房長官', headingPath: [] },
        sourceNumber: 1,
        ...override.get(i.id),
      })),
    })),
  };
}

export function briefingHandlers(existing: Briefing | null, backend: BriefingBackend = { current: existing, removed: null, resolvedOverride: new Map() }): FakeHandlers {
  const summary = (b: Briefing) => ({ ...b, sections: b.sections.length, items: b.sections.reduce((n, s) => n + s.items.length, 0) });
  return {
    'briefings.list': () => ({ briefings: backend.current ? [summary(backend.current)] : [] }),
    'briefings.get': () => ({ briefing: backend.current!, resolved: resolvedOf(backend.current!, backend.resolvedOverride) }),
    'briefings.preview': () => ({ html: `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; frame-ancestors 'self'"></head><body><p>${backend.current!.marking}</p><h1>${backend.current!.title}</h1></body></html>`, csp: '' }),
    'briefings.exportLog': () => ({ entries: [] }),
    'briefings.live': () => ({ sections: [] }),
    // The picker's proposal as the service makes it when no section has a pillar: the last section.
    'briefings.placement': () => ({
      briefings: backend.current
        ? [
            {
              id: backend.current.id,
              title: backend.current.title,
              updatedAt: backend.current.updatedAt,
              sections: backend.current.sections.map((s) => ({ id: s.id, heading: s.heading, pillarId: null, live: false })),
              lastSectionId: null,
              suggested: backend.current.sections.length ? { sectionId: backend.current.sections.at(-1)!.id, reason: 'end' as const } : { sectionId: null, reason: 'none' as const },
            },
          ]
        : [],
    }),
    'briefings.placement.remember': () => ({ remembered: true as const }),
    'briefings.templates.list': () => ({
      templates: [
        { id: 'builtin:empty', name: 'empty', builtin: true, createdAt: null, description: { ja: '空のブリーフィング', en: 'Empty briefing' }, spec: { subtitle: '', marking: '', language: 'ja' as const, summary: '', groupBy: null, pillars: [], sections: [] } },
        { id: 'builtin:by-pillar', name: 'by-pillar', builtin: true, createdAt: null, description: { ja: '全注釈を政策の柱ごとに（柱の順）', en: 'By pillar' }, spec: { subtitle: '', marking: '', language: 'ja' as const, summary: '', groupBy: 'pillar' as const, pillars: [], sections: [] } },
      ],
    }),
    'briefings.delete': () => {
      const deleted = { id: backend.current!.id, title: backend.current!.title };
      backend.removed = backend.current;
      backend.current = null;
      return { deleted };
    },
    'briefings.undoDelete': () => {
      backend.current = backend.removed;
      return { briefing: backend.current! };
    },
    'briefings.create': (r) => {
      backend.current = { ...briefingFixture(), id: 'b2', title: r.title, sections: [] };
      return { briefing: backend.current };
    },
    'briefings.update': (r) => {
      const { id: _id, ...patch } = r;
      const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<Briefing>;
      backend.current = { ...backend.current!, ...defined };
      return { briefing: backend.current };
    },
    'briefings.sections.add': (r) => {
      backend.current = { ...backend.current!, sections: [...backend.current!.sections, { id: 'sec-new', heading: r.heading, body: '', items: [] }] };
      return { briefing: backend.current, sectionId: 'sec-new' };
    },
    'briefings.items.add': (r) => {
      const sections = backend.current!.sections.map((s) => (s.id === r.sectionId ? { ...s, items: [...s.items, { id: 'i-new', annotationId: r.annotationId ?? null, statementId: r.statementId ?? null, comment: '', quoteAtAdd: '…' }] } : s));
      backend.current = { ...backend.current!, sections };
      return { briefing: backend.current, itemId: 'i-new' };
    },
    'briefings.items.move': (r) => {
      const items = [...backend.current!.sections[0].items];
      const from = items.findIndex((i) => i.id === r.itemId);
      const [it] = items.splice(from, 1);
      items.splice(r.position, 0, it);
      backend.current = { ...backend.current!, sections: [{ ...backend.current!.sections[0], items }] };
      return { briefing: backend.current };
    },
  };
}

