// `npm run bench:transfer`: what moving files as bytes costs in the browser host. A 20 MB export
// offered as a download is fetched through the real loopback host in 1 MB chunks (HTTP, base64 in
// JSON), and a 5 MB annotations file is uploaded the same way; first run (cold) beside repeats
// (warm). Ends with one JSON line (the figures docs/benchmarks.md records).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDevHost } from '../../electron/devhost/server';
import { offerDownload } from '../../electron/files/transfers';
import { UPLOAD_CHUNK_BYTES } from '../../shared/api/files';
import { defaultResourcesDir } from '../../electron/store/paths';

const DOWNLOAD_BYTES = 20 * 1024 * 1024;
const UPLOAD_BYTES = 5 * 1024 * 1024;
const RUNS = 3;

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-bench-transfer-'));
  const host = await startDevHost({ dbPath: path.join(dir, 'workbench.db'), rendererDir: dir, resourcesDir: defaultResourcesDir(), validateResponses: false });
  const base = new URL(host.url).origin;
  const call = async <T>(method: string, params: unknown): Promise<T> => {
    const r = (await (await fetch(`${base}/api/${method}`, { method: 'POST', headers: { 'X-Workbench-Token': host.token, 'Content-Type': 'application/json' }, body: JSON.stringify(params) })).json()) as { ok: boolean; value: T };
    if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r)}`);
    return r.value;
  };
  const downloadMs: number[] = [];
  const uploadMs: number[] = [];
  try {
    const bytes = Buffer.alloc(DOWNLOAD_BYTES, 7);
    for (let run = 0; run < RUNS; run++) {
      const offered = offerDownload(bytes, 'bench.pdf', 'application/pdf');
      const t0 = performance.now();
      let received = 0;
      for (;;) {
        const r = await call<{ chunkBase64: string; done: boolean }>('downloads.read', { id: offered.id, offset: received });
        received += Buffer.from(r.chunkBase64, 'base64').length;
        if (r.done) break;
      }
      if (received !== DOWNLOAD_BYTES) throw new Error(`downloaded ${received} of ${DOWNLOAD_BYTES} bytes`);
      downloadMs.push(performance.now() - t0);
    }
    const file = Buffer.alloc(UPLOAD_BYTES, 65);
    for (let run = 0; run < RUNS; run++) {
      const t0 = performance.now();
      let id: string | undefined;
      for (let o = 0; o < file.length; o += UPLOAD_CHUNK_BYTES) {
        const chunkBase64 = file.subarray(o, o + UPLOAD_CHUNK_BYTES).toString('base64');
        ({ id } = await call<{ id: string }>('uploads.append', id === undefined ? { chunkBase64 } : { id, chunkBase64 }));
      }
      uploadMs.push(performance.now() - t0);
    }
  } finally {
    await host.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const round = (ms: number) => Math.round(ms);
  console.log(`download ${DOWNLOAD_BYTES / 1024 / 1024} MB in 1 MB chunks: cold ${round(downloadMs[0])} ms, warm ${downloadMs.slice(1).map(round).join(' / ')} ms`);
  console.log(`upload ${UPLOAD_BYTES / 1024 / 1024} MB in 1 MB chunks: cold ${round(uploadMs[0])} ms, warm ${uploadMs.slice(1).map(round).join(' / ')} ms`);
  console.log(JSON.stringify({ downloadMB: DOWNLOAD_BYTES / 1024 / 1024, downloadColdMs: round(downloadMs[0]), downloadWarmMs: downloadMs.slice(1).map(round), uploadMB: UPLOAD_BYTES / 1024 / 1024, uploadColdMs: round(uploadMs[0]), uploadWarmMs: uploadMs.slice(1).map(round) }));
}

void main();
