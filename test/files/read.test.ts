// The back end's file access, piece by piece: only regular files under a size limit are read
// (a FIFO, a device, a folder, a symlink to one: refused at once, never blocking); dialog handles
// are single-use, expiring and bound to read or write; JSON faults are located without quoting.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { FileHandleRegistry, grantFor, handleIn, HANDLE_TTL_MS } from '../../electron/files/handles';
import { jsonFaultOffset, lineColumn, parseJsonText } from '../../electron/files/json';
import { readRegularFile } from '../../electron/files/read';
import { appendUpload, offerDownload, readDownload, takeUpload } from '../../electron/files/transfers';
import { DOWNLOAD_CHUNK_BYTES, MAX_UPLOAD_BYTES } from '../../shared/api/files';
import { checkTarget, writeFileAtomic } from '../../electron/export/write';
import { tempDir } from '../helpers/db';

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

const posix = process.platform !== 'win32';

describe('readRegularFile', () => {
  it('reads a regular file, also through a symlink, and refuses one over the limit naming its size', () => {
    const dir = tempDir('wb-read-');
    const file = path.join(dir, 'a.json');
    fs.writeFileSync(file, '{"a":1}');
    expect(readRegularFile(file, 100).toString()).toBe('{"a":1}');
    fs.symlinkSync(file, path.join(dir, 'link.json'));
    expect(readRegularFile(path.join(dir, 'link.json'), 100).toString()).toBe('{"a":1}');
    const e = thrown(() => readRegularFile(file, 6));
    expect(e.code).toBe('bad-input');
    expect(e.message).toBe(`${file} is too large (7 bytes; the limit is 6).`);
    expect(thrown(() => readRegularFile(path.join(dir, 'missing.json'), 100)).message).toContain('no such file');
  });

  it.runIf(posix)('refuses a FIFO (also behind a symlink) at once, without waiting for a writer', () => {
    const dir = tempDir('wb-fifo-');
    const fifo = path.join(dir, 'pipe.json');
    execFileSync('mkfifo', [fifo]);
    fs.symlinkSync(fifo, path.join(dir, 'to-pipe.json'));
    // Were the open blocking, this test would hang here rather than fail.
    for (const p of [fifo, path.join(dir, 'to-pipe.json')]) {
      const e = thrown(() => readRegularFile(p, 1000));
      expect(e.code).toBe('bad-input');
      expect(e.message).toBe(`${p} is a named pipe (FIFO); only regular files are read or written.`);
    }
  });

  it.runIf(posix)('refuses devices and folders, naming what they are', () => {
    expect(thrown(() => readRegularFile('/dev/zero', 1000)).message).toBe('/dev/zero is a device; only regular files are read or written.');
    expect(thrown(() => readRegularFile('/dev/null', 1000)).message).toContain('is a device');
    const dir = tempDir('wb-dir-');
    expect(thrown(() => readRegularFile(dir, 1000)).message).toBe(`${dir} is a folder; only regular files are read or written.`);
  });

  it.runIf(posix)('an export target that is a FIFO or a device is refused before anything is rendered or written', () => {
    const dir = tempDir('wb-fifo-out-');
    const fifo = path.join(dir, 'out.md');
    execFileSync('mkfifo', [fifo]);
    expect(thrown(() => checkTarget(fifo, { force: true })).message).toContain('is a named pipe (FIFO)');
    expect(thrown(() => writeFileAtomic('/dev/null', new Uint8Array([1]), { force: true })).message).toContain('is a device');
    expect(fs.statSync(fifo).isFIFO()).toBe(true);
    expect(fs.readdirSync(dir)).toEqual(['out.md']);
  });
});

describe('file handles', () => {
  it('are single use: the second use is refused, naming the handle', () => {
    const reg = new FileHandleRegistry();
    const h = reg.issue('/tmp/out.docx', 'write');
    expect(h).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(reg.redeem(h, 'write')).toEqual({ handle: h, path: '/tmp/out.docx', mode: 'write', replace: true });
    expect(reg.redeem(reg.issue('/tmp/cli.md', 'write', { replace: false }), 'write').replace).toBe(false);
    const e = thrown(() => reg.redeem(h, 'write'));
    expect(e.code).toBe('invalid-request');
    expect(e.subject).toBe('handle');
    expect(e.message).toContain('already used');
  });

  it('expire', () => {
    let now = 1_000_000;
    const reg = new FileHandleRegistry(() => now);
    const h = reg.issue('/tmp/in.json', 'read');
    const fresh = reg.issue('/tmp/in2.json', 'read');
    now += HANDLE_TTL_MS + 1;
    expect(thrown(() => reg.redeem(h, 'read')).message).toContain('expired');
    expect(thrown(() => reg.redeem(fresh, 'read')).message).toContain('expired');
  });

  it('are bound to reading or writing, unknown ones are refused, and only absolute paths get one', () => {
    const reg = new FileHandleRegistry();
    expect(thrown(() => reg.redeem(reg.issue('/tmp/in.json', 'read'), 'write')).message).toContain('chosen for reading');
    expect(thrown(() => reg.redeem(reg.issue('/tmp/out.json', 'write'), 'read')).message).toContain('chosen for saving');
    expect(thrown(() => reg.redeem('AAAAAAAAAAAAAAAAAAAAAAAA', 'read')).message).toContain('unknown handle');
    expect(() => reg.issue('relative.json', 'write')).toThrow(/absolute/);
  });

  it('are found only where a request may carry them: target.handle (write) and source.handle (read)', () => {
    expect(handleIn({ id: 'b1', format: 'md', target: { handle: 'h1' } })).toEqual({ handle: 'h1', mode: 'write' });
    expect(handleIn({ source: { handle: 'h2' } })).toEqual({ handle: 'h2', mode: 'read' });
    expect(handleIn({ target: { download: true } })).toBeNull();
    expect(handleIn({ handle: 'h3' })).toBeNull();
    expect(handleIn(null)).toBeNull();
    const reg = new FileHandleRegistry();
    expect(grantFor(reg, { target: { download: true } })).toBeUndefined();
    expect(() => grantFor(reg, { target: { handle: 'nope' } })).toThrow(/unknown handle/);
  });
});

