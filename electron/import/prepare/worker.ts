// The import's prepare thread: extraction (decode, HTML cleaning, Word), segmentation with
// statement ids, the content hash and the index tokens of every statement run here, on the
// second core, while the API thread writes the previous file (or this file's rows). Files are
// prepared one at a time, in the order they were asked for; a PDF arrives already extracted by
// its own worker. Nothing here touches the database.
import { parentPort } from 'node:worker_threads';
import { toErrorData } from '../../../shared/errors';
import type { DocumentMeta } from '../../../shared/model';
import { prepareDocument, textAt } from '../../corpus/prepared';
import { packIndexTokens } from '../../search/packed-tokens';
import { idFromFileNameAndHash } from '../document-id';
import { extractSource } from '../extract';
import { summarize } from './summary';
import { CANCELLED, NEXT_CHUNK, POSTED, TOKEN_CHUNK, type PrepareJob, type PrepareReply, type TokenChunk } from './protocol';

const port = parentPort;
if (!port) throw new Error('the prepare worker must run in a worker thread');

async function prepare(job: PrepareJob): Promise<void> {
  const control = new Int32Array(job.control);
  try {
    if (Atomics.load(control, CANCELLED)) return;
    const t0 = performance.now();
    const extracted = 'bytes' in job.source ? await extractSource(job.source.bytes, job.fileName) : job.source.extracted;
    const t1 = performance.now();
    const summary = summarize(extracted, job.fileName);
    const id = 'id' in job.documentId ? job.documentId.id : idFromFileNameAndHash(job.documentId.fromFileName, summary.textSha256);
    // Segmentation reads the id only (statement ids derive from it); the rest of the metadata is the write's.
    const meta: DocumentMeta = { id, title: '', date: null, issuer: null, kind: 'other', language: 'ja', source: job.fileName };
    const document = prepareDocument(extracted.text, meta, extracted.pages);
    const t2 = performance.now();
    const { texts, count } = document.statements;
    const chunks = Math.ceil(count / TOKEN_CHUNK);
    port!.postMessage({ type: 'prepared', job: job.job, extracted: summary, document, chunks, ms: { extract: t1 - t0, segment: t2 - t1 }, postedAt: performance.timeOrigin + performance.now() } satisfies PrepareReply);
    // The statements are on their way to the write; their tokens follow chunk by chunk. The API
    // thread claims chunks from the same counter when it catches up, so no chunk is made twice.
    for (;;) {
      if (Atomics.load(control, CANCELLED)) break;
      const chunk = Atomics.add(control, NEXT_CHUNK, 1);
      if (chunk >= chunks) break;
      const t = performance.now();
      const packed = packIndexTokens((i) => textAt(texts, i), chunk * TOKEN_CHUNK, Math.min(count, (chunk + 1) * TOKEN_CHUNK));
      job.tokens.postMessage({ chunk, bytes: packed.bytes, offsets: packed.offsets, ms: performance.now() - t } satisfies TokenChunk, [packed.bytes.buffer as ArrayBuffer, packed.offsets.buffer as ArrayBuffer]);
      Atomics.add(control, POSTED, 1);
      Atomics.notify(control, POSTED);
    }
  } catch (e) {
    port!.postMessage({ type: 'failed', job: job.job, error: toErrorData(e) } satisfies PrepareReply);
  } finally {
    job.tokens.close();
  }
}

// One file at a time: an extraction awaits (Word), and the next file must not interleave with it.
let queue = Promise.resolve();
port.on('message', (job: PrepareJob) => {
  queue = queue.then(() => prepare(job));
});
