// The import's CPU work off the API thread: one long-lived prepare worker per process (started
// lazily, unref'd while idle, ended with the context) extracts, segments and tokenizes a source,
// so the thread that holds the database only writes. The write overlaps the worker's work: the
// statements arrive first and the write inserts their rows while the worker still computes their
// index tokens, which the write then takes chunk by chunk (synchronously: the write is one
// transaction). A worker that crashes, runs out of memory or answers nonsense fails the file in
// flight with a typed error naming it, nothing written; the next import gets a fresh worker.
import fs from 'node:fs';
import path from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { AppError, type AppErrorData } from '../../../shared/errors';
import { prepareDocument, textAt, type PreparedDocument, type StringColumn } from '../../corpus/prepared';
import type { DocumentMeta } from '../../../shared/model';
import { packIndexTokens, tokensAt, type PackedTokens } from '../../search/packed-tokens';
import { idFromFileNameAndHash } from '../document-id';
import { detectSignature, extractSource, type Extracted, type ExtractOptions } from '../extract';
import { summarize } from './summary';
import { CANCELLED, CONTROL_SLOTS, NEXT_CHUNK, POSTED, TOKEN_CHUNK, type ExtractedSummary, type IdPrediction, type PrepareJob, type PrepareReply, type TokenChunk } from './protocol';

/** The worker's V8 heap, as the PDF worker's: a 20 MB HTML's text, statements and tokens fit with room. */
const WORKER_HEAP_MB = 768;
/**
 * Sources below this size are prepared on the API thread: posting a file and its statements
 * across threads costs a fixed ~1 ms plus copies, more than a small file's whole preparation
 * (docs/benchmarks.md, "Import": the threshold's measurement).
 */
export const INLINE_BELOW_BYTES = 64 * 1024;
/**
 * How long the write waits for a token chunk the worker has claimed before making it itself: the
 * worker may be descheduled or gone (a crash is only seen by the event loop, which the write holds).
 * A chunk takes ~30 ms on a quiet core; making it twice costs CPU, never correctness.
 */
const STALL_MS = 2_000;

export interface PrepareOptions extends ExtractOptions {
  /** The document id the statement ids are derived from, as far as it can be known before the write. */
  documentId: IdPrediction;
  /** The benchmark's threshold measurement: prepare here or in the worker whatever the size. */
  where?: 'worker' | 'inline';
}

/** A source extracted and segmented, its index tokens made or on their way. */
export interface PreparedSource {
  extracted: ExtractedSummary;
  document: PreparedDocument;
  tokens: PreparedTokens;
  /** Where the preparation ran and what it cost (ms): the benchmark's split. */
  timing: { where: 'worker' | 'inline'; extract: number; segment: number; transfer: number };
}

function predictedId(p: IdPrediction, summary: ExtractedSummary): string {
  return 'id' in p ? p.id : idFromFileNameAndHash(p.fromFileName, summary.textSha256);
}

/**
 * The index tokens of a prepared document's statements, taken in statement order during the write.
 * Chunks come from the worker's port; a chunk nobody has claimed yet is made here rather than waited
 * for, and a claimed chunk that does not come within STALL_MS is made here too.
 */
export class PreparedTokens {
  private readonly chunks = new Map<number, PackedTokens>();
  private released = false;
  /** Milliseconds the worker spent on chunks received, and chunks made on this thread. */
  workerMs = 0;
  madeHere = 0;

  constructor(
    private readonly texts: StringColumn,
    private readonly channel: { port: MessagePort; control: Int32Array; chunks: number } | null,
  ) {}

  /** Statement i's tokens, as flushPending would index them. */
  take(i: number): Buffer {
    const c = Math.floor(i / TOKEN_CHUNK);
    const packed = this.chunks.get(c) ?? this.await(c);
    // Chunks are taken in order: the previous one is done with.
    if (c > 0) this.chunks.delete(c - 1);
    return tokensAt(packed, i - c * TOKEN_CHUNK);
  }

