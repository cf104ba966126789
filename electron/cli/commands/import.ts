// `workbench import FILE`: bring an analyst's own source into the library.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import type { DocumentKind } from '../../../shared/model';
import { printJson, stringOpt, UsageError, withApi, type Command } from '../command';

export const importCommand: Command = {
  name: 'import',
  summary: 'Import a text, Markdown, HTML (UTF-8, Shift_JIS, EUC-JP) or PDF file as a document.',
  usage: 'workbench import FILE [--title T] [--date YYYY-MM-DD] [--issuer NAME] [--kind KIND] [--id ID] [--replace] [--password PW] [--db PATH] [--json]',
  options: {
    title: { type: 'string' },
    date: { type: 'string' },
    issuer: { type: 'string' },
    kind: { type: 'string' },
    id: { type: 'string' },
    replace: { type: 'boolean' },
    password: { type: 'string' },
  },
  run: (input) => {
    const [file] = input.positionals;
    if (!file) throw new UsageError('a file to import is required');
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'error';
      throw new AppError('io', { ja: `${file} を読めません（${code}）。`, en: `Cannot read ${file} (${code}).` }, { subject: file, cause: e });
    }
    // Reading the file is the CLI's part (the user's own shell and paths); the import itself goes
    // through the API, as the app's import dialog sends it. The name as typed names the file in
    // messages; the API caps names at 260 characters, enough for any name but not every path.
    return withApi(input, async (api) => {
      const r = await api.call('documents.import', {
        fileName: file.length <= 260 ? file : path.basename(file),
        contentBase64: bytes.toString('base64'),
        title: stringOpt(input.values, 'title'),
        date: stringOpt(input.values, 'date'),
        issuer: stringOpt(input.values, 'issuer'),
        kind: stringOpt(input.values, 'kind') as DocumentKind | undefined,
        id: stringOpt(input.values, 'id'),
        replace: !!input.values.replace,
        password: stringOpt(input.values, 'password'),
      });
      const { document } = r;
      if (input.json) printJson(input.io, { document, statements: r.statements, replaced: r.replaced, encoding: r.encoding, ...(r.pages ? { pages: r.pages } : {}) });
      else input.io.out(`${r.replaced ? 'Replaced' : 'Imported'} ${document.id} “${document.title}”: ${r.statements} statements (${r.pages ? `PDF, ${r.pages} pages` : r.encoding}).\n`);
      return 0;
    });
  },
};
