// Calendar dates as the workbench stores, accepts and stamps them: YYYY-MM-DD. One pattern and
// one check for every form, schema and file, and one "today" for every new briefing and file name.

/** A date written YYYY-MM-DD (the shape only; `isIsoDate` also checks that the day exists). */
export const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD: 2021-02-28 is one, 2021-02-30 is not. */
export function isIsoDate(v: string): boolean {
  if (!ISO_DATE.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/**
 * Today on the analyst's own calendar (the machine's time zone), YYYY-MM-DD. Not the UTC date:
 * in Tokyo, UTC is still yesterday until 9 in the morning.
 */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
