// The kinds of thing the journal records (annotations, pillars, briefings…), each registered by
// the service that owns it: how to snapshot one, how to write a snapshot back (undo, redo) and
// where it shows in the history. The journal never imports those services; they register here.
import type Database from 'better-sqlite3';

/**
 * Writes a snapshot back. Only fields that differ between `from` and `to` are written, so an
 * undo restores what the change touched and leaves later independent edits (re-anchoring) alone.
 * `at` is the time of the undo or redo, for any timestamp the write keeps. `prepared` is what the
 * kind's `prepare` read for this step before the replay's transaction (undefined without one).
 */
export type Applier = (db: Database.Database, entityId: string, from: unknown, to: unknown, at: string, prepared?: unknown) => void;

/** The history columns a change of this entity fills (activity rows, per-statement history). */
export interface HistoryRefs {
  statementId?: string | null;
  annotationId?: string | null;
  pillarId?: string | null;
}

/** Which list of an undo/redo report names an entity the replay changed. */
export type ReplayedList = 'annotationIds' | 'pillarIds' | 'briefingIds';

export interface EntityKind<S> {
  /** Stored in change_entries.entity: never renamed, or old journals stop replaying. */
  name: string;
  /** The entity now, or null when no row exists. */
  snapshot: (db: Database.Database, id: string) => S | null;
  apply: Applier;
  /**
   * Slow or asynchronous reading a replay step needs (an imported document re-read from its stored
   * original), done before the replay's transaction so that no transaction waits on it; its value
   * is passed to `apply`. Runs on the same from/to as the apply that follows.
   */
  prepare?: (db: Database.Database, entityId: string, from: S | null, to: S | null) => Promise<unknown>;
  /**
   * Soft-deleted entities (rows that keep a deletedAt): a new one is journaled as "before: the
   * same row, deleted", so undoing a creation only hides it, whatever was added to it since.
   */
  softDelete?: boolean;
  /** The snapshots as journaled; e.g. a section keeps its items only where it comes or goes. */
  settle?: (before: S | null, after: S | null) => [S | null, S | null];
  history?: (id: string, snapshot: S) => HistoryRefs;
  replayed?: { list: ReplayedList; id: (id: string, snapshot: S) => string | null };
}

const registry = new Map<string, EntityKind<unknown>>();

/** Registers an entity kind (once, when its owner's module loads) and returns it, typed. */
export function defineEntity<S>(kind: EntityKind<S>): EntityKind<S> {
  const known = registry.get(kind.name);
  if (known && known !== (kind as EntityKind<unknown>)) throw new Error(`journal entity "${kind.name}" is registered twice`);
  registry.set(kind.name, kind as EntityKind<unknown>);
  return kind;
}

export function entityKind(name: string): EntityKind<unknown> {
  const kind = registry.get(name);
  // Every owner registers when its module loads; missing means a host forgot to load a service.
  if (!kind) throw new Error(`the journal has no entity "${name}" registered (its service module was not loaded)`);
  return kind;
}

/** Registered entity names, for the test that every journaled kind can be replayed. */
export function registeredEntities(): string[] {
  return [...registry.keys()].sort();
}

/** Fields of `to` that differ from `from` (deep-compared through JSON): what an applier writes. */
export function changedFields<T extends object>(from: T | null, to: T): Partial<T> {
  if (from === null) return { ...to };
  const out: Partial<T> = {};
  for (const key of Object.keys(to) as (keyof T)[]) {
    if (JSON.stringify(from[key]) !== JSON.stringify(to[key])) out[key] = to[key];
  }
  return out;
}
