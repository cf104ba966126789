// Finding statements by content rather than by id: the segmenter may renumber statements, so
// tests pick "a statement containing 半導体" from whatever the corpus yields today.
import type { AppContext } from '../../electron/app/context';
import { statementFromRow, type StatementRow } from '../../electron/corpus/repo';
import type { Statement } from '../../shared/model';

export function allStatements(ctx: AppContext): Statement[] {
  return (ctx.db.prepare('SELECT * FROM statements ORDER BY document_id, ordinal').all() as StatementRow[]).map(statementFromRow);
}

export function findStatement(ctx: AppContext, match: string | ((text: string, documentId: string) => boolean)): Statement {
  const test = typeof match === 'string' ? (t: string) => t.includes(match) : match;
  const s = allStatements(ctx).find((x) => test(x.text, x.documentId));
  if (!s) throw new Error(`no statement in the corpus matches ${String(match)}`);
  return s;
}
