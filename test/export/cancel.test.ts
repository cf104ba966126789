// Cancelling a running export (a PDF takes seconds): from another API call by its job id, the
// export fails with "cancelled", no file or temp file is left, and the export log is unchanged.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/app/context';
import { setPdfRenderer } from '../../electron/export/pdf';
import { cancelExportJob, startExportJob, unlessCancelled } from '../../electron/export/jobs';
import { desktopApiFor, type DesktopApi } from '../helpers/api';
import { closeContext, corpusContext, tempDir } from '../helpers/db';
import { annotatePillars } from '../briefing/evidence-fixture';

let ctx: AppContext;
beforeEach(() => {
  ctx = corpusContext();
  annotatePillars(ctx.db, 1);
});
afterEach(() => {
  setPdfRenderer(null);
  closeContext(ctx);
});

/** A PDF printer that finishes only when told to, so the test controls the timing. */
function slowPrinter() {
  let finish: () => void = () => undefined;
  let started: () => void = () => undefined;
  const running = new Promise<void>((r) => (started = r));
  setPdfRenderer(
    () =>
      new Promise<Uint8Array>((resolve) => {
        started();
        finish = () => resolve(new TextEncoder().encode('%PDF-1.7 late'));
      }),
  );
  return { running, finish: () => finish() };
}

describe('export cancel', () => {
  it('stops a running PDF export by its job id: nothing written, nothing logged', async () => {
    const desk: DesktopApi = desktopApiFor(ctx);
    const api = desk.api;
    const { briefing } = await api.call('briefings.create', { title: '供給網の所見', template: { from: 'annotations', groupBy: 'pillar' } });
    const dir = tempDir('wb-cancel-');
    const out = path.join(dir, '所見.pdf');
    const printer = slowPrinter();
    const exporting = api.call('briefings.export', { id: briefing.id, format: 'pdf', target: desk.saveTo(out), job: 'job-1' });
    await printer.running;
    expect(await api.call('briefings.exportCancel', { job: 'job-1' })).toEqual({ cancelled: true });
    await expect(exporting).rejects.toMatchObject({ data: { code: 'cancelled', subject: out } });
    // The printer finishing afterwards changes nothing.
    printer.finish();
    await new Promise((r) => setTimeout(r, 20));
    expect(fs.readdirSync(dir)).toEqual([]);
    expect((await api.call('briefings.exportLog', { briefingId: briefing.id })).entries).toEqual([]);
    // Unknown or finished jobs: nothing to cancel; the same id can be used again.
    expect(await api.call('briefings.exportCancel', { job: 'job-1' })).toEqual({ cancelled: false });
    setPdfRenderer(async () => new TextEncoder().encode('%PDF-1.7 ok'));
    const done = await api.call('briefings.export', { id: briefing.id, format: 'pdf', target: desk.saveTo(out), job: 'job-1' });
    expect(done.bytes).toBe(fs.statSync(out).size);
    expect(await api.call('briefings.exportCancel', { job: 'job-1' })).toEqual({ cancelled: false });
  });

  it('refuses a second export under a running job id, and leaves the first one running', async () => {
    const desk: DesktopApi = desktopApiFor(ctx);
    const api = desk.api;
    const { briefing } = await api.call('briefings.create', { title: '所見' });
    const dir = tempDir('wb-cancel-');
    const printer = slowPrinter();
    const first = api.call('briefings.export', { id: briefing.id, format: 'pdf', target: desk.saveTo(path.join(dir, 'a.pdf')), job: 'same' });
    await printer.running;
    await expect(api.call('briefings.export', { id: briefing.id, format: 'md', target: desk.saveTo(path.join(dir, 'b.md')), job: 'same' })).rejects.toMatchObject({ data: { code: 'conflict', subject: 'same' } });
    printer.finish();
    expect((await first).path).toBe(path.join(dir, 'a.pdf'));
    expect(fs.readdirSync(dir)).toEqual(['a.pdf']);
  });

  it('passes results and errors through when not cancelled, and rejects at once when already cancelled', async () => {
    const job = startExportJob('j');
    await expect(unlessCancelled(Promise.resolve(7), job.signal, '/x')).resolves.toBe(7);
    await expect(unlessCancelled(Promise.reject(new Error('disk')), job.signal, '/x')).rejects.toThrow('disk');
    expect(cancelExportJob('j')).toBe(true);
    await expect(unlessCancelled(Promise.resolve(7), job.signal, '/x')).rejects.toMatchObject({ code: 'cancelled' });
    job.done();
    expect(cancelExportJob('j')).toBe(false);
  });
});
