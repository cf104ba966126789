// `workbench library check|rebuild`: the library (the corpus and its search index, beside the
// workspace) checked in full now, or set aside and rebuilt from the bundled corpus and the stored
// originals. Both go through the API (`library.check`, `library.rebuild`); progress goes to stderr,
// stdout stays the answer. A rebuild is refused, naming the holder, while another process has the
// workspace open, as a restore is.
import type { ResponseOf } from '../../../shared/api/contract';
import { onLibraryProgress, type LibraryProgress } from '../../backup/library-check';
import { libraryOpenReport, type LibraryOpenReport } from '../../store/library';
import { printJson, UsageError, withApi, type CliIO, type Command } from '../command';

type Lang = 'ja' | 'en';

/** Progress lines: every PERCENT_STEP per cent of a check, every document of a rebuild. */
const PERCENT_STEP = 10;

function progressPrinter(io: CliIO, lang: Lang): (p: LibraryProgress) => void {
  let lastPercent = -PERCENT_STEP;
  return (p) => {
    if (p.phase === 'checking') {
      if (p.percent < lastPercent + PERCENT_STEP && p.percent !== 100) return;
      lastPercent = p.percent;
      io.err(`${lang === 'ja' ? 'ライブラリを検査しています' : 'Checking the library'}: ${p.percent} %\n`);
    } else if (p.total > 0) {
      io.err(`${lang === 'ja' ? 'ライブラリを再構築しています' : 'Rebuilding the library'}: ${p.done}/${p.total}${p.document ? ` ${p.document}` : ''}\n`);
    }
  };
}

const REASONS: Record<NonNullable<LibraryOpenReport['reason']>, { ja: string; en: string }> = {
  missing: { ja: 'ありませんでした', en: 'was missing' },
  damaged: { ja: '読めませんでした（壊れています）', en: 'could not be read (damaged)' },
  'other-workspace': { ja: '別のワークスペースのものでした', en: "belonged to another workspace" },
  'old-schema': { ja: '古い形式でした', en: 'was at an old schema' },
  'check-failed': { ja: '前回の検査で問題が見つかっていました', en: 'had been flagged by an earlier check' },
};

/** What opening did to the library before the check ran, in words (empty when it was used as it was). */
function atOpen(report: LibraryOpenReport | undefined, lang: Lang): string {
  if (report?.state !== 'created' || !report.reason) return '';
  const why = REASONS[report.reason][lang];
  const kept = report.setAside ? (lang === 'ja' ? `（元のファイルは ${report.setAside} に残しています）` : ` (the old file is kept as ${report.setAside})`) : '';
  return lang === 'ja' ? `ライブラリは${why}ため、開く際に再構築しました${kept}。\n` : `The library ${why}, so it was rebuilt when the workspace was opened${kept}.\n`;
}

function describeCheck(r: ResponseOf<'library.check'>, lang: Lang): string {
  const secs = (r.elapsedMs / 1000).toFixed(1);
  if (r.ok) {
    return lang === 'ja'
      ? `ライブラリに問題は見つかりませんでした（${r.slices} 区画、${r.rows} 行、${secs} 秒）。\n`
      : `The library passed its check: no problems in ${r.slices} slices, ${r.rows} rows (${secs} s).\n`;
  }
  const list = r.problems.map((p) => `  - ${p}\n`).join('');
  return lang === 'ja'
    ? `ライブラリに問題が ${r.problems.length} 件見つかりました（${r.slices} 区画目、${secs} 秒）:\n${list}次に開くときに再構築されます。今すぐ再構築するには workbench library rebuild を実行してください。注釈などワークスペースのデータには影響しません。\n`
    : `The library check found ${r.problems.length} problem(s) (at slice ${r.slices}, ${secs} s):\n${list}It is flagged and will be rebuilt at the next open; run \`workbench library rebuild\` to rebuild it now. Annotations and the rest of the workspace are not affected.\n`;
}

function describeRebuild(r: ResponseOf<'library.rebuild'>, lang: Lang): string {
  const secs = (r.elapsedMs / 1000).toFixed(1);
  const failed = r.failed.map((f) => `  - ${f.documentId}: ${f.message[lang]}\n`).join('');
  if (lang === 'ja') {
    return (
      `ライブラリを再構築しました: 文書 ${r.documents} 件、発言 ${r.statements} 件（取り込んだ文書 ${r.restored.length} 件を保存済みの原本から再読込、${secs} 秒）。注釈は変更していません。\n` +
      (r.setAside ? `元のライブラリは ${r.setAside} に残しています。\n` : '') +
      (failed ? `再読込できなかった文書（記録と注釈は残しています）:\n${failed}` : '')
    );
  }
  return (
    `Rebuilt the library: ${r.documents} documents, ${r.statements} statements (${r.restored.length} imported read again from their stored originals, ${secs} s). Annotations were not touched.\n` +
    (r.setAside ? `The old library is kept as ${r.setAside}.\n` : '') +
    (failed ? `Could not be read again (their records and annotations are kept):\n${failed}` : '')
  );
}

export const libraryCommand: Command = {
  name: 'library',
  summary: 'Check the library (corpus and search index) in full now, or rebuild it from the bundled corpus and the stored originals.',
  usage: 'workbench library check|rebuild [--db PATH] [--json] [--lang ja|en]',
  run: async (input) => {
    const [action, ...rest] = input.positionals;
    if (rest.length > 0 || (action !== 'check' && action !== 'rebuild')) throw new UsageError('say `library check` or `library rebuild`');
    return withApi(
      input,
      async (api, ctx) => {
        const stop = onLibraryProgress(ctx.db.name, progressPrinter(input.io, input.lang));
        try {
          if (action === 'check') {
            const opened = libraryOpenReport(ctx.db);
            const result = await api.call('library.check', {});
            const { library } = await api.call('storage.status', {});
            if (input.json) printJson(input.io, { ...result, library, rebuiltAtOpen: opened?.state === 'created' ? { reason: opened.reason ?? null, setAside: opened.setAside ?? null } : null });
            else input.io.out(atOpen(opened, input.lang) + describeCheck(result, input.lang));
            return result.ok ? 0 : 1;
          }
          const result = await api.call('library.rebuild', { confirm: true });
          if (input.json) printJson(input.io, result);
          else input.io.out(describeRebuild(result, input.lang));
          return 0;
        } finally {
          stop();
        }
      },
      // A check looks at the library as an open leaves it (rebuilt there if it was missing or unreadable); a rebuild fills it itself.
      { ingest: action === 'check' },
    );
  },
};