  /** Stops the worker's token loop for this file (the write is done, failed or unneeded). */
  release(): void {
    if (this.released) return;
    this.released = true;
    this.chunks.clear();
    if (this.channel) {
      Atomics.store(this.channel.control, CANCELLED, 1);
      this.channel.port.close();
    }
  }

  private make(c: number): PackedTokens {
    const { texts } = this;
    const packed = packIndexTokens((i) => textAt(texts, i), c * TOKEN_CHUNK, Math.min(texts.ends.length, (c + 1) * TOKEN_CHUNK));
    this.chunks.set(c, packed);
    this.madeHere++;
    return packed;
  }

  private drain(): void {
    if (!this.channel) return;
    for (let m = receiveMessageOnPort(this.channel.port); m; m = receiveMessageOnPort(this.channel.port)) {
      const t = m.message as TokenChunk;
      if (!this.chunks.has(t.chunk)) this.chunks.set(t.chunk, { bytes: t.bytes, offsets: t.offsets });
      this.workerMs += t.ms;
    }
  }

  private await(c: number): PackedTokens {
    const ch = this.channel;
    if (!ch || this.released) return this.make(c);
    for (;;) {
      this.drain();
      const got = this.chunks.get(c);
      if (got) return got;
      // Help rather than wait: the next unclaimed chunk is made here (c itself, or one after it).
      const k = Atomics.add(ch.control, NEXT_CHUNK, 1);
      if (k < ch.chunks) {
        const packed = this.make(k);
        if (k === c) return packed;
        continue;
      }
      // Every chunk is claimed and c is the worker's: wait for its next post.
      const posted = Atomics.load(ch.control, POSTED);
      this.drain();
      const now = this.chunks.get(c);
      if (now) return now;
      if (Atomics.wait(ch.control, POSTED, posted, STALL_MS) === 'timed-out') return this.make(c);
    }
  }
}

function prepareInline(extracted: Extracted, documentId: IdPrediction, fileName: string): PreparedSource {
  const t = performance.now();
  const summary = summarize(extracted, fileName);
  const meta: DocumentMeta = { id: predictedId(documentId, summary), title: '', date: null, issuer: null, kind: 'other', language: 'ja', source: fileName };
  const document = prepareDocument(extracted.text, meta, extracted.pages);
  return { extracted: summary, document, tokens: new PreparedTokens(document.statements.texts, null), timing: { where: 'inline', extract: 0, segment: performance.now() - t, transfer: 0 } };
}

/**
 * Extracts and prepares one source: a PDF in its own worker first (as always), then here or in the
 * prepare worker by size. Refusals are the extractors' (naming the file); a cancel rejects at once.
 */
export async function prepareSource(bytes: Uint8Array, fileName: string, opts: PrepareOptions): Promise<PreparedSource> {
  if (detectSignature(bytes).kind === 'pdf') {
    const t = performance.now();
    const extracted = await extractSource(bytes, fileName, opts);
    const extractMs = performance.now() - t;
    // Its text against the same threshold (UTF-16 length × 2: Japanese is 3 bytes a character in a file).
    if (opts.where === 'inline' || (opts.where === undefined && extracted.text.length * 2 < INLINE_BELOW_BYTES)) {
      const p = prepareInline(extracted, opts.documentId, fileName);
      return { ...p, timing: { ...p.timing, extract: extractMs } };
    }
    const p = await inWorker({ extracted }, fileName, opts);
    return { ...p, timing: { ...p.timing, extract: extractMs } };
  }
  if (opts.where === 'inline' || (opts.where === undefined && bytes.length < INLINE_BELOW_BYTES)) {
    const t = performance.now();
    const extracted = await extractSource(bytes, fileName, opts);
    const extractMs = performance.now() - t;
    const p = prepareInline(extracted, opts.documentId, fileName);
    return { ...p, timing: { ...p.timing, extract: extractMs } };
  }
  return inWorker({ bytes }, fileName, opts);
}

