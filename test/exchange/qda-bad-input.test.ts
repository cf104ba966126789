// Bad REFI-QDA input: every case is refused with a bad-input error that says what is wrong (the
// part, GUID or position), and nothing is written — not a pillar, document, annotation or journal
// row. Then a fuzzer: random mutations of real projects never crash the reader or the importer
// and never leave a half-written import behind.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/app/context';
import { AppError } from '../../shared/errors';
import { writeZip } from '../../electron/files/zip';
import { readQdaProject } from '../../electron/exchange/qda/read';
import { importQdaProject } from '../../electron/exchange/qda/import';
import { desktopApiFor, type DesktopApi } from '../helpers/api';
import { closeContext, corpusContext, REPO_ROOT, tempDir } from '../helpers/db';
import { apiError } from '../helpers/annotate';
import { rawZip } from '../helpers/zip';

const FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'qda', 'foreign-atlas.qdpx');
const g = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const TEXT = '半導体の安定供給を確保する。\n𠮷野家の𩸽。\n';

/** A small valid project; `patch` rewrites its XML to make one thing wrong. */
function project(patch: (qde: string) => string = (x) => x, files: Record<string, string> = { [`Sources/${g(2)}.txt`]: TEXT }): Uint8Array {
  const qde = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="p" origin="MAXQDA 2022">
<CodeBook><Codes><Code guid="${g(1)}" name="供給" isCodable="true" color="#336699"/></Codes></CodeBook>
<Sources><TextSource guid="${g(2)}" name="資料" plainTextPath="internal://${g(2)}.txt">
<PlainTextSelection guid="${g(3)}" name="半導体" startPosition="0" endPosition="3"><Coding guid="${g(4)}"><CodeRef targetGUID="${g(1)}"/></Coding></PlainTextSelection>
</TextSource></Sources></Project>`;
  const entries: Record<string, Uint8Array> = { 'project.qde': strToU8(patch(qde)) };
  for (const [k, v] of Object.entries(files)) entries[k] = strToU8(v);
  return writeZip(entries, { level: 0 });
}

let ctx: AppContext;
let desk: DesktopApi;
let dir: string;
beforeAll(() => {
  ctx = corpusContext();
  desk = desktopApiFor(ctx);
  dir = tempDir('wb-qda-bad-');
});
afterAll(() => closeContext(ctx));

function counts(): number[] {
  return ['annotations', 'annotation_pillars', 'annotation_tags', 'pillars', 'documents', 'statements', 'change_groups', 'import_records'].map(
    (t) => (ctx.db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n,
  );
}

let n = 0;
/** Preview and import through the API (desktop handles): both refused with `reason`, nothing written. */
async function refusedWith(bytes: Uint8Array, reason: RegExp): Promise<void> {
  const file = path.join(dir, `bad-${n++}.qdpx`);
  fs.writeFileSync(file, bytes);
  const before = counts();
  for (const method of ['exchange.qdaPreview', 'exchange.qdaImport'] as const) {
    const e = await apiError(desk.api.call(method, { source: desk.openFrom(file) }));
    expect(e.data.code).toBe('bad-input');
    expect(e.message).toMatch(reason);
  }
  expect(counts()).toEqual(before);
}

describe('REFI-QDA bad input is refused with a reason, nothing written', () => {
  it('accepts the unbroken project (the cases below each break one thing)', () => {
    expect(readQdaProject(project(), 'ok.qdpx').sources[0].selections).toHaveLength(1);
  });

  it('a truncated zip', async () => {
    const whole = fs.readFileSync(FIXTURE);
    await refusedWith(new Uint8Array(whole.subarray(0, Math.floor(whole.length / 2))), /damaged|truncated/);
    await refusedWith(new Uint8Array(whole.subarray(0, whole.length - 10)), /damaged|truncated/);
  });

  it.each([
    ['../evil.txt', /unsafe path/],
    ['/etc/passwd', /unsafe path/],
    ['C:/Users/evil.txt', /unsafe path/],
    ['Sources\\evil.txt', /unsafe path/],
  ])('a zip entry named %j', async (name, reason) => {
    await refusedWith(rawZip([['project.qde', strToU8('<Project xmlns="urn:QDA-XML:project:1.0" name="p"/>')], [name, 'x']]), reason);
  });

  it('duplicate zip entries', async () => {
    await refusedWith(rawZip([['project.qde', '<Project xmlns="urn:QDA-XML:project:1.0" name="p"/>'], ['project.qde', '<Project/>']]), /two entries with the same name/);
  });

  it('a zip bomb', async () => {
    await refusedWith(zipSync({ 'project.qde': new Uint8Array(30 * 1024 * 1024).fill(0x20) }, { level: 9 }), /a zip bomb\?/);
  });

  it('a DOCTYPE, an external entity and billion laughs', async () => {
    await refusedWith(project((x) => x.replace('<Project', '<!DOCTYPE Project SYSTEM "http://example.com/p.dtd">\n<Project')), /DTD or entities/);
    await refusedWith(project((x) => x.replace('<Project', '<!DOCTYPE p [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<Project').replace('name="資料"', 'name="&xxe;"')), /DTD or entities/);
    const lol = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>';
    await refusedWith(project((x) => x.replace('<Project', `${lol}\n<Project`).replace('name="p"', 'name="&lol3;"')), /DTD or entities/);
  });

  it('malformed XML and a document that is not a project', async () => {
    await refusedWith(project((x) => x.replace('</Sources>', '')), /not well-formed XML/);
    await refusedWith(writeZip({ 'project.qde': strToU8('<?xml version="1.0"?><html/>') }), /not a REFI-QDA project/);
    await refusedWith(writeZip({ 'other.xml': strToU8('<x/>') }), /no REFI-QDA project \(project\.qde\)/);
  });

  it('positions outside the text or reversed', async () => {
    await refusedWith(project((x) => x.replace('endPosition="3"', 'endPosition="999"')), /lies outside the text \(0–999; the text has 22 code points\)/);
    await refusedWith(project((x) => x.replace('startPosition="0"', 'startPosition="-1"')), /lies outside the text/);
    await refusedWith(project((x) => x.replace('startPosition="0" endPosition="3"', 'startPosition="3" endPosition="1"')), /is reversed \(start 3 > end 1\)/);
    await refusedWith(project((x) => x.replace('startPosition="0"', 'startPosition="zero"')), /startPosition of selection .* is not an integer/);
  });

  it('a selection whose source file is missing, or outside the package', async () => {
    await refusedWith(project(undefined, {}), /points at "internal:\/\/00000000-0000-4000-8000-000000000002\.txt", which is not in the package/);
    await refusedWith(project((x) => x.replace(`internal://${g(2)}.txt`, 'absolute:///etc/passwd')), /which is not in the package/);
    await refusedWith(project((x) => x.replace(`internal://${g(2)}.txt`, '../../secret.txt')), /a path outside the package/);
  });

  it('colliding GUIDs, and a coding of a code that does not exist', async () => {
    await refusedWith(project((x) => x.replace(`<PlainTextSelection guid="${g(3)}"`, `<PlainTextSelection guid="{${g(1).toUpperCase()}}"`)), /GUID 00000000-0000-4000-8000-000000000001 is used twice \(code "供給" and selection in source "資料"\)/);
    await refusedWith(project((x) => x.replace(`<CodeRef targetGUID="${g(1)}"/>`, `<CodeRef targetGUID="${g(9)}"/>`)), /refers to a code that does not exist/);
    await refusedWith(project((x) => x.replace(`guid="${g(1)}"`, 'guid="not-a-guid"')), /invalid GUID "not-a-guid"/);
  });

  it('source text that is not UTF-8', async () => {
    const qde = readFileFromZip(project());
    await refusedWith(writeZip({ 'project.qde': qde, [`Sources/${g(2)}.txt`]: new Uint8Array([0x82, 0xa0, 0xff, 0xfe]) }), /is not UTF-8/);
  });
});

