// charts.save over the real dispatcher: a heat-map CSV, SVG and PNG written to the file a save
// dialog handle stands for, or offered as a download with the same bytes; anything that is not
// what its format claims (a script in an SVG, a PNG without its signature) is refused by name.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/client';
import { apiFor, desktopApiFor, downloadBytes } from '../helpers/api';
import { makeContext, tempDir } from '../helpers/db';

const ctx = makeContext({ corpus: false });
const api = apiFor(ctx);
const dir = tempDir('wb-charts-');
const PNG_1x1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

afterAll(() => {
  ctx.db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function refusal(p: Promise<unknown>): Promise<ApiError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ApiError);
  return e as ApiError;
}

describe('charts.save', () => {
  it('writes a CSV with a BOM to the save-dialog file', async () => {
    const desktop = desktopApiFor(ctx);
    const file = path.join(dir, 'matrix.csv');
    const r = await desktop.api.call('charts.save', { target: desktop.saveTo(file), format: 'csv', fileName: 'matrix.csv', content: ',文書A\r\nサプライチェーン,2\r\n' });
    expect(r.path).toBe(file);
    expect(fs.readFileSync(file, 'utf8')).toBe('\uFEFF,文書A\r\nサプライチェーン,2\r\n');
    expect(r.bytes).toBe(fs.statSync(file).size);
  });

  it('offers an SVG and a PNG as downloads with the bytes sent', async () => {
    const svg = '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>柱</text></svg>';
    const s = await api.call('charts.save', { target: { download: true }, format: 'svg', fileName: 'm.svg', content: svg });
    expect(s.download?.mime).toBe('image/svg+xml');
    expect((await downloadBytes(api, s.download!)).toString('utf8')).toBe(svg);
    const p = await api.call('charts.save', { target: { download: true }, format: 'png', fileName: 'm.png', content: PNG_1x1 });
    expect(Buffer.compare(await downloadBytes(api, p.download!), Buffer.from(PNG_1x1, 'base64'))).toBe(0);
  });

  it('refuses an SVG with a script or an outside link, and a PNG that is not one', async () => {
    const script = await refusal(api.call('charts.save', { target: { download: true }, format: 'svg', fileName: 'bad.svg', content: '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>' }));
    expect(script.data.code).toBe('bad-input');
    expect(script.data.message.en).toContain('bad.svg');
    const handler = await refusal(api.call('charts.save', { target: { download: true }, format: 'svg', fileName: 'h.svg', content: '<svg xmlns="http://www.w3.org/2000/svg"><rect onload="x()"/></svg>' }));
    expect(handler.data.message.en).toContain('scripts or outside references');
    const link = await refusal(api.call('charts.save', { target: { download: true }, format: 'svg', fileName: 'l.svg', content: '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://example.com/x.png"/></svg>' }));
    expect(link.data.code).toBe('bad-input');
    const notSvg = await refusal(api.call('charts.save', { target: { download: true }, format: 'svg', fileName: 'n.svg', content: '<html><body/></html>' }));
    expect(notSvg.data.message.en).toContain('not an SVG');
    const notPng = await refusal(api.call('charts.save', { target: { download: true }, format: 'png', fileName: 'n.png', content: Buffer.from('GIF89a not a png').toString('base64') }));
    expect(notPng.data.message.en).toContain('not a PNG');
    const notBase64 = await refusal(api.call('charts.save', { target: { download: true }, format: 'png', fileName: 'b.png', content: '@@@' }));
    expect(notBase64.data.message.en).toContain('not base64');
  });

  it('refuses a file name with a folder in it, and a handle in the browser host', async () => {
    const folder = await refusal(api.call('charts.save', { target: { download: true }, format: 'csv', fileName: '../x.csv', content: 'a' }));
    expect(folder.data.code).toBe('invalid-request');
    const handle = await refusal(api.call('charts.save', { target: { handle: 'A'.repeat(24) }, format: 'csv', fileName: 'x.csv', content: 'a' }));
    expect(handle.data.message.en).toContain('handles');
  });
});
