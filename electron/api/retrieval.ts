// Handlers for the retrieval methods (shared/api/retrieval.ts).
import { retrievalApi } from '../../shared/api/retrieval';
import { cooccurrence } from '../retrieval/cooccurrence';
import { codingMatrix } from '../retrieval/matrix';
import type { DomainHandlers } from './dispatch';

export const retrievalHandlers: DomainHandlers<typeof retrievalApi> = {
  'retrieval.matrix': (req, { db }) => codingMatrix(db, req.rows, req.cols),
  'retrieval.cooccurrence': (req, { db }) => cooccurrence(db, req.limit),
};