describe('JSON faults', () => {
  // The fault offsets V8's JSON.parse gives where it gives one, and the obvious place elsewhere.
  const table: [string, number][] = [
    ['root:x:0:0:root:/root:/bin/bash', 0],
    ['{"a":1,\n"b": tru}', 16],
    ['{"a":1', 6],
    ['[1,2,]', 5],
    ['{"a" 1}', 5],
    ['"abc', 4],
    ['{}x', 2],
    ['[[[[', 4],
    ['{"a":"\u0001"}', 6],
    ['"ab\\qc"', 4],
    ['"ab\\u12x4"', 7],
    ['{"a":-}', 6],
    ['{"a":1.}', 7],
    ['{"a":1e}', 7],
    ['   ', 3],
    ['{"a":1}   ,', 10],
    ['{"a":01}', 6],
    ['\u0000', 0],
  ];
  it.each(table)('%j fails at offset %i', (text, offset) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(jsonFaultOffset(text)).toBe(offset);
  });

  it('agrees with JSON.parse on mangled annotation files: a fault exactly where V8 names one, never past the end, and none in valid text', () => {
    const valid = JSON.stringify({ format: 'keizai-anpo-workbench/annotations', version: 1, pillars: [{ id: 'supply-chain', nameJa: '供給網', archived: false, parentId: null }], annotations: [{ id: 'a1', tags: ['x', 'y'], importance: 3, comment: 'a "quoted"\\n line' }] }, null, 2);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: valid.length }), fc.integer({ min: 0, max: 5 }), fc.string({ maxLength: 3 }), (at, cut, insert) => {
        const text = valid.slice(0, at) + insert + valid.slice(at + cut);
        let v8: string | null = null;
        try {
          JSON.parse(text);
        } catch (e) {
          v8 = (e as Error).message;
        }
        if (v8 === null) return; // still valid JSON: nothing to locate
        const offset = jsonFaultOffset(text);
        expect(offset).toBeGreaterThanOrEqual(0);
        expect(offset).toBeLessThanOrEqual(text.length);
        const named = /position (\d+)/.exec(v8);
        if (named) expect(offset).toBe(Number(named[1]));
      }),
      { numRuns: 2000, seed: 20261201 },
    );
    expect(() => jsonFaultOffset(valid)).not.toThrow();
    expect(jsonFaultOffset(valid)).toBe(valid.length);
  });

  it('reports line and column without quoting the text', () => {
    expect(lineColumn('ab\ncd\nef', 7)).toEqual({ line: 3, column: 2 });
    const e = thrown(() => parseJsonText('/etc/shadow', 'root:$6$SECRET:19000::::::\n'));
    expect(e.message).toBe('Cannot read /etc/shadow: not valid JSON (line 1, column 1)');
    expect(JSON.stringify(e.toData())).not.toContain('SECRET');
  });
});

describe('downloads and uploads', () => {
  it('a download is read in chunks and then forgotten', () => {
    const bytes = new Uint8Array(DOWNLOAD_CHUNK_BYTES * 2 + 5).map((_, i) => i % 251);
    const d = offerDownload(bytes, 'x.pdf', 'application/pdf');
    const first = readDownload(d.id, 0);
    expect(first).toMatchObject({ offset: 0, size: bytes.length, done: false });
    const second = readDownload(d.id, DOWNLOAD_CHUNK_BYTES);
    const last = readDownload(d.id, DOWNLOAD_CHUNK_BYTES * 2);
    expect(last.done).toBe(true);
    const joined = Buffer.concat([first, second, last].map((c) => Buffer.from(c.chunkBase64, 'base64')));
    expect(joined.equals(Buffer.from(bytes))).toBe(true);
    expect(thrown(() => readDownload(d.id, 0)).code).toBe('not-found');
  });

  it('an unread download expires', () => {
    const d = offerDownload(new Uint8Array([1, 2, 3]), 'x.md', 'text/markdown', 0);
    expect(thrown(() => readDownload(d.id, 0, 11 * 60 * 1000)).code).toBe('not-found');
  });

  it('an upload is bounded, joined in order and taken once', () => {
    const { id } = appendUpload(undefined, Buffer.from('{"a":').toString('base64'));
    expect(appendUpload(id, Buffer.from('1}').toString('base64'))).toEqual({ id, bytes: 7 });
    expect(takeUpload(id).toString()).toBe('{"a":1}');
    expect(thrown(() => takeUpload(id)).code).toBe('not-found');
    const big = appendUpload(undefined, '');
    const chunk = Buffer.alloc(8 * 1024 * 1024).toString('base64');
    for (let i = 0; i < MAX_UPLOAD_BYTES / (8 * 1024 * 1024); i++) appendUpload(big.id, chunk);
    const e = thrown(() => appendUpload(big.id, Buffer.from('x').toString('base64')));
    expect(e.code).toBe('bad-input');
    expect(e.message).toContain('too large');
    expect(thrown(() => takeUpload(big.id)).code).toBe('not-found');
  });
});