interface Pending {
  fileName: string;
  control: Int32Array;
  port: MessagePort;
  resolve(p: PreparedSource): void;
  reject(e: AppError): void;
}

interface Running {
  worker: Worker;
  jobs: Map<number, Pending>;
}

let running: Running | null = null;
let nextJob = 1;
/** Tests: a smaller heap, to make the worker really run out of memory. */
let heapMb = WORKER_HEAP_MB;

export function setPrepareWorkerHeapForTests(mb: number | null): void {
  heapMb = mb ?? WORKER_HEAP_MB;
}

function firstExisting(candidates: readonly string[]): string | null {
  for (const c of candidates) if (fs.existsSync(c)) return c;
  return null;
}

/** The compiled worker beside this file; from a source tree (tests), the built one in dist/. */
function workerScript(): string {
  const script = firstExisting([path.join(__dirname, 'worker.js'), path.resolve(__dirname, '../../../dist/electron/import/prepare/worker.js')]);
  if (!script) {
    throw new AppError('unavailable', { ja: '取り込みの準備スレッドがビルドされていません（npm run build）。', en: 'The import preparation thread is not built (run npm run build).' }, { subject: 'dist/electron/import/prepare/worker.js' });
  }
  return script;
}

function stoppedError(fileName: string, why: { ja: string; en: string }): AppError {
  return new AppError('bad-input', { ja: `${fileName}: ${why.ja}何も書き込まれていません。`, en: `${fileName}: ${why.en}; nothing was written.` }, { subject: fileName });
}

function cancelled(fileName: string): AppError {
  return new AppError('cancelled', { ja: `${fileName}: 取り込みを取り消しました。何も書き込まれていません。`, en: `${fileName}: the import was cancelled; nothing was written.` }, { subject: fileName });
}

/** Every file in flight fails with `why`; the worker is ended and the next import starts a fresh one. */
function fail(r: Running, why: (fileName: string) => AppError): void {
  if (running === r) running = null;
  for (const p of r.jobs.values()) {
    p.port.close();
    p.reject(why(p.fileName));
  }
  r.jobs.clear();
  void r.worker.terminate();
}

function start(): Running {
  if (running) return running;
  const worker = new Worker(workerScript(), { resourceLimits: { maxOldGenerationSizeMb: heapMb } });
  const r: Running = { worker, jobs: new Map() };
  worker.on('message', (msg: PrepareReply) => onReply(r, msg));
  worker.on('messageerror', () => fail(r, (f) => stoppedError(f, { ja: '取り込みの準備スレッドからの応答を読めません。', en: 'the import preparation thread answered with a message that cannot be read' })));
  worker.on('error', (e: Error & { code?: string }) => {
    const oom = e.code === 'ERR_WORKER_OUT_OF_MEMORY';
    fail(r, (f) =>
      stoppedError(
        f,
        oom
          ? { ja: `取り込みの準備がメモリの上限（${heapMb} MB）を超えました。分割して取り込んでください。`, en: `preparing the import exceeded its memory budget (${heapMb} MB); split the file first` }
          : { ja: `取り込みの準備スレッドが異常終了しました（${e.message}）。`, en: `the import preparation thread failed (${e.message})` },
      ),
    );
  });
  worker.on('exit', (code) => {
    fail(r, (f) => stoppedError(f, { ja: `取り込みの準備スレッドが終了コード ${code} で止まりました。`, en: `the import preparation thread stopped (exit code ${code})` }));
  });
  worker.unref();
  running = r;
  return r;
}

