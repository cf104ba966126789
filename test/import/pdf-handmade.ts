// Writes small PDFs by hand for the import tests: pages of text in a NON-embedded Japanese CID
// font (Ryumin-Light, Adobe-Japan1, horizontal or vertical), page labels, image-only pages, a
// user password (RC4, revision 2), and documents of any length, with a correct xref table.
import crypto from 'node:crypto';

export interface HandPage {
  /** Content stream operators, e.g. from `textAt`. */
  content: string;
  /** An image-only page (a scan): the content draws one image and no text. */
  image?: boolean;
}

export interface HandPdf {
  pages: HandPage[];
  /** /PageLabels number tree entries, e.g. `0 << /S /r >> 2 << /S /D >>`. */
  pageLabels?: string;
  /** Encrypt with RC4 40-bit (standard security handler, revision 2) under this user password. */
  userPassword?: string;
}

/** A line of text as UTF-16BE hex for the UniJIS-UCS2 CMaps: the font's code is the character. */
export function ucs2Hex(text: string): string {
  return [...text].map((c) => c.charCodeAt(0).toString(16).padStart(4, '0')).join('');
}

/**
 * Text at (x, y) in font /F1 (Ryumin-Light, horizontal: UniJIS-UCS2-H), /F2 (vertical: UniJIS-UCS2-V),
 * /F3 (Identity-H CIDs), /F4 (Helvetica), /F6 (GothicBBB-Medium, a regular Gothic) or /F7 (ＭＳ ゴシック,Bold,
 * its name in Shift_JIS bytes as Word writes it: a bold Gothic). All Japanese fonts are non-embedded.
 */
export function textAt(font: 'F1' | 'F2' | 'F4' | 'F6' | 'F7', size: number, x: number, y: number, text: string): string {
  const shown = font === 'F4' ? `(${text.replace(/[()\\]/g, '\\$&')})` : `<${ucs2Hex(text)}>`;
  return `BT /${font} ${size} Tf ${x} ${y} Td ${shown} Tj ET\n`;
}

/** Text by Adobe-Japan1 CIDs in the Identity-H font /F3 or the Identity-V font /F5 (what older government PDFs hold). */
export function cidsAt(size: number, x: number, y: number, cids: readonly number[], font: 'F3' | 'F5' = 'F3'): string {
  return `BT /${font} ${size} Tf ${x} ${y} Td <${cids.map((c) => c.toString(16).padStart(4, '0')).join('')}> Tj ET\n`;
}

const PAD = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');

function rc4(key: Buffer, data: Buffer): Buffer {
  const s = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i] + key[i % key.length]) & 255;
    [s[i], s[j]] = [s[j], s[i]];
  }
  const out = Buffer.alloc(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 255;
    j = (j + s[i]) & 255;
    [s[i], s[j]] = [s[j], s[i]];
    out[n] = data[n] ^ s[(s[i] + s[j]) & 255];
  }
  return out;
}

function md5(...parts: Buffer[]): Buffer {
  const h = crypto.createHash('md5');
  for (const p of parts) h.update(p);
  return h.digest();
}

function padded(password: string): Buffer {
  return Buffer.concat([Buffer.from(password, 'latin1'), PAD]).subarray(0, 32);
}

