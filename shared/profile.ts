// The analyst's identity as it appears on what they sign: the author of briefings and
// annotations, the DOCX creator and last editor, and the 発信 (sender) block of a note.

export interface AnalystProfile {
  name: string;
  affiliation: string;
  section: string;
  contact: string;
  updatedAt: string;
}

/** Limits a printed sender block can hold; a name longer than a line is a mistake, not a name. */
export const PROFILE_LIMITS = { name: 100, affiliation: 200, section: 200, contact: 200 } as const;

export type ProfileField = keyof typeof PROFILE_LIMITS;

// Control characters (tab and newline too: each field is one printed line), DEL and C1.
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

/** The first field that may not be stored as given, with why; null when all are fine. */
export function profileProblem(p: Partial<Record<ProfileField, string>>): { field: ProfileField; reason: 'control' | 'length' | 'empty' } | null {
  for (const field of Object.keys(PROFILE_LIMITS) as ProfileField[]) {
    const v = p[field];
    if (v === undefined) continue;
    if (CONTROL.test(v)) return { field, reason: 'control' };
    if ([...v].length > PROFILE_LIMITS[field]) return { field, reason: 'length' };
  }
  if (p.name !== undefined && p.name.trim() === '') return { field: 'name', reason: 'empty' };
  return null;
}