function readFileFromZip(zip: Uint8Array): Uint8Array {
  // The stored project's project.qde, taken back out for a variant with other source bytes.
  const text = new TextDecoder().decode(zip);
  const start = text.indexOf('<?xml');
  const end = text.indexOf('</Project>') + '</Project>'.length;
  return strToU8(text.slice(start, end));
}

describe('REFI-QDA importer under random mutation', () => {
  const isRefusal = (e: unknown) => e instanceof AppError && e.code === 'bad-input';

  it('the reader returns or refuses (bad-input naming the file) for mutated bytes of the foreign fixture', () => {
    const good = new Uint8Array(fs.readFileSync(FIXTURE));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), (flips) => {
        const bytes = Uint8Array.from(good);
        for (const [at, value] of flips) bytes[at] = value;
        try {
          readQdaProject(bytes, 'm.qdpx');
        } catch (e) {
          if (!isRefusal(e)) throw e;
          expect((e as AppError).subject).toBe('m.qdpx');
        }
      }),
      { numRuns: 150 },
    );
  });

  it('the importer, on mutated XML of a small stored project, either imports whole or writes nothing', async () => {
    const base = new TextDecoder().decode(readFileFromZip(project()));
    const pieces = ['<', '>', '"', '&', '&amp;', '<!DOCTYPE x>', '999', '-', '</Code>', '<Code guid="x" name="y" isCodable="true"/>', '\u0000', '𠮷', ''];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(base.length - 1), fc.nat(pieces.length - 1), fc.nat(6)), { minLength: 1, maxLength: 4 }), async (edits) => {
        let xml = base;
        for (const [at, piece, cut] of edits) xml = xml.slice(0, at) + pieces[piece] + xml.slice(Math.min(xml.length, at + cut));
        const bytes = writeZip({ 'project.qde': strToU8(xml), [`Sources/${g(2)}.txt`]: strToU8(TEXT) }, { level: 0 });
        const before = counts();
        try {
          const proj = readQdaProject(bytes, 'f.qdpx');
          const r = await importQdaProject({ db: ctx.db, author: 'fuzz' }, proj);
          // A successful import is whole: its annotations are all there; undo it for the next run.
          expect(counts()[0] - before[0]).toBe(r.annotationsCreated);
          ctx.db.prepare("DELETE FROM annotation_pillars WHERE annotation_id LIKE 'qda-%'").run();
          ctx.db.prepare("DELETE FROM annotation_tags WHERE annotation_id LIKE 'qda-%'").run();
          ctx.db.prepare("DELETE FROM annotations WHERE id LIKE 'qda-%'").run();
        } catch (e) {
          if (!isRefusal(e)) throw e;
          expect(counts()).toEqual(before);
        }
      }),
      { numRuns: 60 },
    );
  });
});
