// Safe file writing: no overwrite without force, temp file + rename, and nothing left behind when
// the path is unwritable or the disk fills up mid-write (simulated through the write operations).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { realOps, writeFileAtomic, type WriteOps } from '../../electron/export/write';
import { AppError } from '../../shared/errors';
import { tempDir } from '../helpers/db';

const bytes = (s: string) => new TextEncoder().encode(s);
const listing = (dir: string) => fs.readdirSync(dir).sort();

function caught(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('writeFileAtomic', () => {
  it('writes a new file and refuses to overwrite it without force', () => {
    const dir = tempDir();
    const target = path.join(dir, 'a.md');
    expect(writeFileAtomic(target, bytes('one'))).toEqual({ path: target, bytes: 3 });
    const e = caught(() => writeFileAtomic(target, bytes('two')));
    expect(e.code).toBe('conflict');
    expect(e.subject).toBe(target);
    expect(e.localized.en).toMatch(/already exists/);
    expect(fs.readFileSync(target, 'utf8')).toBe('one');
    writeFileAtomic(target, bytes('three'), { force: true });
    expect(fs.readFileSync(target, 'utf8')).toBe('three');
    expect(listing(dir)).toEqual(['a.md']);
  });

  it('does not clobber a file that appears between the check and the final step', () => {
    const dir = tempDir();
    const target = path.join(dir, 'race.docx');
    const ops: WriteOps = {
      ...realOps,
      linkSync: (from, to) => {
        fs.writeFileSync(to, 'someone else');
        return realOps.linkSync(from, to);
      },
    };
    expect(caught(() => writeFileAtomic(target, bytes('mine'), { ops })).code).toBe('conflict');
    expect(fs.readFileSync(target, 'utf8')).toBe('someone else');
    expect(listing(dir)).toEqual(['race.docx']);
  });

  it('falls back to rename where the file system has no hard links (FAT/exFAT)', () => {
    const dir = tempDir();
    const target = path.join(dir, 'usb.pdf');
    const ops: WriteOps = { ...realOps, linkSync: () => { throw Object.assign(new Error('not supported'), { code: 'EPERM' }); } };
    writeFileAtomic(target, bytes('pdf'), { ops });
    expect(fs.readFileSync(target, 'utf8')).toBe('pdf');
    expect(listing(dir)).toEqual(['usb.pdf']);
  });

  it.each([
    ['a folder that does not exist', (dir: string) => path.join(dir, 'missing', 'x.md'), /does not exist/],
    ['a path through a file', (dir: string) => { fs.writeFileSync(path.join(dir, 'file'), ''); return path.join(dir, 'file', 'x.md'); }, /not a folder/],
    ['a folder in place of the file', (dir: string) => { fs.mkdirSync(path.join(dir, 'x.md')); return path.join(dir, 'x.md'); }, /folder has that name/],
  ])('gives a clear io error for %s and leaves nothing behind', (_what, make, message) => {
    const dir = tempDir();
    const target = make(dir);
    const before = listing(dir);
    const e = caught(() => writeFileAtomic(target, bytes('x')));
    expect(e.code).toBe('io');
    expect(e.subject).toBe(path.resolve(target));
    expect(e.localized.en).toMatch(message);
    expect(e.localized.ja).toContain(path.resolve(target));
    expect(listing(dir)).toEqual(before);
  });

  it('leaves no partial or temporary file when the disk fills up mid-write, and keeps an existing file intact', () => {
    const dir = tempDir();
    const target = path.join(dir, 'full.docx');
    fs.writeFileSync(target, 'previous version');
    let written = 0;
    const ops: WriteOps = {
      ...realOps,
      writeSync: (fd, data, offset, length) => {
        if (written > 0) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
        written = realOps.writeSync(fd, data, offset, Math.min(length, 1000));
        return written;
      },
    };
    const e = caught(() => writeFileAtomic(target, new Uint8Array(50_000).fill(65), { force: true, ops }));
    expect(e.code).toBe('io');
    expect(e.localized.en).toMatch(/disk is full/);
    expect(e.localized.ja).toMatch(/空き容量/);
    expect(written).toBe(1000);
    expect(listing(dir)).toEqual(['full.docx']);
    expect(fs.readFileSync(target, 'utf8')).toBe('previous version');
  });

  it('cleans up when the final rename fails', () => {
    const dir = tempDir();
    const target = path.join(dir, 'x.html');
    const ops: WriteOps = { ...realOps, renameSync: () => { throw Object.assign(new Error('read-only'), { code: 'EROFS' }); } };
    const e = caught(() => writeFileAtomic(target, bytes('x'), { force: true, ops }));
    expect(e.localized.en).toMatch(/read-only/);
    expect(listing(dir)).toEqual([]);
  });
});

describe('exportResolved', () => {
  it('refuses an existing target before rendering, so a slow PDF is never rendered in vain', async () => {
    const { exportResolved } = await import('../../electron/export');
    const dir = tempDir();
    const target = path.join(dir, 'exists.pdf');
    fs.writeFileSync(target, 'keep');
    let rendered = 0;
    const doc = { id: null, title: 'T', subtitle: '', author: 'a', date: '2026-01-01', marking: '', language: 'en' as const, summary: '', dateStyle: 'seireki' as const, addressee: '', sender: '', docNumber: '', toc: false, sections: [], sources: [], unresolved: 0 };
    const pdfRenderer = async () => {
      rendered++;
      return bytes('%PDF');
    };
    // No database is touched before the refusal: a closed stand-in proves it.
    const db = {} as never;
    await expect(exportResolved(db, doc, { format: 'pdf', path: target, author: 'a', pdfRenderer })).rejects.toMatchObject({ code: 'conflict' });
    await expect(exportResolved(db, doc, { format: 'pdf', path: path.join(dir, 'no', 'x.pdf'), author: 'a', pdfRenderer })).rejects.toMatchObject({ code: 'io' });
    expect(rendered).toBe(0);
    expect(fs.readFileSync(target, 'utf8')).toBe('keep');
  });
});