/** A reply that is not what the protocol says: the worker cannot be trusted with the next file either. */
export function malformedReply(msg: PrepareReply): boolean {
  if (msg.type === 'failed') return typeof msg.error?.code !== 'string' || typeof msg.error.message?.en !== 'string';
  if (msg.type !== 'prepared') return true;
  const d = msg.document;
  const s = d?.statements;
  if (!s || typeof d.text !== 'string' || typeof d.contentHash !== 'string' || typeof d.documentId !== 'string') return true;
  const n = s.count;
  const strings = [s.ids, s.kinds, s.texts, s.headingPaths, s.parentIds, s.speakers, s.markers, s.tables, s.footnotes, s.pageLabels];
  const numbers = [s.levels, s.starts, s.ends, s.pages];
  const badStrings = strings.some((c) => typeof c?.joined !== 'string' || !(c.ends instanceof Uint32Array) || c.ends.length !== n || (c.ends.length > 0 && c.ends[n - 1] !== c.joined.length) || (c.nulls !== null && !(c.nulls instanceof Uint8Array)));
  return !Number.isInteger(n) || badStrings || numbers.some((c) => !ArrayBuffer.isView(c) || c.length !== n) || msg.chunks !== Math.ceil(n / TOKEN_CHUNK) || typeof msg.extracted?.opening !== 'string';
}

function onReply(r: Running, msg: PrepareReply): void {
  const p = r.jobs.get(msg?.job);
  if (!p) return; // cancelled meanwhile: its answer is dropped
  if (malformedReply(msg)) {
    fail(r, (f) => stoppedError(f, { ja: '取り込みの準備スレッドから不正な応答がありました。', en: 'the import preparation thread answered with a malformed message' }));
    return;
  }
  r.jobs.delete(msg.job);
  if (r.jobs.size === 0) r.worker.unref();
  if (msg.type === 'failed') {
    p.port.close();
    p.reject(fromData(msg.error, p.fileName));
    return;
  }
  const tokens = new PreparedTokens(msg.document.statements.texts, { port: p.port, control: p.control, chunks: msg.chunks });
  p.resolve({ extracted: msg.extracted, document: msg.document, tokens, timing: { where: 'worker', ...msg.ms, transfer: performance.timeOrigin + performance.now() - msg.postedAt } });
}

/** An error as the worker reported it; one it did not expect is still named after the file. */
function fromData(e: AppErrorData, fileName: string): AppError {
  if (e.code === 'internal') return stoppedError(fileName, { ja: `取り込みの準備に失敗しました（${e.message.ja}）。`, en: `preparing the import failed (${e.message.en})` });
  return new AppError(e.code, e.message, { subject: e.subject ?? fileName, hint: e.hint });
}

function inWorker(source: PrepareJob['source'], fileName: string, opts: PrepareOptions): Promise<PreparedSource> {
  if (opts.signal?.aborted) return Promise.reject(cancelled(fileName));
  const r = start();
  const job = nextJob++;
  const control = new Int32Array(new SharedArrayBuffer(CONTROL_SLOTS * Int32Array.BYTES_PER_ELEMENT));
  const { port1, port2 } = new MessageChannel();
  return new Promise<PreparedSource>((resolve, reject) => {
    const onAbort = () => {
      if (!r.jobs.delete(job)) return;
      if (r.jobs.size === 0) r.worker.unref();
      Atomics.store(control, CANCELLED, 1);
      port1.close();
      reject(cancelled(fileName));
    };
    const done = () => opts.signal?.removeEventListener('abort', onAbort);
    r.jobs.set(job, {
      fileName,
      control,
      port: port1,
      resolve: (p) => {
        done();
        resolve(p);
      },
      reject: (e) => {
        done();
        reject(e);
      },
    });
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    r.worker.ref();
    // The bytes are copied, not transferred: the write still keeps them as the original.
    r.worker.postMessage({ type: 'prepare', job, fileName, source, documentId: opts.documentId, control: control.buffer as SharedArrayBuffer, tokens: port2 } satisfies PrepareJob, [port2]);
  });
}

/** Ends the worker (the context is closing); files in flight fail as cancelled. */
export function stopPrepareWorker(): void {
  const r = running;
  if (!r) return;
  running = null;
  for (const p of r.jobs.values()) {
    p.port.close();
    p.reject(cancelled(p.fileName));
  }
  r.jobs.clear();
  r.worker.removeAllListeners('exit');
  r.worker.removeAllListeners('error');
  r.worker.on('error', () => undefined);
  void r.worker.terminate();
}
