// Messages between the import's prepare worker and the API thread (structured-clone plain data).
// A file's reply carries what needs the whole document (text, hash, statement count); its
// statements follow on a per-file port a chunk at a time, then its index tokens (as transferred
// ArrayBuffers), so the write starts on the first statements while the worker makes the rest.
import type { MessagePort } from 'node:worker_threads';
import type { AppErrorData } from '../../../shared/errors';
import { STATEMENT_CHUNK, type PreparedDocument, type StatementColumns } from '../../corpus/prepared';
import type { Extracted } from '../extract';

/**
 * Statements per token chunk: ~30 ms of folding and bigrams on a quiet core, so the write never
 * waits long. The same as a statement chunk's: token chunk c is made from statement chunk c.
 */
export const TOKEN_CHUNK = STATEMENT_CHUNK;

/**
 * Slots of the per-file Int32Array shared with the worker. Token chunks are claimed with
 * Atomics.add on NEXT_CHUNK by whichever thread gets there first (the API thread takes chunks too
 * when it would otherwise wait), POSTED counts chunks sent on the file's port (statements and
 * tokens), CANCELLED stops the worker's loop.
 */
export const NEXT_CHUNK = 0;
export const POSTED = 1;
export const CANCELLED = 2;
export const CONTROL_SLOTS = 3;

/**
 * What the write needs of an extraction: all of it but the raw text, which stays where it was
 * segmented (20 MB of it need not cross threads twice).
 */
export interface ExtractedSummary extends Omit<Extracted, 'text'> {
  /** The raw text's opening, where title, date and issuer are read from (metadata.ts, OPENING_CHARS). */
  opening: string;
  /** SHA-256 of the raw text where the default document id is made from it (idNeedsText), else null. */
  textSha256: string | null;
  /** Whitespace only: nothing to import. */
  blank: boolean;
}

/** How the worker names the document before the write decides: a fixed id, or from the file name. */
export type IdPrediction = { id: string } | { fromFileName: string };

export interface PrepareJob {
  type: 'prepare';
  job: number;
  fileName: string;
  /** The file's bytes (extracted here), or a PDF's text already extracted by the PDF worker. */
  source: { bytes: Uint8Array } | { extracted: Extracted };
  documentId: IdPrediction;
  control: SharedArrayBuffer;
  /** The file's port: its statements, then its tokens. */
  port: MessagePort;
  /** Tests: after the answer, send no statements until the file is cancelled (a worker that stops half-way). */
  hold?: boolean;
}

/** A prepared document but its statements, which follow on the file's port. */
export interface PreparedHead extends Omit<PreparedDocument, 'statements'> {
  count: number;
}

export type PrepareReply =
  | { type: 'prepared'; job: number; extracted: ExtractedSummary; document: PreparedHead; chunks: number; ms: { extract: number; segment: number }; /** Epoch ms when posted: the benchmark's transfer time. */ postedAt: number }
  | { type: 'failed'; job: number; error: AppErrorData };

/** On a file's port: statements chunk × STATEMENT_CHUNK … as columns. */
export interface StatementChunk {
  type: 'statements';
  chunk: number;
  columns: StatementColumns;
}

/** On a file's port, after its statements: the index tokens of statements chunk × TOKEN_CHUNK …, packed. */
export interface TokenChunk {
  type: 'tokens';
  chunk: number;
  bytes: Uint8Array;
  offsets: Uint32Array;
  ms: number;
}

/** On a file's port, when making its statements or tokens failed after the answer was sent. */
export interface ChunkFailed {
  type: 'failed';
  error: AppErrorData;
}

export type FileMessage = StatementChunk | TokenChunk | ChunkFailed;
