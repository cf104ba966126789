// The database worker thread the app's main process talks to: it answers typed calls,
// keeps answering while a call is slow, and reports a corrupt database as a typed error.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiWorker } from '../../electron/app/worker-client';
import { FileHandleRegistry, grantFor } from '../../electron/files/handles';
import { REPO_ROOT, RESOURCES_DIR, tempDbPath, tempDir } from '../helpers/db';
import type { StartupProgress } from '../../shared/startup';

const script = path.join(REPO_ROOT, 'dist', 'electron', 'app', 'api-worker.js');
const workers: ApiWorker[] = [];
afterAll(async () => {
  for (const w of workers) await w.close();
});

describe('API worker', () => {
  it('is built by npm run build', () => {
    expect(fs.existsSync(script)).toBe(true);
  });

  it('opens the database, ingests the corpus and answers calls', async () => {
    const w = await ApiWorker.start({ dbPath: tempDbPath(), resourcesDir: RESOURCES_DIR }, script);
    workers.push(w);
    const docs = await w.invoke('documents.list', {});
    expect(docs.ok).toBe(true);
    if (docs.ok) expect((docs.value as { documents: unknown[] }).documents).toHaveLength(5);
    const [a, b] = await Promise.all([w.invoke('app.info', {}), w.invoke('statements.get', { id: 'missing' })]);
    expect(a.ok).toBe(true);
    expect(b).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('asks its host to print PDFs when the host has a printer (Electron printToPDF in the app)', async () => {
    const jobs: string[] = [];
    const printer = async (job: { html: string }) => {
      jobs.push(job.html);
      return new TextEncoder().encode('%PDF-1.7 printed by the host');
    };
    const w = await ApiWorker.start({ dbPath: tempDbPath(), resourcesDir: RESOURCES_DIR }, script, printer);
    workers.push(w);
    const created = await w.invoke('briefings.create', { title: '経済安全保障の論点', marking: '取扱注意' });
    expect(created.ok).toBe(true);
    const id = (created as { value: { briefing: { id: string } } }).value.briefing.id;
    const out = path.join(tempDir(), 'briefing.pdf');
    // As the main process does: the request carries the dialog's handle, the grant travels beside it.
    const handles = new FileHandleRegistry();
    const request = { id, format: 'pdf', target: { handle: handles.issue(out, 'write') } };
    // Without the grant (a page making up the call), the worker writes nothing.
    expect(await w.invoke('briefings.export', request)).toMatchObject({ ok: false, error: { code: 'invalid-request', subject: 'handle' } });
    expect(fs.existsSync(out)).toBe(false);
    const exported = await w.invoke('briefings.export', request, grantFor(handles, request));
    expect(exported).toMatchObject({ ok: true, value: { path: out, fileName: 'briefing.pdf' } });
    expect(fs.readFileSync(out, 'utf8')).toBe('%PDF-1.7 printed by the host');
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toContain('経済安全保障の論点');
  });

  it('stops the host’s print when the export that asked for it is cancelled', async () => {
    let aborted: () => void = () => undefined;
    const sawAbort = new Promise<void>((r) => (aborted = r));
    let printing: () => void = () => undefined;
    const started = new Promise<void>((r) => (printing = r));
    const printer = (_job: unknown, signal?: AbortSignal) =>
      new Promise<Uint8Array>((_resolve, reject) => {
        printing();
        signal?.addEventListener('abort', () => {
          aborted();
          reject(new Error('print window destroyed'));
        });
      });
    const w = await ApiWorker.start({ dbPath: tempDbPath(), resourcesDir: RESOURCES_DIR }, script, printer);
    workers.push(w);
    const created = (await w.invoke('briefings.create', { title: '取り消す資料' })) as { value: { briefing: { id: string } } };
    const dir = tempDir();
    const handles = new FileHandleRegistry();
    const request = { id: created.value.briefing.id, format: 'pdf', target: { handle: handles.issue(path.join(dir, 'x.pdf'), 'write') }, job: 'j1' };
    const exporting = w.invoke('briefings.export', request, grantFor(handles, request));
    await started;
    expect(await w.invoke('briefings.exportCancel', { job: 'j1' })).toEqual({ ok: true, value: { cancelled: true } });
    await sawAbort;
    expect(await exporting).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('reports opening and each ingested document before it is ready; a second start only opens', async () => {
    const dbPath = tempDbPath();
    const seen: StartupProgress[] = [];
    const w = await ApiWorker.start({ dbPath, resourcesDir: RESOURCES_DIR }, script, undefined, (p) => seen.push(p));
    await w.close();
    expect(seen[0]).toEqual({ phase: 'opening', done: 0, total: 0 });
    const ingest = seen.slice(1);
    expect(ingest.map((p) => [p.phase, p.done, p.total])).toEqual([0, 1, 2, 3, 4, 5].map((d) => ['ingesting', d, 5]));
    expect(ingest.slice(0, 5).every((p) => typeof p.document === 'string' && p.document.length > 0)).toBe(true);
    const again: StartupProgress[] = [];
    const w2 = await ApiWorker.start({ dbPath, resourcesDir: RESOURCES_DIR }, script, undefined, (p) => again.push(p));
    await w2.close();
    expect(again).toEqual([{ phase: 'opening', done: 0, total: 0 }]);
  });

  it('reports a corrupt database as a typed error at start', async () => {
    const bad = tempDbPath();
    fs.writeFileSync(bad, 'definitely not sqlite');
    await expect(ApiWorker.start({ dbPath: bad, resourcesDir: RESOURCES_DIR }, script)).rejects.toMatchObject({ code: 'db-corrupt', subject: bad });
  });
});
