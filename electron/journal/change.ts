// journaledChange: the one way an analyst's write reaches the database. It owns the transaction,
// the before/after snapshots of everything the write touches and the journal row, so every write
// (annotations, pillars, suggestion answers, briefings, annotation import) is undoable the same way.
import type { ChangeKind } from '../../shared/annotations';
import type { LocalizedText } from '../../shared/errors';
import { nowOf, type Actor } from './actor';
import type { EntityKind } from './entities';
import { appendToChange, recordChange, type JournalEntry } from './journal';

/** What a write sees while it runs inside journaledChange. */
export interface Change {
  readonly actor: Actor;
  /** The change's time: every timestamp it writes, and the journal row's. */
  readonly at: string;
  /**
   * Declares that the write is about to change (or create) this entity, and returns it as it is
   * now (null: no row yet). Call it before the first write to the entity; later calls return the
   * same first snapshot.
   */
  touch<S>(kind: EntityKind<S>, id: string): S | null;
  /** The entity as it is now, inside the change (after the writes so far). */
  current<S>(kind: EntityKind<S>, id: string): S | null;
}

interface Touched {
  kind: EntityKind<unknown>;
  id: string;
  before: unknown;
}

/**
 * Bookkeeping that every write refreshes. An edit whose snapshots differ only here changed nothing
 * the analyst wrote: the one rule for no-op edits, the same for every entity.
 */
const BOOKKEEPING = new Set(['updatedAt']);

function content(snapshot: unknown): string {
  if (snapshot === null || typeof snapshot !== 'object') return JSON.stringify(snapshot);
  return JSON.stringify(Object.fromEntries(Object.entries(snapshot).filter(([k]) => !BOOKKEEPING.has(k))));
}

/** Thrown to roll a no-op edit back; never leaves journaledChange. */
class NothingChanged<T> {
  constructor(readonly value: T) {}
}

/**
 * Runs `mutate` as one analyst change in one immediate transaction, then journals it: one change
 * group with a before/after entry per touched entity that changed, and its history rows.
 *
 * No-op rule: if no touched entity changed beyond its bookkeeping (updatedAt), the transaction is
 * rolled back (nothing is written, updatedAt keeps its value) and nothing is journaled, so undo never
 * takes back an edit that did nothing. `mutate`'s value is returned either way: return ids and plain
 * data from it, and read rows after the call.
 *
 * `label` names the change in the undo menu and the history; as a function it is computed after
 * `mutate`, from its value and the snapshots.
 */
/**
 * One analyst action written in several transactions (a long import, in batches so that other
 * writes interleave): pass the same object to each part's journaledChange and they share one
 * change group, so one undo takes the whole action back.
 */
export interface ChangeGroupRef {
  id: number | null;
}

export function journaledChange<T>(
  actor: Actor,
  kind: ChangeKind,
  label: LocalizedText | ((value: NoInfer<T>, change: Change) => LocalizedText),
  mutate: (change: Change) => T,
  opts: { partOf?: ChangeGroupRef } = {},
): T {
  const { db } = actor;
  if (db.inTransaction) {
    // One analyst action is one change group; a change inside another would journal two.
    throw new Error(`journaledChange(${kind}) called inside another transaction`);
  }
  const at = nowOf(actor);
  const touched = new Map<string, Touched>();
  const change: Change = {
    actor,
    at,
    touch<S>(k: EntityKind<S>, id: string): S | null {
      const key = `${k.name}\u0000${id}`;
      const known = touched.get(key);
      if (known) return known.before as S | null;
      const before = k.snapshot(db, id);
      touched.set(key, { kind: k as EntityKind<unknown>, id, before });
      return before;
    },
    current: (k, id) => k.snapshot(db, id),
  };
  try {
    return db
      .transaction(() => {
        const value = mutate(change);
        const entries: JournalEntry[] = [];
        let changed = false;
        for (const t of touched.values()) {
          const after = t.kind.snapshot(db, t.id);
          if (JSON.stringify(after) === JSON.stringify(t.before)) continue;
          if (content(after) !== content(t.before)) changed = true;
          let before = t.before;
          if (before === null && after !== null && t.kind.softDelete) before = { ...(after as object), deletedAt: at };
          const [b, a] = t.kind.settle ? t.kind.settle(before, after) : [before, after];
          const refs = t.kind.history?.(t.id, (a ?? b) as unknown) ?? {};
          entries.push({ entity: t.kind.name, entityId: t.id, before: b, after: a, ...refs });
        }
        if (!changed) throw new NothingChanged(value);
        const text = typeof label === 'function' ? label(value, change) : label;
        const meta = { kind, label: text, author: actor.author, at };
        const group = opts.partOf;
        if (group?.id == null || !appendToChange(db, group.id, meta, entries)) {
          const id = recordChange(db, meta, entries);
          if (group) group.id = id;
        }
        return value;
      })
      .immediate();
  } catch (e) {
    if (e instanceof NothingChanged) return e.value as T;
    throw e;
  }
}
