// `workbench import PATH...`: bring an analyst's own sources into the library: files and folders
// (recursively). The CLI reads each file (its own shell's paths; regular files only, checked on
// the open descriptor) and sends the bytes through the typed API, one call per file, as the app's
// import dialog does: each file is its own transaction, two files in flight. A summary says what was imported, what
// was a duplicate and what failed (and why); exit code 1 when any file failed.
import path from 'node:path';
import { ApiError } from '../../../shared/api/client';
import type { ResponseOf } from '../../../shared/api/contract';
import { toErrorData, type AppErrorData } from '../../../shared/errors';
import type { DocumentKind } from '../../../shared/model';
import { mapWindowed } from '../../../shared/async/windowed';
import { collectSources, readSourceFile } from '../../import/files';
import { printJson, stringOpt, UsageError, withApi, type Command } from '../command';

type Imported = ResponseOf<'documents.import'> & { path: string };

/** Files sent at once: one being written, the next being prepared (two threads, two files). */
const IMPORT_WINDOW = 2;

export const importCommand: Command = {
  name: 'import',
  summary: 'Import files or folders (text, Markdown, HTML, Word .docx, PDF; UTF-8/16, Shift_JIS, EUC-JP, ISO-2022-JP) as documents.',
  usage: 'workbench import PATH... [--title T] [--date YYYY-MM-DD] [--issuer NAME] [--kind KIND] [--id ID] [--replace] [--password P] [--db PATH] [--json]',
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
    if (input.positionals.length === 0) throw new UsageError('a file or folder to import is required');
    const collected = collectSources(input.positionals);
    const title = stringOpt(input.values, 'title');
    const id = stringOpt(input.values, 'id');
    if (collected.files.length + collected.failed.length > 1 && (title !== undefined || id !== undefined)) {
      throw new UsageError('--title and --id name one document: give a single file with them');
    }
    return withApi(input, async (api) => {
      const imported: Imported[] = [];
      const duplicates: { path: string; documentId: string }[] = [];
      const failed: { path: string; error: AppErrorData }[] = [...collected.failed];
      // A file name seen earlier in this run belongs to another folder's file, not a new version.
      const seen = new Set<string>();
      const files = collected.files.map((p) => {
        const fileName = path.basename(p);
        const separate = seen.has(fileName);
        seen.add(fileName);
        return { p, fileName, separate };
      });
      const total = files.length;
      // Two files in flight: the next file is read and prepared on the import worker while this
      // one is written. The back end writes them in the order they were sent (import.ts,
      // importDocument), so names, versions and duplicates come out as one by one.
      const settled = await mapWindowed(files, IMPORT_WINDOW, async ({ p, fileName, separate }, i) => {
        if (!input.json && total > 1) input.io.err(`[${i + 1}/${total}] ${p}\n`);
        const bytes = readSourceFile(p);
        return api.call('documents.import', {
          fileName,
          contentBase64: bytes.toString('base64'),
          title,
          id,
          date: stringOpt(input.values, 'date'),
          issuer: stringOpt(input.values, 'issuer'),
          kind: stringOpt(input.values, 'kind') as DocumentKind | undefined,
          replace: !!input.values.replace,
          password: stringOpt(input.values, 'password'),
          ...(separate ? { separate: true } : {}),
        });
      });
      settled.forEach((r, i) => {
        const p = files[i].p;
        if (r.ok) {
          if (r.value.status === 'duplicate') duplicates.push({ path: p, documentId: r.value.document.id });
          else imported.push({ ...r.value, path: p });
          return;
        }
        // The subject is the path as the analyst gave it (the back end only knows the name).
        const error = r.error instanceof ApiError ? r.error.data : toErrorData(r.error);
        failed.push({ path: p, error: { ...error, subject: p } });
      });
      if (input.json) {
        printJson(input.io, {
          imported: imported.map((r) => ({
            documentId: r.document.id, title: r.document.title, encoding: r.encoding, format: r.format, pages: r.pages, statements: r.statements,
            path: r.path, status: r.status, version: r.version, removedControls: r.removedControls, reanchor: r.reanchor,
          })),
          duplicates,
          failed,
        });
      } else {
        for (const r of imported) {
          const how = r.status === 'new-version' ? `Imported version ${r.version} of` : 'Imported';
          const extra = [r.format, r.encoding, r.pages !== null ? `${r.pages} pages` : null, r.removedControls ? `${r.removedControls} control characters removed` : null].filter(Boolean).join(', ');
          input.io.out(`${how} ${r.document.id} “${r.document.title}”: ${r.statements} statements (${extra}).\n`);
          if (r.reanchor && r.reanchor.total > 0) {
            input.io.out(`  annotations: ${r.reanchor.total - r.reanchor.orphaned} placed (${r.reanchor.moved.length} moved), ${r.reanchor.orphaned} orphaned\n`);
            for (const m of r.reanchor.moved) input.io.out(`    moved: “${m.quote}” ${m.from ?? '?'} → ${m.to ?? '?'}\n`);
            for (const o of r.reanchor.orphans) input.io.out(`    orphaned: “${o.quote}” (was at ${o.from ?? '?'})\n`);
          }
        }
        for (const d of duplicates) input.io.out(`Duplicate: ${d.path} is already imported as ${d.documentId}; nothing written.\n`);
        for (const f of failed) input.io.err(`Failed: ${f.error.message[input.lang]}\n`);
        const count = imported.length + duplicates.length + failed.length;
        if (count > 1) input.io.out(`${imported.length} imported, ${duplicates.length} duplicate, ${failed.length} failed.\n`);
      }
      return failed.length > 0 ? 1 : 0;
    });
  },
};
