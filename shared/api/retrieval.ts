// API methods for getting coded material back out: the code matrix and code co-occurrence.
import { z } from 'zod';
import type { CodingMatrix, Cooccurrence } from '../retrieval';
import { method } from './define';

const AxisEntry = z.object({ id: z.string(), label: z.string() });

export const CodingMatrixSchema = z.object({
  rows: z.array(AxisEntry),
  cols: z.array(AxisEntry),
  cells: z.array(z.array(z.number().int())),
  rowTotals: z.array(z.number().int()),
  colTotals: z.array(z.number().int()),
  annotations: z.number().int(),
}) satisfies z.ZodType<CodingMatrix>;

export const CooccurrenceSchema = z.object({
  codes: z.array(z.object({ id: z.string(), label: z.string(), statements: z.number().int() })),
  counts: z.array(z.array(z.number().int())),
  jaccard: z.array(z.array(z.number())),
}) satisfies z.ZodType<Cooccurrence>;

export const retrievalApi = {
  'retrieval.matrix': method(
    z.object({ rows: z.enum(['pillar', 'tag']), cols: z.enum(['document', 'speaker', 'pillar', 'tag']) }).strict(),
    CodingMatrixSchema,
    'Live annotations per code (pillar or tag) and document / speaker / code, with row and column totals.',
  ),
  'retrieval.cooccurrence': method(
    z.object({ limit: z.number().int().min(1).max(300).optional() }).strict(),
    CooccurrenceSchema,
    'Pillars and tags coding the same statement: counts and Jaccard (the most used codes, at most 300).',
  ),
};
