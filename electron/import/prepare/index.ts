// The import's CPU work off the API thread: one long-lived prepare worker per process (started
// lazily, unref'd while idle, ended with the context) extracts, segments and tokenizes a source,
// so the thread that holds the database only writes. The write overlaps the worker's work: the
// answer comes once what needs the whole document is done, the statements follow chunk by chunk
// and the write inserts their rows as they come, while the worker makes the rest and then their
// index tokens, which the write takes chunk by chunk too (synchronously: the write is one
// transaction). A worker that crashes, runs out of memory or answers nonsense fails the file in
// flight with a typed error naming it, nothing written; the next import gets a fresh worker.
import fs from 'node:fs';
import path from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { AppError, type AppErrorData } from '../../../shared/errors';
import { prepareDocument, STATEMENT_CHUNK, streamed, textAt, type StatementBatches, type StatementColumns, type StreamedDocument } from '../../corpus/prepared';
import type { DocumentMeta } from '../../../shared/model';
import { packIndexTokens, tokensAt, type PackedTokens } from '../../search/packed-tokens';
import { idFromFileNameAndHash } from '../document-id';
import { detectSignature, extractSource, type Extracted, type ExtractOptions } from '../extract';
import { summarize } from './summary';
import { CANCELLED, CONTROL_SLOTS, NEXT_CHUNK, POSTED, TOKEN_CHUNK, type ExtractedSummary, type FileMessage, type IdPrediction, type PrepareJob, type PrepareReply } from './protocol';

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
  /** Its statements may still be on their way from the worker: the write takes them as they come. */
  document: StreamedDocument;
  tokens: PreparedTokens;
  /** Where the preparation ran and what it cost (ms): the benchmark's split. */
  timing: { where: 'worker' | 'inline'; extract: number; segment: number; transfer: number };
}

function predictedId(p: IdPrediction, summary: ExtractedSummary): string {
  return 'id' in p ? p.id : idFromFileNameAndHash(p.fromFileName, summary.textSha256);
}

/**
 * How long the write waits for a chunk of statements the worker has yet to send before giving the
 * file up (nothing written): only a worker that is gone (a crash is only seen by the event loop,
 * which the write holds) or hung takes this long. A chunk takes ~10 ms on a quiet core.
 */
const STATEMENTS_STALL_MS = 20_000;
let statementsStallMs = STATEMENTS_STALL_MS;

let holdStatements = false;

/**
 * Tests: a worker that stops after its answer (it sends no statements until its file is
 * cancelled), and a shorter wait for statements that never come.
 */
export function stallStatementsForTests(stall: { waitMs: number } | null): void {
  holdStatements = stall !== null;
  statementsStallMs = stall?.waitMs ?? STATEMENTS_STALL_MS;
}

/** Columns that are not what columnsOf makes for `n` statements. */
export function malformedColumns(s: StatementColumns | undefined, n: number): boolean {
  if (!s || s.count !== n) return true;
  const strings = [s.ids, s.kinds, s.texts, s.headingPaths, s.parentIds, s.speakers, s.markers, s.tables, s.footnotes, s.pageLabels];
  const numbers = [s.levels, s.starts, s.ends, s.pages];
  const badStrings = strings.some((c) => typeof c?.joined !== 'string' || !(c.ends instanceof Uint32Array) || c.ends.length !== n || (n > 0 && c.ends[n - 1] !== c.joined.length) || (c.nulls !== null && !(c.nulls instanceof Uint8Array)));
  return !Number.isInteger(n) || badStrings || numbers.some((c) => !ArrayBuffer.isView(c) || (c as Uint32Array).length !== n);
}

/** How many statements chunk c of a document of `count` statements holds. */
function chunkSize(count: number, c: number): number {
  return Math.min(STATEMENT_CHUNK, count - c * STATEMENT_CHUNK);
}

/**
 * A file's port on the API thread: its statement chunks, then its token chunks, taken
 * synchronously during the write (receiveMessageOnPort, and Atomics.wait on POSTED between posts).
 * Anything else on it is the worker's failure: the file fails, and the worker is ended.
 */
class FileChannel {
  readonly statements: (StatementColumns | undefined)[];
  readonly tokens = new Map<number, PackedTokens>();
  /** Why the file cannot be written: the worker's failure, or a message that cannot be right. */
  failed: AppError | null = null;
  closed = false;
  /** The worker was ended: what it did not post before will not come. */
  gone = false;
  /** Milliseconds the worker spent on token chunks received. */
  workerMs = 0;

  constructor(
    readonly fileName: string,
    readonly port: MessagePort,
    readonly control: Int32Array,
    readonly count: number,
    readonly chunks: number,
    private readonly broken: () => void,
    private readonly onClose: () => void,
  ) {
    this.statements = new Array(chunks);
  }

