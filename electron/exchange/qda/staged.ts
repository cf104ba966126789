// Previewed REFI-QDA projects waiting for the analyst's "import": the preview reads the file once
// (a desktop handle is single-use, an upload is consumed), and the import takes exactly what was
// previewed by token. Few and short-lived: a preview left unanswered is soon forgotten.
import crypto from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { QdaProject } from './read';

export const STAGED_TTL_MS = 15 * 60 * 1000;
const MAX_STAGED = 4;

const staged = new Map<string, { project: QdaProject; expires: number }>();

export function stageProject(project: QdaProject, now = Date.now()): string {
  for (const [k, v] of staged) if (v.expires < now) staged.delete(k);
  while (staged.size >= MAX_STAGED) staged.delete(staged.keys().next().value as string);
  const token = crypto.randomBytes(18).toString('base64url');
  staged.set(token, { project, expires: now + STAGED_TTL_MS });
  return token;
}

/** The previewed project, once: an import consumes its preview. */
export function takeStaged(token: string, now = Date.now()): QdaProject {
  const entry = staged.get(token);
  staged.delete(token);
  if (!entry || entry.expires < now) {
    throw new AppError(
      'not-found',
      { ja: 'この読み込みプレビューは期限切れか、すでに使われました。', en: 'This import preview has expired or was already used.' },
      { subject: 'staged', hint: { ja: 'ファイルをもう一度選んでプレビューしてください。', en: 'Choose the file again and preview it.' } },
    );
  }
  return entry.project;
}
