// The shared zip reader: what it refuses (unsafe names, duplicates, bombs, truncation, too many
// entries) it refuses with a bad-input error naming the archive, before any entry is unpacked;
// what it accepts it returns byte for byte.
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { readZip, readZipAll, unsafeEntryName, writeZip } from '../../electron/files/zip';
import { rawZip } from '../helpers/zip';

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected a refusal, got a result');
}

describe('readZip', () => {
  it('returns what writeZip wrote, byte for byte, and skips folder entries', () => {
    const text = strToU8('経済安全保障 𠮷 🇯🇵\r\n'.repeat(50));
    const zip = writeZip({ 'project.qde': strToU8('<Project/>'), 'Sources/a.txt': text });
    const parts = readZipAll(zip, 'p.qdpx');
    expect(Object.keys(parts).sort()).toEqual(['Sources/a.txt', 'project.qde']);
    expect(Buffer.from(parts['Sources/a.txt']).equals(Buffer.from(text))).toBe(true);
    const withFolder = rawZip([['Sources/', new Uint8Array(0)], ['Sources/b.txt', strToU8('b')]]);
    expect([...readZip(withFolder, 'f.zip').keys()]).toEqual(['Sources/b.txt']);
  });

  it('writes the same bytes for the same entries (stable exports)', () => {
    const a = writeZip({ x: strToU8('1') });
    const b = writeZip({ x: strToU8('1') });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it.each([
    ['../evil.txt', 'unsafe path'],
    ['Sources/../../evil.txt', 'unsafe path'],
    ['/etc/passwd', 'unsafe path'],
    ['C:/Windows/win.ini', 'unsafe path'],
    ['c:evil', 'unsafe path'],
    ['Sources\\a.txt', 'unsafe path'],
  ])('refuses the entry name %j', (name, reason) => {
    expect(unsafeEntryName(name)).toBe(true);
    const e = refusal(() => readZip(rawZip([[name, strToU8('x')]]), 'bad.qdpx'));
    expect(e.code).toBe('bad-input');
    expect(e.subject).toBe('bad.qdpx');
    expect(e.message).toContain(reason);
  });

  it('refuses duplicate names, also those differing only in case', () => {
    const same = refusal(() => readZip(rawZip([['a.txt', strToU8('1')], ['a.txt', strToU8('2')]]), 'd.zip'));
    expect(same.message).toContain('two entries with the same name');
    const cased = refusal(() => readZip(rawZip([['Sources/a.txt', strToU8('1')], ['sources/A.txt', strToU8('2')]]), 'd.zip'));
    expect(cased.message).toContain('"Sources/a.txt" and "sources/A.txt"');
  });

  it('refuses a truncated archive at every cut', () => {
    const zip = writeZip({ 'project.qde': strToU8('<Project/>'.repeat(100)), 'Sources/a.txt': strToU8('本文'.repeat(100)) });
    for (let cut = 1; cut < zip.length; cut += 7) {
      const e = refusal(() => readZipAll(zip.subarray(0, cut), 't.qdpx'));
      expect(e.subject).toBe('t.qdpx');
      expect(e.message).toMatch(/damaged|truncated/);
    }
  });

  it('refuses a zip bomb by ratio and by total size before inflating', () => {
    const bomb = zipSync({ 'a.txt': new Uint8Array(20 * 1024 * 1024) }, { level: 9 });
    expect(refusal(() => readZip(bomb, 'bomb.qdpx')).message).toContain('a zip bomb?');
    const many = writeZip({ a: new Uint8Array(600), b: new Uint8Array(600) });
    expect(refusal(() => readZip(many, 'big.qdpx', { maxTotalBytes: 1000 })).message).toContain('unpacks to more than');
  });

  it('refuses an entry that unpacks to more than it declares', () => {
    const zip = zipSync({ 'a.txt': new Uint8Array(5000) }, { level: 9 });
    // Lower the declared size in the central directory: inflating must stop, not grow.
    const bytes = Uint8Array.from(zip);
    const view = new DataView(bytes.buffer);
    const eocd = bytes.length - 22;
    const cd = view.getUint32(eocd + 16, true);
    view.setUint32(cd + 24, 100, true);
    const read = readZip(bytes, 'lie.zip').get('a.txt');
    expect(read).toBeDefined();
    expect(refusal(() => read?.()).message).toContain('unpacks to more than it declares');
  });

  it('refuses too many entries', () => {
    const entries: Record<string, Uint8Array> = {};
    for (let i = 0; i < 30; i++) entries[`e${i}`] = strToU8(String(i));
    expect(refusal(() => readZip(writeZip(entries), 'n.zip', { maxEntries: 20 })).message).toContain('too many entries (30; at most 20)');
  });

  it('never crashes on mutated bytes: a result or a bad-input refusal naming the file', () => {
    const good = writeZip({ 'project.qde': strToU8('<Project/>'), 'Sources/a.txt': strToU8('本文です') });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }), (flips) => {
        const bytes = Uint8Array.from(good);
        for (const [at, value] of flips) bytes[at] = value;
        try {
          readZipAll(bytes, 'm.zip');
        } catch (e) {
          expect(e).toBeInstanceOf(AppError);
          expect((e as AppError).code).toBe('bad-input');
          expect((e as AppError).subject).toBe('m.zip');
        }
      }),
      { numRuns: 300 },
    );
  });
});