  drain(): void {
    if (this.closed) return;
    for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) this.accept(m.message as FileMessage);
  }

  private accept(msg: FileMessage): void {
    const c = (msg as { chunk?: unknown })?.chunk;
    const inRange = typeof c === 'number' && Number.isInteger(c) && c >= 0 && c < this.chunks;
    if (msg?.type === 'statements' && inRange && !malformedColumns(msg.columns, chunkSize(this.count, c))) {
      this.statements[c] ??= msg.columns;
      return;
    }
    if (msg?.type === 'tokens' && inRange && msg.bytes instanceof Uint8Array && msg.offsets instanceof Uint32Array && msg.offsets.length === chunkSize(this.count, c) + 1) {
      if (!this.tokens.has(c)) this.tokens.set(c, { bytes: msg.bytes, offsets: msg.offsets });
      this.workerMs += typeof msg.ms === 'number' ? msg.ms : 0;
      return;
    }
    if (msg?.type === 'failed' && typeof msg.error?.code === 'string' && typeof msg.error.message?.en === 'string') {
      this.failed ??= fromData(msg.error, this.fileName);
      return;
    }
    this.failed ??= stoppedError(this.fileName, { ja: '取り込みの準備スレッドから不正な応答がありました。', en: 'the import preparation thread answered with a malformed message' });
    this.broken();
  }

  /** The worker is given up on: its file fails with `why`, and it is ended (the next import gets a fresh one). */
  giveUp(why: AppError): never {
    this.failed ??= why;
    this.broken();
    throw this.failed;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    Atomics.store(this.control, CANCELLED, 1);
    Atomics.notify(this.control, CANCELLED);
    this.port.close();
    this.onClose();
  }
}

/** A document's statements as the worker sends them, chunk by chunk, waited for when the write needs them. */
class StreamedStatements implements StatementBatches {
  constructor(private readonly channel: FileChannel) {}

  get count(): number {
    return this.channel.count;
  }

  at(i: number): { columns: StatementColumns; base: number } {
    const ch = this.channel;
    if (!(i >= 0 && i < ch.count)) throw new RangeError(`statement ${i} of ${ch.count}`);
    const c = Math.floor(i / STATEMENT_CHUNK);
    return { columns: ch.statements[c] ?? this.await(c), base: c * STATEMENT_CHUNK };
  }

  private await(c: number): StatementColumns {
    const ch = this.channel;
    const deadline = performance.now() + statementsStallMs;
    for (;;) {
      // Read before draining: a post after the drain changes it, and the wait returns at once.
      const seen = Atomics.load(ch.control, POSTED);
      ch.drain();
      if (ch.failed) throw ch.failed;
      const got = ch.statements[c];
      if (got) return got;
      const left = deadline - performance.now();
      if (ch.closed || ch.gone || left <= 0) {
        ch.giveUp(stoppedError(ch.fileName, { ja: '取り込みの準備スレッドが文の受け渡しの途中で止まりました。', en: 'the import preparation thread stopped while handing over the statements' }));
      }
      Atomics.wait(ch.control, POSTED, seen, left);
    }
  }
}

/**
 * The index tokens of a prepared document's statements, taken in statement order during the write.
 * Chunks come from the worker's port; a chunk nobody has claimed yet is made here rather than waited
 * for, and a claimed chunk that does not come within STALL_MS is made here too.
 */
export class PreparedTokens {
  private readonly made = new Map<number, PackedTokens>();
  /** Chunks made on this thread. */
  madeHere = 0;

  constructor(
    private readonly statements: StatementBatches,
    private readonly channel: FileChannel | null,
  ) {}

  /** Milliseconds the worker spent on the chunks received. */
  get workerMs(): number {
    return this.channel?.workerMs ?? 0;
  }

  /** Statement i's tokens, as flushPending would index them. */
  take(i: number): Buffer {
    const c = Math.floor(i / TOKEN_CHUNK);
    const packed = this.chunk(c) ?? this.await(c);
    // Chunks are taken in order: the previous one is done with.
    if (c > 0) {
      this.made.delete(c - 1);
      this.channel?.tokens.delete(c - 1);
    }
    return tokensAt(packed, i - c * TOKEN_CHUNK);
  }

  /** Stops the worker's work on this file (the write is done, failed or unneeded) and closes its port. */
  release(): void {
    this.made.clear();
    this.channel?.tokens.clear();
    this.channel?.close();
  }

  private chunk(c: number): PackedTokens | undefined {
    return this.made.get(c) ?? this.channel?.tokens.get(c);
  }

