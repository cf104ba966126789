// The policy pillars an analyst files statements under, and the suggestion rules' shapes.
// Plain data shared by the annotate service, the API contract and the renderer.

/** The four pillars of the Economic Security Promotion Act, seeded in every database. */
export const DEFAULT_PILLAR_IDS = ['supply-chain', 'infrastructure', 'tech-protection', 'patents'] as const;
export type DefaultPillarId = (typeof DEFAULT_PILLAR_IDS)[number];

export interface Pillar {
  /** Stable id, lowercase kebab (`supply-chain`); never changes once created. */
  id: string;
  nameJa: string;
  nameEn: string;
  descriptionJa: string;
  descriptionEn: string;
  /** `#rrggbb`, used for highlights and the pillar board. */
  color: string;
  /** Order among siblings (same parentId), 0-based. */
  position: number;
  /** A sub-pillar's parent, null at the top level. */
  parentId: string | null;
  /** One of the four statutory pillars: renameable, not deletable while used. */
  isDefault: boolean;
  /** Hidden from pickers and suggestions; existing links stay. */
  archived: boolean;
  /** Non-deleted annotations linked to this pillar. */
  annotationCount: number;
  createdAt: string;
  updatedAt: string;
}

/** A term (word or phrase) whose occurrence in a statement is evidence for a pillar. */
export interface PillarTerm {
  pillarId: string;
  term: string;
  /** Contribution to the pillar's raw score; strong, specific phrases weigh more. */
  weight: number;
  /** Where the rule comes from: the bundled list, the analyst's own, or the pillar's name. */
  source: 'bundled' | 'analyst' | 'name';
}

/** Where in the statement a term was found (offsets into the original statement text). */
export interface SuggestionEvidence {
  term: string;
  start: number;
  end: number;
}

export interface PillarSuggestion {
  pillar: string;
  /** 0..1, monotone in the summed weights of the distinct terms found. */
  score: number;
  evidence: SuggestionEvidence[];
}

export const PILLAR_COLOR_RE = /^#[0-9a-f]{6}$/i;
export const PILLAR_ID_RE = /^[a-z0-9][a-z0-9-]{0,62}$/;
