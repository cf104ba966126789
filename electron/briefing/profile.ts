// The analyst's profile row (schema 9): read and written whole, checked again here so the CLI
// and any other caller get the same refusal as the API for control characters.
import type Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { profileProblem, type AnalystProfile, type ProfileField } from '../../shared/profile';

interface ProfileRow {
  name: string;
  affiliation: string;
  section: string;
  contact: string;
  updated_at: string;
}

export function getProfile(db: Database.Database): AnalystProfile | null {
  const r = db.prepare('SELECT name, affiliation, section, contact, updated_at FROM analyst_profile WHERE id = 1').get() as ProfileRow | undefined;
  return r ? { name: r.name, affiliation: r.affiliation, section: r.section, contact: r.contact, updatedAt: r.updated_at } : null;
}

const FIELD_JA: Record<ProfileField, string> = { name: '氏名', affiliation: '所属', section: '課室', contact: '連絡先' };

/** Replaces the profile; fields not given are cleared. Refused whole on any bad field. */
export function setProfile(db: Database.Database, p: { name: string; affiliation?: string; section?: string; contact?: string }): AnalystProfile {
  const problem = profileProblem(p);
  if (problem) {
    const ja = { control: '制御文字（改行・タブ等）は使えません', length: '長すぎます', empty: '空にはできません' }[problem.reason];
    const en = { control: 'must not contain control characters (line breaks, tabs, escapes)', length: 'is too long', empty: 'must not be empty' }[problem.reason];
    throw new AppError('invalid-request', { ja: `プロフィールの${FIELD_JA[problem.field]}（${problem.field}）: ${ja}`, en: `Profile ${problem.field} ${en}` }, { subject: problem.field });
  }
  const at = new Date().toISOString();
  db.prepare(
    `INSERT INTO analyst_profile (id, name, affiliation, section, contact, updated_at) VALUES (1, ?, ?, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET name = excluded.name, affiliation = excluded.affiliation, section = excluded.section,
       contact = excluded.contact, updated_at = excluded.updated_at`,
  ).run(p.name.trim(), p.affiliation?.trim() ?? '', p.section?.trim() ?? '', p.contact?.trim() ?? '', at);
  return getProfile(db)!;
}

/** The 発信 block a profile signs: affiliation, section, name, contact, one per line, blanks left out. */
export function senderFromProfile(p: Pick<AnalystProfile, 'name' | 'affiliation' | 'section' | 'contact'>): string {
  return [p.affiliation, p.section, p.name, p.contact].filter((l) => l.trim()).join('\n');
}