/** Builds the file: objects in order, xref offsets computed, trailer with /ID (and /Encrypt). */
export function buildPdf(doc: HandPdf): Uint8Array {
  const objects: (string | { dict: string; stream: Buffer })[] = [];
  const add = (o: string | { dict: string; stream: Buffer }): number => objects.push(o);
  const catalog = add('');
  const pagesObj = add('');
  const descendantH = add('<< /Type /Font /Subtype /CIDFontType0 /BaseFont /Ryumin-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 2 >> /FontDescriptor 0 0 R /DW 1000 >>');
  const descriptor = add('<< /Type /FontDescriptor /FontName /Ryumin-Light /Flags 6 /FontBBox [-170 -331 1024 903] /ItalicAngle 0 /Ascent 723 /Descent -241 /CapHeight 709 /StemV 69 >>');
  objects[descendantH - 1] = (objects[descendantH - 1] as string).replace('/FontDescriptor 0 0 R', `/FontDescriptor ${descriptor} 0 R`);
  const f1 = add(`<< /Type /Font /Subtype /Type0 /BaseFont /Ryumin-Light-UniJIS-UCS2-H /Encoding /UniJIS-UCS2-H /DescendantFonts [${descendantH} 0 R] >>`);
  const f2 = add(`<< /Type /Font /Subtype /Type0 /BaseFont /Ryumin-Light-UniJIS-UCS2-V /Encoding /UniJIS-UCS2-V /DescendantFonts [${descendantH} 0 R] >>`);
  const f3 = add(`<< /Type /Font /Subtype /Type0 /BaseFont /Ryumin-Light-Identity-H /Encoding /Identity-H /DescendantFonts [${descendantH} 0 R] >>`);
  const f4 = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const f5 = add(`<< /Type /Font /Subtype /Type0 /BaseFont /Ryumin-Light-Identity-V /Encoding /Identity-V /DescendantFonts [${descendantH} 0 R] >>`);
  const gothicDescriptor = add('<< /Type /FontDescriptor /FontName /GothicBBB-Medium /Flags 4 /FontBBox [-174 -268 1001 944] /ItalicAngle 0 /Ascent 752 /Descent -271 /CapHeight 737 /StemV 99 >>');
  const gothic = add(`<< /Type /Font /Subtype /CIDFontType0 /BaseFont /GothicBBB-Medium /CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 2 >> /FontDescriptor ${gothicDescriptor} 0 R /DW 1000 >>`);
  const f6 = add(`<< /Type /Font /Subtype /Type0 /BaseFont /GothicBBB-Medium-UniJIS-UCS2-H /Encoding /UniJIS-UCS2-H /DescendantFonts [${gothic} 0 R] >>`);
  // ＭＳ ゴシック,Bold: Word's synthetic bold of a TrueType font, the name in Shift_JIS (#82l = Ｍ …).
  const msGothicBold = '#82l#82r#20#83S#83V#83b#83N,Bold';
  const boldDescriptor = add(`<< /Type /FontDescriptor /FontName /${msGothicBold} /Flags 262148 /FontBBox [0 -141 1000 859] /ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 859 /StemV 156 /FontWeight 700 >>`);
  const bold = add(`<< /Type /Font /Subtype /CIDFontType2 /BaseFont /${msGothicBold} /CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 2 >> /FontDescriptor ${boldDescriptor} 0 R /DW 1000 >>`);
  const f7 = add(`<< /Type /Font /Subtype /Type0 /BaseFont /${msGothicBold} /Encoding /UniJIS-UCS2-H /DescendantFonts [${bold} 0 R] >>`);
  // A 2×2 grey image: all a scanned page has.
  const image = add({ dict: '<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8', stream: Buffer.from([40, 200, 200, 40]) });
  const resources = `<< /Font << /F1 ${f1} 0 R /F2 ${f2} 0 R /F3 ${f3} 0 R /F4 ${f4} 0 R /F5 ${f5} 0 R /F6 ${f6} 0 R /F7 ${f7} 0 R >> /XObject << /Im1 ${image} 0 R >> >>`;
  const pageIds: number[] = [];
  for (const p of doc.pages) {
    const content = p.image ? 'q 500 0 0 700 50 70 cm /Im1 Do Q\n' : p.content;
    const c = add({ dict: '<<', stream: Buffer.from(content, 'latin1') });
    pageIds.push(add(`<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 595 842] /Resources ${resources} /Contents ${c} 0 R >>`));
  }
  objects[pagesObj - 1] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`;
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R${doc.pageLabels ? ` /PageLabels << /Nums [${doc.pageLabels}] >>` : ''} >>`;

  const id = crypto.createHash('md5').update(`handmade-${doc.pages.length}`).digest();
  let fileKey: Buffer | null = null;
  let encryptId: number | null = null;
  if (doc.userPassword !== undefined) {
    const P = -44; // print + copy allowed, as an ordinary "open password" PDF has
    const owner = rc4(md5(padded('owner-secret')).subarray(0, 5), padded(doc.userPassword));
    const p = Buffer.alloc(4);
    p.writeInt32LE(P);
    fileKey = md5(padded(doc.userPassword), owner, p, id).subarray(0, 5);
    const user = rc4(fileKey, PAD);
    encryptId = add(`<< /Filter /Standard /V 1 /R 2 /Length 40 /O <${owner.toString('hex')}> /U <${user.toString('hex')}> /P ${P} >>`);
  }

  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = chunks[0].length;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    const num = i + 1;
    offsets.push(offset);
    let body: Buffer;
    // Every string and stream of an encrypted file is encrypted with its object's own key.
    const objKey = fileKey && num !== encryptId ? md5(fileKey, Buffer.from([num & 255, (num >> 8) & 255, (num >> 16) & 255, 0, 0])).subarray(0, 10) : null;
    if (typeof o === 'string') {
      const dict = objKey ? o.replace(/\(([^()\\]*)\)/g, (_, str: string) => `<${rc4(objKey, Buffer.from(str, 'latin1')).toString('hex')}>`) : o;
      body = Buffer.from(`${num} 0 obj\n${dict}\nendobj\n`, 'latin1');
    } else {
      const data = objKey ? rc4(objKey, o.stream) : o.stream;
      body = Buffer.concat([Buffer.from(`${num} 0 obj\n${o.dict} /Length ${data.length} >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream\nendobj\n', 'latin1')]);
    }
    chunks.push(body);
    offset += body.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  const trailer = `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R /ID [<${id.toString('hex')}> <${id.toString('hex')}>]${encryptId ? ` /Encrypt ${encryptId} 0 R` : ''} >>\nstartxref\n${offset}\n%%EOF\n`;
  chunks.push(Buffer.from(xref + trailer, 'latin1'));
  return new Uint8Array(Buffer.concat(chunks));
}
