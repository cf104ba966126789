// The import's prepare thread: extraction (decode, HTML cleaning, Word), segmentation with
// statement ids, the content hash and the index tokens of every statement run here, on the
// second core, while the API thread writes the previous file (or this file's rows). Files are
// prepared one at a time, in the order they were asked for; a PDF arrives already extracted by
// its own worker. Nothing here touches the database.
//
// A file's answer goes as soon as what needs the whole document is done (its text, hash and
// statement count); its statements follow a chunk at a time, so the write inserts the first rows
// while the rest are made here, and then its index tokens, chunk by chunk.
import { parentPort } from 'node:worker_threads';
import { toErrorData } from '../../../shared/errors';
import type { DocumentMeta } from '../../../shared/model';
import { prepareDocumentStream, STATEMENT_CHUNK, textAt, type StringColumn } from '../../corpus/prepared';
import { packIndexTokens } from '../../search/packed-tokens';
import { idFromFileNameAndHash } from '../document-id';
import { extractSource } from '../extract';
import { summarize } from './summary';
import { CANCELLED, NEXT_CHUNK, POSTED, TOKEN_CHUNK, type ChunkFailed, type PrepareJob, type PrepareReply, type StatementChunk, type TokenChunk } from './protocol';

const port = parentPort;
if (!port) throw new Error('the prepare worker must run in a worker thread');

function posted(control: Int32Array): void {
  Atomics.add(control, POSTED, 1);
  Atomics.notify(control, POSTED);
}

async function prepare(job: PrepareJob): Promise<void> {
  const control = new Int32Array(job.control);
  let answered = false;
  try {
    if (Atomics.load(control, CANCELLED)) return;
    const t0 = performance.now();
    const extracted = 'bytes' in job.source ? await extractSource(job.source.bytes, job.fileName) : job.source.extracted;
    const t1 = performance.now();
    const summary = summarize(extracted, job.fileName);
    const id = 'id' in job.documentId ? job.documentId.id : idFromFileNameAndHash(job.documentId.fromFileName, summary.textSha256);
    // Segmentation reads the id only (statement ids derive from it); the rest of the metadata is the write's.
    const meta: DocumentMeta = { id, title: '', date: null, issuer: null, kind: 'other', language: 'ja', source: job.fileName };
    const stream = prepareDocumentStream(extracted.text, meta, extracted.pages);
    const t2 = performance.now();
    const { count } = stream;
    const chunks = Math.ceil(count / STATEMENT_CHUNK);
    const document = { documentId: stream.documentId, contentHash: stream.contentHash, text: stream.text, count };
    port!.postMessage({ type: 'prepared', job: job.job, extracted: summary, document, chunks, ms: { extract: t1 - t0, segment: t2 - t1 }, postedAt: performance.timeOrigin + performance.now() } satisfies PrepareReply);
    answered = true;
    if (job.hold) Atomics.wait(control, CANCELLED, 0);
    // The statements, chunk by chunk (cloned: their texts stay here for the tokens).
    const texts: StringColumn[] = [];
    for (let chunk = 0; chunk < chunks; chunk++) {
      if (Atomics.load(control, CANCELLED)) return;
      const columns = stream.nextChunk();
      texts.push(columns.texts);
      job.port.postMessage({ type: 'statements', chunk, columns } satisfies StatementChunk);
      posted(control);
    }
    // Then their tokens. The API thread claims chunks from the same counter when it catches up,
    // so no chunk is made twice.
    for (;;) {
      if (Atomics.load(control, CANCELLED)) break;
      const chunk = Atomics.add(control, NEXT_CHUNK, 1);
      if (chunk >= chunks) break;
      const t = performance.now();
      const base = chunk * TOKEN_CHUNK;
      const packed = packIndexTokens((i) => textAt(texts[chunk], i - base), base, Math.min(count, base + TOKEN_CHUNK));
      job.port.postMessage({ type: 'tokens', chunk, bytes: packed.bytes, offsets: packed.offsets, ms: performance.now() - t } satisfies TokenChunk, [packed.bytes.buffer as ArrayBuffer, packed.offsets.buffer as ArrayBuffer]);
      posted(control);
    }
  } catch (e) {
    // Before the answer, the file fails on the worker's port; after it, the write is waiting on the file's.
    if (!answered) port!.postMessage({ type: 'failed', job: job.job, error: toErrorData(e) } satisfies PrepareReply);
    else {
      job.port.postMessage({ type: 'failed', error: toErrorData(e) } satisfies ChunkFailed);
      posted(control);
    }
  } finally {
    job.port.close();
  }
}

// One file at a time: an extraction awaits (Word), and the next file must not interleave with it.
let queue = Promise.resolve();
port.on('message', (job: PrepareJob) => {
  queue = queue.then(() => prepare(job));
});
