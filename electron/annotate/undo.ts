// Undo and redo over the journal, with every entity's applier (annotations, pillars, suggestion
// rules, briefings) wired in one place.
import type { UndoState } from '../../shared/annotations';
import { nowOf, type Actor } from './actor';
import { applyBriefing, applyItem, applySection } from '../briefing/rows';
import { applyAnnotation } from './annotation-rows';
import { redoNext, undoLast, undoState, type Applier, type Entity, type Replayed } from './journal';
import { applyPillar } from './pillar-rows';
import { applyRejection } from './suggestions';
import { applyTerm } from './terms';

const appliers: Record<Entity, Applier> = {
  annotation: applyAnnotation,
  pillar: applyPillar,
  rejection: applyRejection,
  term: applyTerm,
  briefing: applyBriefing,
  'briefing-section': applySection,
  'briefing-item': applyItem,
};

export function undo(actor: Actor): Replayed | null {
  return undoLast(actor.db, appliers, actor.author, nowOf(actor));
}

export function redo(actor: Actor): Replayed | null {
  return redoNext(actor.db, appliers, actor.author, nowOf(actor));
}

export function undoRedoState(actor: Pick<Actor, 'db'>): UndoState {
  return undoState(actor.db);
}
