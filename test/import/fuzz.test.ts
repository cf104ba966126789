// Property tests of the import parsers on arbitrary input: the decoder, the HTML cleaner and the
// Word package checks either return or refuse with a typed bad-input error naming the file;
// they never crash with anything else, and the cleaner never lets markup through.
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { decodeText } from '../../electron/import/decode';
import { checkDocxPackage } from '../../electron/import/docx';
import { extractSource } from '../../electron/import/extract';
import { htmlToText } from '../../electron/import/html';

function refusedOrReturned(run: () => unknown, fileName: string): void {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('bad-input');
    expect((e as AppError).subject).toBe(fileName);
  }
}

const TAGS = ['<p>', '</p>', '<div>', '</div>', '<table>', '<tr>', '<td>', '</td>', '</tr>', '</table>', '<ul>', '<ol>', '<li>', '</li>', '</ul>', '<h2>', '</h2>', '<br>', '<script>', '</script>', '<style>', '</style>', '<a href="#footnote-1">', '</a>', '<li id="footnote-1">', '<!-- c -->', '<title>', '</title>', '&amp;', '&#x5F37;', '&#0;', '<pre>', '</pre>', '<div ', '"', '>', '<'];
// No &lt;: a decoded entity is text that may legitimately read as a tag.
const htmlish = fc.array(fc.oneof(fc.constantFrom(...TAGS), fc.string({ maxLength: 8 }), fc.constantFrom('経済', '安全保障', '。', '\n', ' ', '\t')), { maxLength: 60 }).map((parts) => parts.join(''));

describe('import parsers on arbitrary input', () => {
  it('decodeText returns text or refuses the file, for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        refusedOrReturned(() => {
          const d = decodeText(bytes, 'f.txt');
          // What it returns is clean: no control characters left in it.
          expect(d.text).not.toMatch(/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/);
        }, 'f.txt');
      }),
      { numRuns: 400 },
    );
  });

  it('htmlToText never throws and never emits a tag it was given', () => {
    fc.assert(
      fc.property(htmlish, fc.boolean(), (html, notes) => {
        const r = htmlToText(html, { notes });
        expect(r.text).not.toMatch(/<\/?(?:p|div|table|tr|td|ul|ol|li|h2|br|script|style|a|title|pre)\b[^<]*>/i);
        expect(r.text).not.toContain('<!--');
      }),
      { numRuns: 500 },
    );
  });

  it('checkDocxPackage refuses damaged packages with a reason, never crashes', () => {
    const good = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8('<w:document><w:body/></w:document>'), 'docProps/core.xml': strToU8('<cp:coreProperties/>') });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }), fc.nat(good.length), (flips, cut) => {
        const bytes = Uint8Array.from(good).subarray(0, Math.max(1, cut));
        for (const [at, value] of flips) if (at < bytes.length) bytes[at] = value;
        refusedOrReturned(() => checkDocxPackage(bytes, 'x.docx'), 'x.docx');
      }),
      { numRuns: 400 },
    );
  });

  it('extractSource refuses or reads any zip-signed bytes (mammoth included)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (tail) => {
        const bytes = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...tail]);
        await extractSource(bytes, 'y.docx').then(
          () => undefined,
          (e: unknown) => {
            expect(e).toBeInstanceOf(AppError);
            expect((e as AppError).subject).toBe('y.docx');
          },
        );
      }),
      { numRuns: 200 },
    );
  });
});
