// What the window shows while the database worker starts: opening (and checking) the database,
// then ingesting the bundled corpus when it changed, document by document, then ready.
export type StartupPhase = 'opening' | 'ingesting' | 'ready';

export interface StartupProgress {
  phase: StartupPhase;
  /** Documents ingested so far, of `total` (both 0 while opening). */
  done: number;
  total: number;
  /** The document being ingested. */
  document?: string;
}

const RANK: Record<StartupPhase, number> = { opening: 0, ingesting: 1, ready: 2 };

/** The further along of two reports: events and the state query may arrive in either order. */
export function laterProgress(a: StartupProgress | null, b: StartupProgress): StartupProgress {
  if (!a) return b;
  if (RANK[b.phase] !== RANK[a.phase]) return RANK[b.phase] > RANK[a.phase] ? b : a;
  return b.done >= a.done ? b : a;
}

export function isStartupProgress(v: unknown): v is StartupProgress {
  if (typeof v !== 'object' || v === null) return false;
  const p = v as Record<string, unknown>;
  return (
    typeof p.phase === 'string' &&
    p.phase in RANK &&
    Number.isInteger(p.done) &&
    Number.isInteger(p.total) &&
    (p.done as number) >= 0 &&
    (p.total as number) >= (p.done as number) &&
    (p.document === undefined || typeof p.document === 'string')
  );
}
