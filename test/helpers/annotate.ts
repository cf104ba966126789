// Shared set-up of the annotation, backup and briefing tests: a fresh copy of the corpus database
// with an API client for every test, statements found by content, and the error a call fails with.
import { afterEach, beforeEach } from 'vitest';
import { ApiError, type ApiClient } from '../../shared/api/client';
import type { Statement } from '../../shared/model';
import type { AppContext } from '../../electron/app/context';
import { statementFromRow, type StatementRow } from '../../electron/corpus/repo';
import { apiFor } from './api';
import { closeContext, corpusContext } from './db';

export interface CorpusApi {
  ctx: AppContext;
  api: ApiClient;
}

/**
 * Gives every test of the file its own copy of the corpus database and an API client on it
 * (`receive` gets them before each test), and closes the database after the test. A test that
 * reopens the database passes `current`, so the context it ends with is closed too.
 */
export function withCorpusApi(receive: (env: CorpusApi) => void, current?: () => AppContext | undefined): void {
  let ctx: AppContext | null = null;
  beforeEach(() => {
    ctx = corpusContext();
    receive({ ctx, api: apiFor(ctx) });
  });
  afterEach(() => {
    if (ctx) closeContext(ctx);
    const last = current?.();
    if (last) closeContext(last);
    ctx = null;
  });
}

/** The ApiError a call fails with; fails the test if it succeeds or throws anything else. */
export async function apiError(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}

// Finding statements by content rather than by id: the segmenter may renumber statements, so
// tests pick "a statement containing 半導体" from whatever the corpus yields today.

export function allStatements(ctx: Pick<AppContext, 'db'>): Statement[] {
  return (ctx.db.prepare('SELECT * FROM statements ORDER BY document_id, ordinal').all() as StatementRow[]).map(statementFromRow);
}

export function findStatement(ctx: Pick<AppContext, 'db'>, match: string | ((text: string, documentId: string) => boolean)): Statement {
  const test = typeof match === 'string' ? (t: string) => t.includes(match) : match;
  const s = allStatements(ctx).find((x) => test(x.text, x.documentId));
  if (!s) throw new Error(`no statement in the corpus matches ${String(match)}`);
  return s;
}