  private make(c: number): PackedTokens {
    const base = c * TOKEN_CHUNK;
    const { columns, base: at } = this.statements.at(base);
    const packed = packIndexTokens((i) => textAt(columns.texts, i - at), base, Math.min(this.statements.count, base + TOKEN_CHUNK));
    this.made.set(c, packed);
    this.madeHere++;
    return packed;
  }

  private await(c: number): PackedTokens {
    const ch = this.channel;
    if (!ch || ch.closed) return this.make(c);
    for (;;) {
      const posted = Atomics.load(ch.control, POSTED);
      ch.drain();
      const got = this.chunk(c);
      if (got) return got;
      // The worker failed or was ended after the statements came: the tokens are made here.
      if (ch.failed || ch.gone) return this.make(c);
      // Help rather than wait: the next unclaimed chunk is made here (c itself, or one after it).
      const k = Atomics.add(ch.control, NEXT_CHUNK, 1);
      if (k < ch.chunks) {
        const packed = this.make(k);
        if (k === c) return packed;
        continue;
      }
      // Every chunk is claimed and c is the worker's: wait for its next post.
      if (Atomics.wait(ch.control, POSTED, posted, STALL_MS) === 'timed-out') {
        ch.drain();
        return this.chunk(c) ?? this.make(c);
      }
    }
  }
}

function prepareInline(extracted: Extracted, documentId: IdPrediction, fileName: string): PreparedSource {
  const t = performance.now();
  const summary = summarize(extracted, fileName);
  const meta: DocumentMeta = { id: predictedId(documentId, summary), title: '', date: null, issuer: null, kind: 'other', language: 'ja', source: fileName };
  const document = streamed(prepareDocument(extracted.text, meta, extracted.pages));
  return { extracted: summary, document, tokens: new PreparedTokens(document.statements, null), timing: { where: 'inline', extract: 0, segment: performance.now() - t, transfer: 0 } };
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
  /** Files answered whose statements or tokens may still be coming: told when the worker is ended. */
  channels: Set<FileChannel>;
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
  ended(r);
  void r.worker.terminate();
}

/** Files still receiving from an ended worker stop waiting for it. */
function ended(r: Running): void {
  for (const ch of r.channels) ch.gone = true;
  r.channels.clear();
}

function start(): Running {
  if (running) return running;
  const worker = new Worker(workerScript(), { resourceLimits: { maxOldGenerationSizeMb: heapMb } });
  const r: Running = { worker, jobs: new Map(), channels: new Set() };
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

/**
 * Starts the worker ahead of a file it will prepare (idle, it does not keep the process alive):
 * its start and module loading (~0.15 s) then overlap the file's hashing and look-ups.
 */
export function warmPrepareWorker(): void {
  start();
}

/** A reply that is not what the protocol says: the worker cannot be trusted with the next file either. */
export function malformedReply(msg: PrepareReply): boolean {
  if (msg.type === 'failed') return typeof msg.error?.code !== 'string' || typeof msg.error.message?.en !== 'string';
  if (msg.type !== 'prepared') return true;
  const d = msg.document;
  if (!d || typeof d.text !== 'string' || typeof d.contentHash !== 'string' || typeof d.documentId !== 'string') return true;
  return !Number.isInteger(d.count) || d.count < 0 || msg.chunks !== Math.ceil(d.count / STATEMENT_CHUNK) || typeof msg.extracted?.opening !== 'string';
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
  const broken = () => {
    if (running === r) fail(r, (f) => stoppedError(f, { ja: '取り込みの準備スレッドが応答しなくなりました。', en: 'the import preparation thread stopped answering' }));
    else void r.worker.terminate();
  };
  const { count, ...head } = msg.document;
  const channel = new FileChannel(p.fileName, p.port, p.control, count, msg.chunks, broken, () => r.channels.delete(channel));
  r.channels.add(channel);
  const statements = new StreamedStatements(channel);
  const tokens = new PreparedTokens(statements, channel);
  p.resolve({ extracted: msg.extracted, document: { ...head, statements }, tokens, timing: { where: 'worker', ...msg.ms, transfer: performance.timeOrigin + performance.now() - msg.postedAt } });
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
      Atomics.notify(control, CANCELLED);
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
    r.worker.postMessage({ type: 'prepare', job, fileName, source, documentId: opts.documentId, control: control.buffer as SharedArrayBuffer, port: port2, hold: holdStatements } satisfies PrepareJob, [port2]);
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
  ended(r);
  r.worker.removeAllListeners('exit');
  r.worker.removeAllListeners('error');
  r.worker.on('error', () => undefined);
  void r.worker.terminate();
}
