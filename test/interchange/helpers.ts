// Shared set-up of the interchange tests: an imported source with characters outside the Basic
// Multilingual Plane (𠮷, 𩸽, an emoji flag) and CRLF line ends, statements found by their text,
// and row counts of every workspace table (to prove a refused file wrote nothing).
import type { ApiClient } from '../../shared/api/client';
import type { AppContext } from '../../electron/app/context';

export const ASTRAL_SOURCE = '𠮷野家と𩸽の報告\r\n\r\n𠮷野家の店で𩸽を食べた。🇯🇵の旗が見えた。\r\n\r\n半導体の供給網について🇯🇵政府は𠮷報を待つ。\r\n';

export async function importAstralSource(api: ApiClient, id = 'astral-memo'): Promise<string> {
  const r = await api.call('documents.import', { fileName: `${id}.txt`, contentBase64: Buffer.from(ASTRAL_SOURCE, 'utf8').toString('base64'), id, title: '𠮷野家と𩸽の報告' });
  return r.document.id;
}

export function statementWith(ctx: AppContext, documentId: string, needle: string): { id: string; text: string; start: number } {
  const rows = ctx.db.prepare('SELECT id, text, start_offset AS start FROM statements WHERE document_id = ? ORDER BY ordinal').all(documentId) as { id: string; text: string; start: number }[];
  const s = rows.find((r) => r.text.includes(needle));
  if (!s) throw new Error(`no statement of ${documentId} holds ${needle}`);
  return s;
}

const TABLES = ['annotations', 'annotation_pillars', 'annotation_tags', 'pillars', 'briefings', 'briefing_sections', 'briefing_items', 'briefing_templates', 'documents', 'change_groups', 'annotation_sync_base'];

export function rowCounts(ctx: AppContext): Record<string, number> {
  return Object.fromEntries(TABLES.map((t) => [t, (ctx.db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n]));
}

export { mulberry32 as seeded } from '../bench/prng';
